import { startSignInRig } from '../../commands/test-support/sign-in-rig.js';
import { sandboxProfile } from '../../config/profile-registry.js';
import type { Profile } from '../../config/profile.js';
import type { RunningSandbox } from '../../sandbox/sandbox-provider.js';
import type { FakeClock } from '../../test-support/fake-clock.js';
import type { SignInEvent } from '../sign-in-service.js';
import type { MisbehavingProvider } from './misbehaving-provider.js';
import { useMisbehavingProvider } from './use-misbehaving-provider.js';

export const scheme = 'uk.co.rpasupervisor.dev';

/** What the sign-in-service-*.test.ts files sign in against, once the provider has started. */
export interface SignInServiceSandbox {
  /** The recording server in front of the sandbox, so a test can read the token requests the app sent. */
  provider: MisbehavingProvider;
  sandbox: RunningSandbox;
  profile: Profile;
}

/**
 * Integration: the real sandbox provider (oidc-provider, PKCE enforced), real HTTP and, for the
 * main journey, real Chromium doing the login. Nothing here mocks fetch or the provider. Answers
 * are handed over as a host does (parsed once, completed by `completeSignIn`). The app reaches the
 * sandbox through a recording HTTP server that forwards every request verbatim
 * (misbehaving-provider.ts, with no rule set), so the tests can read the token requests the app
 * itself sent. One provider per test file, handed to `started`; every rig is disposed after its test.
 */
export function useSignInService(started: (running: SignInServiceSandbox) => void) {
  let profile: Profile;
  let sandbox: RunningSandbox;
  const live = useMisbehavingProvider({ customSchemes: [scheme] }, (provider) => {
    sandbox = provider.sandbox;
    profile = sandboxProfile(sandbox);
    started({ provider, sandbox, profile });
  });

  async function setup(overrides: Partial<Profile> = {}, clock?: FakeClock) {
    const opened: string[] = [];
    const logs: string[] = [];
    const events: SignInEvent[] = [];
    const record = (m: string, f?: object) => void logs.push(`${m} ${JSON.stringify(f ?? {})}`);
    const logger = { info: record, warn: record, error: record };
    const rig = await startSignInRig({ scheme, profiles: [{ ...profile, ...overrides }], logger, browser: { open: async (url) => void opened.push(url) }, ...(clock ? { clock } : {}) });
    rig.signIn.onDidEvent((e) => events.push(e));
    live.push(rig);
    return { rig, service: rig.signIn, sessions: rig.sessions, opened, logs, events };
  }

  async function startAndLogIn(rig: Awaited<ReturnType<typeof setup>>['rig']): Promise<string> {
    const { authorizationUrl } = await rig.start(profile.id);
    return sandbox.completeLoginWithoutBrowser(authorizationUrl);
  }

  return { setup, startAndLogIn };
}
