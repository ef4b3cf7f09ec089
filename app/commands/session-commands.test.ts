import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMisbehavingProvider, type MisbehavingProvider } from '../auth/test-support/misbehaving-provider.js';
import { protocolSchemeFor } from '../config/app-identity.js';
import { profileSchema, type Profile } from '../config/profile.js';
import type { SupervisorState } from '../common/contract.js';
import { systemClock } from '../ports/clock.js';
import { nullLogger } from '../ports/logger.js';
import { MemorySecretStore } from '../ports/secret-store.js';
import { MemorySettingsStore } from '../ports/settings-store.js';
import type { Session } from '../session/session.js';
import { createSupervisor, type Supervisor } from '../supervisor.js';
import { completeSignIn, type SignInSteps } from './session-commands.js';

/**
 * Session commands through the core facade, on real parts: the real sandbox provider (issuing
 * refresh tokens) behind a real HTTP proxy that counts requests, the real broker and a real bot
 * process. Sign-out (S29) must delete the stored token, revoke the run secrets, and call the
 * provider's revocation endpoint.
 */
const scheme = protocolSchemeFor('development');
const botSource = `
import { renameSync, writeFileSync } from 'node:fs';
// Test-only: hands its broker credentials to the test through a private temp file.
const out = process.env.SECRET_OUT;
writeFileSync(out + '.tmp', JSON.stringify({ brokerUrl: process.env.RPA_BROKER_URL, secret: process.env.RPA_RUN_SECRET }));
renameSync(out + '.tmp', out);
console.log('ready');
// Runs until stopped, or until the supervisor goes away and stdin closes.
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
`;

let provider: MisbehavingProvider;
let dir: string;
let supervisor: Supervisor;
let profile: Profile;
let revocationPath: string;
const secrets = new MemorySecretStore();
const secretFile = () => join(dir, 'run-credentials.json');

beforeAll(async () => {
  provider = await startMisbehavingProvider({ customSchemes: [scheme], issueRefreshTokens: true });
  const discovery = (await (await fetch(`${provider.issuer}/.well-known/openid-configuration`)).json()) as { revocation_endpoint: string };
  revocationPath = new URL(discovery.revocation_endpoint).pathname;
  dir = await mkdtemp(join(tmpdir(), 'rpa-session-commands-'));
  const botsDir = join(dir, 'bots');
  await mkdir(botsDir);
  await writeFile(join(botsDir, 'credential-keeper.mjs'), botSource);
  await writeFile(
    join(botsDir, 'credential-keeper.bot.json'),
    JSON.stringify({
      id: 'credential-keeper',
      name: 'Credential keeper',
      command: 'node',
      args: ['./credential-keeper.mjs'],
      profileId: 'clinic',
      env: { SECRET_OUT: secretFile() },
    }),
  );
  profile = profileSchema.parse({
    id: 'clinic',
    name: 'Clinic',
    kind: 'oidc',
    issuer: provider.issuer,
    clientId: provider.sandbox.clientId,
    scopes: ['openid', 'profile', 'api'],
  });
  supervisor = await createSupervisor({
    ports: {
      browser: { open: async () => undefined },
      secrets,
      settings: new MemorySettingsStore(),
      clock: systemClock,
      notifier: { notify: () => undefined },
      logger: nullLogger,
    },
    dataDir: join(dir, 'data'),
    flavour: 'development',
    botsDir,
    profiles: [profile],
  });
});

afterAll(async () => {
  await supervisor?.shutdown();
  await provider?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const clinic = (state: SupervisorState) => state.sessions.find((s) => s.profileId === 'clinic');

async function askBroker(credentials: { brokerUrl: string; secret: string }): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${credentials.brokerUrl}/v1/token?minValidityMs=0&waitMs=0`, {
    headers: { authorization: `RunSecret ${credentials.secret}` },
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('session commands', () => {
  it('S29 signOut: the stored token is deleted, run secrets are revoked, and the provider revokes the tokens', async () => {
    const { api } = supervisor;
    // Sign in: the "system browser" logs in and the OS hands the callback to deep-link intake.
    const { authorizationUrl } = await api.invoke('signIn', { profileId: 'clinic' });
    await supervisor.deliverRedirect(await provider.sandbox.completeLoginWithoutBrowser(authorizationUrl));
    expect(clinic(await api.invoke('getState', {}))?.status).toBe('active');
    const stored = JSON.parse((await secrets.get('session:clinic')) ?? '{}') as { refreshToken?: string };
    expect(stored.refreshToken).toEqual(expect.any(String));

    // A bot is running and its secret works.
    const run = await api.invoke('startRun', { botId: 'credential-keeper' });
    await expect.poll(() => existsSync(secretFile()), { timeout: 15_000 }).toBe(true);
    const credentials = JSON.parse(await readFile(secretFile(), 'utf8')) as { brokerUrl: string; secret: string };
    expect(await askBroker(credentials)).toMatchObject({ status: 200 });

    const revocations = provider.count(revocationPath);
    await api.invoke('signOut', { profileId: 'clinic' });

    const state = await api.invoke('getState', {});
    expect(clinic(state)?.status).toBe('signedOut');
    expect(await secrets.get('session:clinic')).toBeUndefined();
    // The run was halted, naming who signed out, and its secret no longer works.
    expect(state.runs.find((r) => r.id === run.id)).toMatchObject({ status: 'halted', haltedBy: 'signOut', reason: 'Dr Demo Supervisor signed out.' });
    expect(await askBroker(credentials)).toMatchObject({ status: 401, body: { error: 'run_finished' } });
    // The revocation endpoint was called (refresh token, then access token)…
    expect(provider.count(revocationPath) - revocations).toBe(2);
    expect(state.notices.map((n) => n.code)).not.toContain('revocation_failed');
    // …and the provider really forgot the refresh token.
    const client = await oidc.discovery(new URL(provider.issuer), provider.sandbox.clientId, undefined, oidc.None(), {
      execute: [oidc.allowInsecureRequests],
    });
    await expect(oidc.refreshTokenGrant(client, stored.refreshToken as string)).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  it('after sign-out no stale sign-in error remains: a refused re-authentication is forgotten with the session', async () => {
    const { api } = supervisor;
    const { authorizationUrl } = await api.invoke('signIn', { profileId: 'clinic' });
    await supervisor.deliverRedirect(await provider.sandbox.completeLoginWithoutBrowser(authorizationUrl));
    expect(clinic(await api.invoke('getState', {}))?.status).toBe('active');

    // A re-authentication the person abandons at the provider: the error shows beside the live session.
    const again = new URL((await api.invoke('signIn', { profileId: 'clinic' })).authorizationUrl);
    const refused = new URL(again.searchParams.get('redirect_uri') as string);
    refused.search = new URLSearchParams({ error: 'access_denied', state: again.searchParams.get('state') as string, iss: provider.issuer }).toString();
    await supervisor.deliverRedirect(refused.toString());
    expect(clinic(await api.invoke('getState', {}))).toMatchObject({ status: 'active', error: { code: 'provider_refused' } });

    await api.invoke('signOut', { profileId: 'clinic' });
    const after = clinic(await api.invoke('getState', {}));
    expect(after?.status).toBe('signedOut');
    expect(after?.error).toBeUndefined();
  });
});

describe('completeSignIn', () => {
  const profileOf = (kind: 'oidc' | 'partner') => profileSchema.parse({ id: 'p', name: 'P', kind, issuer: 'https://id.example', clientId: 'c' });
  const session = { profileId: 'p', subject: 'demo' } as Session;
  const link = { kind: 'authCallback', route: 'customScheme', state: 's', answer: { kind: 'code', search: '?code=c&state=s' } } as const;

  function steps(kind: 'oidc' | 'partner', connect: () => Promise<unknown>) {
    const calls: string[] = [];
    const fake = {
      signIn: {
        redeem: async () => ({ kind: 'redeemed' as const, profile: profileOf(kind), session, purpose: kind === 'partner' ? ('connectCompany' as const) : ('signIn' as const), state: 's' }),
        succeed: (_r: unknown, reauthenticated: boolean) => void calls.push(`succeed:${reauthenticated}`),
        fail: (_a: unknown, error: unknown) => {
          calls.push('fail');
          return { code: (error as { code: string }).code, message: 'failed' };
        },
      },
      // Nobody else is signed in: a connecting sign-in becomes the session.
      sessions: { establish: async () => (calls.push('establish'), true), session: () => undefined, status: () => ({ status: 'signedOut' }) },
      companies: {
        connect: async () => {
          calls.push('connect');
          await connect();
          return { companyId: 'c1' };
        },
      },
    };
    return { calls, steps: fake as unknown as SignInSteps };
  }

  it('puts the redeemed session in place, then ends the attempt', async () => {
    const { calls, steps: s } = steps('oidc', async () => undefined);
    expect(await completeSignIn(s, link)).toEqual({ kind: 'signedIn', profileId: 'p' });
    expect(calls).toEqual(['establish', 'succeed:true']);
  });

  it('HCSS: the company is recorded before the session serves bots; if that fails, no session is put in place', async () => {
    const ok = steps('partner', async () => undefined);
    expect(await completeSignIn(ok.steps, link)).toEqual({ kind: 'signedIn', profileId: 'p', companyConnected: { companyId: 'c1', person: { subject: 'demo' } } });
    expect(ok.calls).toEqual(['connect', 'establish', 'succeed:true']);
    const missing = steps('partner', () => Promise.reject(Object.assign(new Error('no claim'), { code: 'company_claim_missing' })));
    expect(await completeSignIn(missing.steps, link)).toEqual({ kind: 'failed', profileId: 'p', error: { code: 'company_claim_missing', message: 'failed' } });
    expect(missing.calls).toEqual(['connect', 'fail']);
  });
});
