import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SignInEvent } from '../auth/sign-in-service.js';
import { startSignInRig } from '../commands/test-support/sign-in-rig.js';
import { profileSchema } from '../config/profile.js';
import { startSandbox, type RunningSandbox } from '../sandbox/sandbox-provider.js';

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

async function setup() {
  // Two profiles for the same provider and client, as two clinics' admins might configure.
  const profiles = ['clinic-a', 'clinic-b'].map((id) =>
    profileSchema.parse({ id, name: id, kind: 'oidc', issuer: sandbox.issuer, clientId: sandbox.clientId, scopes: ['openid', 'profile', 'api'] }),
  );
  const rig = await startSignInRig({ scheme, profiles });
  const events: SignInEvent[] = [];
  rig.signIn.onDidEvent((event) => events.push(event));
  live.push(rig);
  return { rig, sessions: rig.sessions, secrets: rig.secrets, events };
}

async function whoamiStatus(accessToken: string): Promise<number> {
  return (await fetch(`${sandbox.apiBaseUrl}/whoami`, { headers: { authorization: `Bearer ${accessToken}` } })).status;
}

describe('several profiles at once', () => {
  it('two profiles sign in side by side; signing one out leaves the other served and untouched', async () => {
    const { rig, sessions, secrets, events } = await setup();
    // Both sign-ins are pending at the same time: one profile's start does not supersede the other's.
    const startA = await rig.start('clinic-a');
    const startB = await rig.start('clinic-b');
    expect(events.filter((e) => e.type === 'ended')).toEqual([]);
    const callbackA = await sandbox.completeLoginWithoutBrowser(startA.authorizationUrl);
    const callbackB = await sandbox.completeLoginWithoutBrowser(startB.authorizationUrl);
    expect(await rig.deliver(callbackB)).toEqual({ kind: 'signedIn', profileId: 'clinic-b' });
    expect(await rig.deliver(callbackA)).toEqual({ kind: 'signedIn', profileId: 'clinic-a' });

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
    expect(await rig.tokens.revoke(signedOut as NonNullable<typeof signedOut>)).toBe('unsupported');

    expect(sessions.tokenFor('clinic-a', 0)).toMatchObject({ ok: false, code: 'signed_out' });
    expect(await secrets.get('session:clinic-a')).toBeUndefined();
    // B is exactly as it was: same session, same stored token, still served, still accepted by the API.
    expect(sessions.session('clinic-b')).toBe(sessionB);
    expect(await secrets.get('session:clinic-b')).toBe(storedB);
    expect(sessions.tokenFor('clinic-b', 0)).toEqual(grantB);
    expect(sessions.status('clinic-b').status).toBe('active');
    expect(await whoamiStatus(grantB.accessToken)).toBe(200);
    // A's refresh token was revoked at the provider, B's still renews.
    await expect(rig.tokens.refresh(sessionA as NonNullable<typeof sessionA>)).rejects.toMatchObject({ code: 'authorization_code_rejected' });
    expect(await sessions.refreshNow('clinic-b')).toBe(true);
    expect(sessions.tokenFor('clinic-b', 0)).toMatchObject({ ok: true, profileId: 'clinic-b' });
    expect(sessions.tokenFor('clinic-a', 0)).toMatchObject({ ok: false, code: 'signed_out' });
  });
});
