import { startSignInRig } from '../../commands/test-support/sign-in-rig.js';
import { profileSchema, type Profile } from '../../config/profile.js';
import type { SecretStore } from '../../ports/secret-store.js';
import { discoveryTimeoutMs } from '../provider-discovery.js';
import type { MisbehavingProvider, Rewrite } from './misbehaving-provider.js';
import { useMisbehavingProvider } from './use-misbehaving-provider.js';

/**
 * Shared by the provider-faults-*.test.ts files: sections B and C of the security matrix against
 * the real sandbox, behind a real HTTP server that rewrites or withholds its answers
 * (misbehaving-provider.ts).
 */
export const scheme = 'uk.co.rpasupervisor.dev';
export const partner = { clientId: 'partner-client', clientSecret: 'partner-secret-for-tests' };

/**
 * One misbehaving provider for the test file (see useMisbehavingProvider), handed to `started`
 * so the tests can make it misbehave, and the helpers that sign in through it.
 */
export function useProviderFaults(started: (provider: MisbehavingProvider) => void) {
  let provider: MisbehavingProvider;
  const live = useMisbehavingProvider({ customSchemes: [scheme], confidentialClient: partner, accessTokenTtlSeconds: 3600 }, (running) => {
    provider = running;
    started(running);
  });

  /**
   * `timeoutMs` is the product default unless a test is about a provider that hangs: a tight bound
   * on every request would fail ordinary sign-ins on a busy computer, not just hanging ones.
   */
  async function setup(overrides: Partial<Profile> = {}, clientSecret?: string, options: { timeoutMs?: number; secrets?: SecretStore } = {}) {
    const logs: string[] = [];
    const record = (m: string, f?: object) => void logs.push(`${m} ${JSON.stringify(f ?? {})}`);
    const logger = { info: record, warn: record, error: record };
    const profile = profileSchema.parse({
      id: 'faulty',
      name: 'Faulty provider',
      kind: 'oidc',
      issuer: provider.issuer,
      clientId: provider.sandbox.clientId,
      scopes: ['openid', 'profile', 'api'],
      ...overrides,
    });
    const opened: string[] = [];
    const rig = await startSignInRig({
      scheme,
      profiles: [profile],
      logger,
      browser: { open: async (url) => void opened.push(url) },
      ...(clientSecret === undefined ? {} : { clientSecrets: { [profile.id]: clientSecret } }),
      timeoutMs: options.timeoutMs ?? discoveryTimeoutMs,
      ...(options.secrets ? { secrets: options.secrets } : {}),
    });
    live.push(rig);
    const { signIn: service, sessions, secrets } = rig;
    const signIn = async () => {
      const { authorizationUrl } = await rig.start(profile.id);
      const callback = await provider.sandbox.completeLoginWithoutBrowser(authorizationUrl);
      return { callback, code: new URL(callback).searchParams.get('code') as string, outcome: await rig.deliver(callback) };
    };
    return { rig, service, sessions, secrets, logs, profile, signIn, opened };
  }

  /** Rewrites the token response's JSON, keeping the real tokens unless changed. */
  function tokenJson(change: (json: Record<string, unknown>) => void | Promise<void>): void {
    provider.rewrite('/token', async (upstream): Promise<Rewrite> => {
      const json = { ...(upstream.json ?? {}) };
      await change(json);
      return { status: upstream.status, body: JSON.stringify(json) };
    });
  }

  function idToken(change: Parameters<MisbehavingProvider['resign']>[1]): void {
    tokenJson(async (json) => {
      json.id_token = await provider.resign(json.id_token as string, change);
    });
  }

  return { setup, tokenJson, idToken };
}
