import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SignInService, type SignInEvent } from '../auth/sign-in-service.js';
import { profileSchema, type Profile } from '../config/profile.js';
import { systemClock } from '../ports/clock.js';
import { nullLogger } from '../ports/logger.js';
import { MemorySecretStore } from '../ports/secret-store.js';
import { startSandbox, type RunningSandbox } from '../sandbox/sandbox-provider.js';
import { SessionManager } from './session-manager.js';

/**
 * Several profiles signed in at once, against the real sandbox (refresh tokens on): each has its
 * own pending sign-in, session, stored token and refresh token, and signing one out leaves the
 * others exactly as they were.
 */
const scheme = 'uk.co.rpasupervisor.dev';
let sandbox: RunningSandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ customSchemes: [scheme], issueRefreshTokens: true });
});
afterAll(async () => {
  await sandbox?.close();
});

const live: Array<{ dispose(): void }> = [];
afterEach(() => {
  for (const item of live.splice(0)) item.dispose();
});

function setup() {
  // Two profiles for the same provider and client, as two clinics' admins might configure.
  const profiles = new Map<string, Profile>(
    ['clinic-a', 'clinic-b'].map((id) => [
      id,
      profileSchema.parse({ id, name: id, kind: 'oidc', issuer: sandbox.issuer, clientId: sandbox.clientId, scopes: ['openid', 'profile', 'api'] }),
    ]),
  );
  const secrets = new MemorySecretStore();
  const events: SignInEvent[] = [];
  // eslint-disable-next-line prefer-const -- the two services refer to each other through callbacks.
  let service: SignInService;
  const sessions = new SessionManager({
    clock: systemClock,
    logger: nullLogger,
    notifier: { notify: () => undefined },
    secrets,
    profile: (id) => profiles.get(id),
    refresh: (session) => service.refresh(session),
  });
  service = new SignInService({
    clock: systemClock,
    browser: { open: async () => undefined },
    logger: nullLogger,
    secrets,
    sessions,
    scheme,
    profile: (id) => profiles.get(id),
  });
  service.onDidEvent((event) => events.push(event));
  live.push(service, sessions);
  return { service, sessions, secrets, events };
}

async function whoamiStatus(accessToken: string): Promise<number> {
  return (await fetch(`${sandbox.apiBaseUrl}/whoami`, { headers: { authorization: `Bearer ${accessToken}` } })).status;
}

describe('several profiles at once', () => {
  it('two profiles sign in side by side; signing one out leaves the other served and untouched', async () => {
    const { service, sessions, secrets, events } = setup();
    // Both sign-ins are pending at the same time: one profile's start does not supersede the other's.
    const startA = await service.start('clinic-a');
    const startB = await service.start('clinic-b');
    expect(events.filter((e) => e.type === 'ended')).toEqual([]);
    const callbackA = await sandbox.completeLoginWithoutBrowser(startA.authorizationUrl);
    const callbackB = await sandbox.completeLoginWithoutBrowser(startB.authorizationUrl);
    expect(await service.handleRedirect(callbackB)).toEqual({ kind: 'signedIn', profileId: 'clinic-b' });
    expect(await service.handleRedirect(callbackA)).toEqual({ kind: 'signedIn', profileId: 'clinic-a' });

    const grantA = sessions.tokenFor('clinic-a', 0);
    const grantB = sessions.tokenFor('clinic-b', 0);
    if (!grantA.ok || !grantB.ok) throw new Error('both profiles should be signed in');
    expect(grantA.accessToken).not.toBe(grantB.accessToken);
    const sessionA = sessions.session('clinic-a');
    const sessionB = sessions.session('clinic-b');
    expect(sessionA?.refreshToken).toEqual(expect.any(String));
    expect(sessionB?.refreshToken).toEqual(expect.any(String));
    const storedB = await secrets.get('session:clinic-b');

    // Sign out A, as the signOut command does: forget it here, then revoke at the provider.
    const signedOut = await sessions.signOut('clinic-a');
    expect(signedOut).toBe(sessionA);
    expect(await service.revoke(signedOut as NonNullable<typeof signedOut>)).toBe('unsupported');

    expect(sessions.tokenFor('clinic-a', 0)).toMatchObject({ ok: false, code: 'signed_out' });
    expect(await secrets.get('session:clinic-a')).toBeUndefined();
    // B is exactly as it was: same session, same stored token, still served, still accepted by the API.
    expect(sessions.session('clinic-b')).toBe(sessionB);
    expect(await secrets.get('session:clinic-b')).toBe(storedB);
    expect(sessions.tokenFor('clinic-b', 0)).toEqual(grantB);
    expect(sessions.status('clinic-b').status).toBe('active');
    expect(await whoamiStatus(grantB.accessToken)).toBe(200);
    // A's refresh token was revoked at the provider, B's still renews.
    await expect(service.refresh(sessionA as NonNullable<typeof sessionA>)).rejects.toMatchObject({ code: 'authorization_code_rejected' });
    expect(await sessions.refreshNow('clinic-b')).toBe(true);
    expect(sessions.tokenFor('clinic-b', 0)).toMatchObject({ ok: true, profileId: 'clinic-b' });
    expect(sessions.tokenFor('clinic-a', 0)).toMatchObject({ ok: false, code: 'signed_out' });
  });
});
