import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKeyPair, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { startSignInRig } from '../commands/test-support/sign-in-rig.js';
import { profileSchema, type Profile } from '../config/profile.js';
import { systemClock } from '../ports/clock.js';
import { nullLogger } from '../ports/logger.js';
import { MemorySecretStore } from '../ports/secret-store.js';
import { MemorySettingsStore } from '../ports/settings-store.js';
import { createSupervisor, type Supervisor } from '../supervisor.js';
import type { MisbehavingProvider, Rewrite } from './test-support/misbehaving-provider.js';
import { useMisbehavingProvider } from './test-support/use-misbehaving-provider.js';

/**
 * Verified identity (S53) and key rotation (S54) against the real sandbox behind a real HTTP
 * server that forges, re-signs or rotates what the provider issues.
 */
const scheme = 'uk.co.rpasupervisor.dev';
let provider: MisbehavingProvider;

const live = useMisbehavingProvider({ customSchemes: [scheme], accessTokenTtlSeconds: 3600 }, (started) => {
  provider = started;
});

/** A profile shaped like Healthcode's seed by default: no `openid` scope, so no ID token. */
async function setup(overrides: Partial<Profile> = {}) {
  const logs: string[] = [];
  const record = (m: string, f?: object) => void logs.push(`${m} ${JSON.stringify(f ?? {})}`);
  const profile = profileSchema.parse({
    id: 'verified',
    name: 'Verified provider',
    kind: 'oidc',
    issuer: provider.issuer,
    clientId: provider.sandbox.clientId,
    scopes: ['api'],
    ...overrides,
  });
  const rig = await startSignInRig({ scheme, profiles: [profile], logger: { info: record, warn: record, error: record } });
  live.push(rig);
  const completed: string[] = [];
  live.push(rig.signIn.onDidEvent((event) => void (event.type === 'completed' && completed.push(event.subject))));
  const signIn = async () => {
    const { authorizationUrl } = await rig.start(profile.id);
    return rig.deliver(await provider.sandbox.completeLoginWithoutBrowser(authorizationUrl));
  };
  return { rig, profile, signIn, logs, completed };
}

/** Replaces the access token with `forge(real token)` in the token endpoint's answer. */
function forgeAccessToken(forge: (token: string) => Promise<string>): void {
  provider.rewrite('/token', async (upstream): Promise<Rewrite> => {
    const json = { ...(upstream.json ?? {}) };
    json.access_token = await forge(json.access_token as string);
    return { status: upstream.status, body: JSON.stringify(json) };
  });
}

const impostor = (claims: Record<string, unknown>) => {
  claims.sub = 'mallory';
  claims.name = 'Mallory Impostor';
  claims.CompanyId = 'stolen-company';
};

describe('verified identity (S53)', () => {
  it('S53 a genuine JWT access token, verified against the provider keys, names the supervisor when there is no ID token', async () => {
    const { signIn, rig, profile } = await setup();
    expect(await signIn()).toEqual({ kind: 'signedIn', profileId: profile.id });
    const session = rig.sessions.session(profile.id);
    expect(session).toMatchObject({ subject: provider.sandbox.demoUser.subject, name: provider.sandbox.demoUser.name });
    expect(session?.idToken).toBeUndefined();
  });

  it.each([
    ['unsigned (alg none)', (token: string) => provider.resign(token, (header, claims) => (impostor(claims), (header.alg = 'none')))],
    [
      'signed with a key the provider never published',
      async (token: string) => {
        const { privateKey } = await generateKeyPair('RS256');
        const claims = JSON.parse(Buffer.from(token.split('.')[1] as string, 'base64url').toString()) as Record<string, unknown>;
        impostor(claims);
        const kid = (JSON.parse(Buffer.from(token.split('.')[0] as string, 'base64url').toString()) as { kid: string }).kid;
        return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid }).sign(privateKey);
      },
    ],
    ['signed by the provider key but for another issuer', (token: string) => provider.resign(token, (_header, claims) => (impostor(claims), (claims.iss = 'https://evil.example')))],
    [
      'with an HMAC signature keyed on the provider public key (alg HS256)',
      async (token: string) => {
        const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicJwk } = provider.jwks.keys[0] as Record<string, unknown>;
        const claims = JSON.parse(Buffer.from(token.split('.')[1] as string, 'base64url').toString()) as Record<string, unknown>;
        impostor(claims);
        return new SignJWT(claims).setProtectedHeader({ alg: 'HS256', kid: publicJwk.kid as string }).sign(new TextEncoder().encode(JSON.stringify(publicJwk)));
      },
    ],
  ])('S53 an access token %s never names the supervisor or the company', async (_label, forge) => {
    const { signIn, rig, profile, completed, logs } = await setup();
    forgeAccessToken(forge as (token: string) => Promise<string>);
    const outcome = await signIn();
    // Nothing verified names anyone (no ID token, the sandbox's userinfo refuses API tokens): refused.
    expect(outcome).toMatchObject({ kind: 'failed', error: { code: 'identity_unverified' } });
    expect(rig.sessions.session(profile.id)).toBeUndefined();
    expect(completed).toEqual([]);
    expect(rig.companies.list()).toEqual([]);
    expect(logs.join('\n')).not.toMatch(/mallory|Mallory|stolen-company/);
  });

  it('S53 with a verified ID token, a forged access token cannot override who signed in', async () => {
    const { signIn, rig, profile, completed } = await setup({ scopes: ['openid', 'profile', 'api'] });
    forgeAccessToken((token) => provider.resign(token, (header, claims) => (impostor(claims), (header.alg = 'none'))));
    expect(await signIn()).toEqual({ kind: 'signedIn', profileId: profile.id });
    const session = rig.sessions.session(profile.id);
    expect(session?.subject).toBe(provider.sandbox.demoUser.subject);
    expect(session?.company).not.toBe('stolen-company');
    expect(completed).toEqual([provider.sandbox.demoUser.subject]);
  });
});

describe('the whole supervisor (S53)', () => {
  it('S53 a forged, unsigned access token never becomes the displayed supervisor or an audit actor', async () => {
    forgeAccessToken((token) => provider.resign(token, (header, claims) => (impostor(claims), (header.alg = 'none'))));
    const dataDir = await mkdtemp(join(tmpdir(), 'rpa-verified-'));
    const holder: { supervisor?: Supervisor } = {};
    const profile = profileSchema.parse({ id: 'forged', name: 'Forging provider', kind: 'oidc', issuer: provider.issuer, clientId: provider.sandbox.clientId, scopes: ['api'] });
    const supervisor = await createSupervisor({
      ports: {
        browser: { open: async (url) => void (await holder.supervisor?.deliverRedirect(await provider.sandbox.completeLoginWithoutBrowser(url))) },
        secrets: new MemorySecretStore(),
        settings: new MemorySettingsStore(),
        clock: systemClock,
        notifier: { notify: () => undefined },
        logger: nullLogger,
      },
      dataDir,
      flavour: 'development',
      botsDir: join(dataDir, 'bots'),
      profiles: [profile],
    });
    holder.supervisor = supervisor;
    try {
      await supervisor.api.invoke('signIn', { profileId: profile.id });
      const state = await supervisor.api.invoke('getState', {});
      const card = state.sessions.find((view) => view.profileId === profile.id);
      expect(card).toMatchObject({ status: 'error', error: { code: 'identity_unverified' } });
      expect(card?.user).toBeUndefined();
      const audit = await supervisor.api.invoke('listAudit', {});
      expect(audit.records.length).toBeGreaterThan(0);
      expect(JSON.stringify({ state, audit })).not.toMatch(/mallory|Mallory|stolen-company/);
    } finally {
      await supervisor.shutdown();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

describe('signing key rotation (S54)', () => {
  it.each([
    ['no ID token (the access token is verified)', ['api']],
    ['with an ID token', ['openid', 'profile', 'api']],
  ])('S54 after the provider rotates its keys mid-session, re-authentication succeeds, or fails once with signing_keys_changed and succeeds on retry (%s)', async (_label, scopes) => {
    const { signIn, rig, profile } = await setup({ scopes: scopes as string[] });
    expect(await signIn()).toEqual({ kind: 'signedIn', profileId: profile.id });
    const before = rig.sessions.session(profile.id)?.accessToken;

    await provider.rotateSigningKey();
    const first = await signIn();
    if (first.kind === 'failed') {
      expect(first.error.code).toBe('signing_keys_changed');
      expect(first.error.message).toMatch(/changed its signing keys/);
      // The session in place is untouched by the failed attempt.
      expect(rig.sessions.session(profile.id)?.accessToken).toBe(before);
      expect(await signIn()).toEqual({ kind: 'signedIn', profileId: profile.id });
    } else {
      expect(first).toEqual({ kind: 'signedIn', profileId: profile.id });
    }
    expect(rig.sessions.session(profile.id)?.accessToken).not.toBe(before);
    expect(rig.sessions.session(profile.id)?.subject).toBe(provider.sandbox.demoUser.subject);
  });
});
