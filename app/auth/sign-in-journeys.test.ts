import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customSchemeRedirectUri } from '../config/app-identity.js';
import { profileView } from '../config/profile-registry.js';
import { MemorySecretStore } from '../ports/secret-store.js';
import { accessTokenFormats } from '../sandbox/sandbox-settings.js';
import { buildSessionView } from '../state/session-view.js';
import { FakeClock } from '../test-support/fake-clock.js';
import { findSecrets, labelled } from '../test-support/find-secrets.js';
import { freeLoopbackPort } from '../test-support/free-port.js';
import { chromiumMissing } from '../test-support/prerequisites.js';
import { allLogs, bounceUrl, chromiumCallback, codesSeen, loginAndLand, partner, sandbox, scheme, setup, tokensIssued, useSandbox, useSignInJourneys, whoami } from './test-support/sign-in-journeys-fixture.js';

/**
 * Full sign-ins against the real sandbox with real Chromium as the system browser, in every
 * redirect mode, plus the confidential client, the HCSS company flow, restart, sign-out,
 * refresh and the expiry-then-re-authentication journey. One browser serves the whole file; the
 * journeys that hold tokens run against a sandbox issuing JWT access tokens and again against one
 * issuing opaque ones, and the leak check at the end looks for every literal token either issued.
 * That check reads what every journey here logged, so the journeys stay in this one file; what
 * they share is in test-support/sign-in-journeys-fixture.ts.
 */
const skip = chromiumMissing();
useSignInJourneys();

describe.skipIf(skip)('sign-in journeys in real Chromium: redirect modes', () => {
  it('loopback on an ephemeral port: the listener receives the answer and the browser shows "You can close this tab"', async () => {
    const { rig, sessions, profile } = await setup({ redirect: { mode: 'loopback', port: 0, path: '/callback' } });
    expect(profileView(profile, scheme, false).redirectUri).toBe('http://127.0.0.1/callback');
    const { authorizationUrl } = await rig.start(profile.id);
    const redirectUri = new URL(new URL(authorizationUrl).searchParams.get('redirect_uri') as string);
    expect(redirectUri.hostname).toBe('127.0.0.1');
    expect(Number(redirectUri.port)).toBeGreaterThan(0);

    const landed = await loginAndLand(authorizationUrl, 'You can close this tab');
    codesSeen.add(new URL(landed).searchParams.get('code') as string);
    expect(landed.startsWith(`${redirectUri.href}?`)).toBe(true);
    expect(sessions.tokenFor(profile.id, 0).ok).toBe(true);
    // One use: the listener is gone.
    await expect(fetch(redirectUri)).rejects.toThrow();
  });

  it('loopback on a fixed port and path: the registered URI is exact, port included', async () => {
    const port = await freeLoopbackPort();
    const { rig, sessions, profile } = await setup({ redirect: { mode: 'loopback', port, path: '/callback' } });
    expect(profileView(profile, scheme, false).redirectUri).toBe(`http://127.0.0.1:${port}/callback`);
    const { authorizationUrl } = await rig.start(profile.id);
    expect(new URL(authorizationUrl).searchParams.get('redirect_uri')).toBe(`http://127.0.0.1:${port}/callback`);
    await loginAndLand(authorizationUrl, 'You can close this tab');
    expect(sessions.tokenFor(profile.id, 0).ok).toBe(true);
  });

  it('S9 cancelling a loopback sign-in closes its listener, and so does the timeout', async () => {
    const clock = new FakeClock(Date.now());
    const { rig, service, profile } = await setup({ redirect: { mode: 'loopback', port: 0, path: '/callback' } }, { clock });
    const first = await rig.start(profile.id);
    const firstUri = new URL(first.authorizationUrl).searchParams.get('redirect_uri') as string;
    expect((await fetch(`${firstUri}?state=other`)).status).toBe(400);
    service.cancel(profile.id);
    await expect.poll(() => fetch(firstUri).then(() => 'open', () => 'closed')).toBe('closed');

    const second = await rig.start(profile.id);
    const secondUri = new URL(second.authorizationUrl).searchParams.get('redirect_uri') as string;
    clock.advance(profile.signInTimeoutMs);
    expect(service.phase(profile.id)).toMatchObject({ phase: 'failed', error: { code: 'sign_in_timed_out' } });
    await expect.poll(() => fetch(secondUri).then(() => 'open', () => 'closed')).toBe('closed');
  });

  it('bounce page: the provider redirects to the hosted page, which forwards the answer to the custom scheme', async () => {
    const { rig, sessions, profile } = await setup({ redirect: { mode: 'bounce', url: bounceUrl } });
    expect(profileView(profile, scheme, false).redirectUri).toBe(bounceUrl);
    const { authorizationUrl } = await rig.start(profile.id);
    expect(new URL(authorizationUrl).searchParams.get('redirect_uri')).toBe(bounceUrl);
    const callback = await chromiumCallback(authorizationUrl);
    expect(callback.startsWith(`${customSchemeRedirectUri(scheme)}?`)).toBe(true);
    expect(new URL(callback).searchParams.get('iss')).toBe(sandbox.issuer);
    // The token request names the https (here loopback) page the provider saw, so it succeeds.
    expect(await rig.deliver(callback)).toEqual({ kind: 'signedIn', profileId: profile.id });
    expect(sessions.tokenFor(profile.id, 0).ok).toBe(true);
  });

  // JWT only: the app reads CompanyId from the access token, and the sandbox's opaque tokens carry
  // none it can read (its userinfo refuses API-bound tokens); company-grant introspection is in
  // app/sandbox/company-grant.test.ts.
  it('HCSS: connecting a company stores the association, then company-grant tokens are served for it', async () => {
    const { rig, sessions, companies, profile, settings } = await setup(
      { kind: 'partner', clientId: partner.clientId, clientAuth: 'client_secret_basic' },
      { clientSecret: partner.clientSecret },
    );
    const { authorizationUrl } = await rig.start(profile.id, { purpose: 'connectCompany' });
    const companyId = sandbox.demoUser.companyId as string;
    expect(await rig.deliver(await chromiumCallback(authorizationUrl))).toEqual({
      kind: 'signedIn',
      profileId: profile.id,
      companyConnected: { companyId, person: { subject: sandbox.demoUser.subject, name: sandbox.demoUser.name } },
    });
    expect(companies.list()).toEqual([
      { profileId: profile.id, companyId, connectedBy: { subject: sandbox.demoUser.subject, name: sandbox.demoUser.name }, connectedAt: expect.any(Number) },
    ]);
    expect(settings.get('companies')).toMatchObject({ schemaVersion: 1, companies: [{ companyId }] });
    expect(companies.views()).toMatchObject([{ companyId, status: 'connected' }]);

    // The first ask starts the company grant; bots waiting on the broker get it when it lands.
    expect(sessions.tokenFor(profile.id, 0, companyId)).toMatchObject({ ok: false, code: 'company_token_pending' });
    await companies.fetchToken(profile.id, companyId);
    const grant = sessions.tokenFor(profile.id, 0, companyId);
    expect(grant).toMatchObject({ ok: true, company: companyId, supervisor: { subject: sandbox.demoUser.subject } });
    if (!grant.ok) return;
    expect(await whoami(grant.accessToken)).toMatchObject({ companyId, subject: partner.clientId, clientId: partner.clientId });
    expect(companies.views()).toMatchObject([{ companyId, status: 'tokenValid', tokenExpiresAt: grant.expiresAt }]);
    // Cached: a second ask is served the same token without a new request.
    expect(sessions.tokenFor(profile.id, 0, companyId)).toMatchObject({ ok: true, accessToken: grant.accessToken });

    companies.remove(profile.id, companyId);
    expect(sessions.tokenFor(profile.id, 0, companyId)).toMatchObject({ ok: false, code: 'company_not_connected' });
    expect(companies.views()).toEqual([]);
  });
});

describe.skipIf(skip).each(accessTokenFormats)('sign-in journeys in real Chromium with %s access tokens', (format) => {
  beforeAll(() => {
    useSandbox(format);
  });
  afterAll(() => {
    useSandbox('jwt');
  });

  it('custom scheme: the callback deep link signs the user in', async () => {
    const { rig, sessions, profile } = await setup();
    const { authorizationUrl } = await rig.start(profile.id);
    expect(new URL(authorizationUrl).searchParams.get('redirect_uri')).toBe(customSchemeRedirectUri(scheme));
    expect(await rig.deliver(await chromiumCallback(authorizationUrl))).toEqual({ kind: 'signedIn', profileId: profile.id });
    const grant = sessions.tokenFor(profile.id, 0);
    expect(grant).toMatchObject({ ok: true, supervisor: { subject: sandbox.demoUser.subject, name: sandbox.demoUser.name } });
    if (grant.ok) expect(await whoami(grant.accessToken)).toMatchObject({ subject: sandbox.demoUser.subject });
  });

  it('a confidential client authenticates with client_secret_basic', async () => {
    const { rig, sessions, profile } = await setup(
      { clientId: partner.clientId, clientAuth: 'client_secret_basic' },
      { clientSecret: partner.clientSecret },
    );
    const { authorizationUrl } = await rig.start(profile.id);
    expect(await rig.deliver(await chromiumCallback(authorizationUrl))).toEqual({ kind: 'signedIn', profileId: profile.id });
    const grant = sessions.tokenFor(profile.id, 0);
    expect(grant.ok).toBe(true);
    if (grant.ok) expect(await whoami(grant.accessToken)).toMatchObject({ clientId: partner.clientId, subject: sandbox.demoUser.subject });
  });

  it('S28 a restart restores a valid session and discards an expired one', async () => {
    const secrets = new MemorySecretStore();
    const clock = new FakeClock(Date.now());
    const first = await setup({}, { secrets, clock });
    const { authorizationUrl } = await first.rig.start(first.profile.id);
    await first.rig.deliver(await chromiumCallback(authorizationUrl));
    const token = first.sessions.session(first.profile.id)?.accessToken;
    first.rig.dispose();

    const restarted = await setup({}, { secrets, clock });
    await restarted.sessions.restore([restarted.profile.id]);
    expect(restarted.sessions.tokenFor(restarted.profile.id, 0)).toMatchObject({ ok: true, accessToken: token });
    restarted.rig.dispose();

    clock.advance(3_600_000);
    const later = await setup({}, { secrets, clock });
    await later.sessions.restore([later.profile.id]);
    expect(later.sessions.tokenFor(later.profile.id, 0)).toMatchObject({ ok: false, code: 'session_expired' });
    expect(JSON.stringify(later.sessions.tokenFor(later.profile.id, 0))).not.toContain(token as string);
    expect(later.sessionEvents).toContainEqual({ type: 'discarded', profileId: later.profile.id, reason: 'expired' });
    expect(await secrets.get(`session:${later.profile.id}`)).toBeUndefined();
    // The session shows Expired (who, until when), as the renderer would see it.
    expect(later.sessions.status(later.profile.id).status).toBe('expired');
    const view = buildSessionView(later.profile, later.service.phase(later.profile.id), later.sessions.summary(later.profile.id), later.sessions.status(later.profile.id));
    expect(view).toMatchObject({ status: 'expired', user: { subject: sandbox.demoUser.subject } });
    expect(findSecrets([{ where: 'the session view', text: JSON.stringify(view) }], labelled('access token', [token as string]))).toEqual([]);
  });

  it('S29 sign-out revokes at the provider: the refresh token stops working and the stored token is gone', async () => {
    const { rig, sessions, secrets, profile } = await setup({ scopes: ['openid', 'profile', 'api', 'offline_access'] });
    const { authorizationUrl } = await rig.start(profile.id);
    await rig.deliver(await chromiumCallback(authorizationUrl));
    const session = await sessions.signOut(profile.id);
    expect(session?.refreshToken).toBeDefined();
    if (!session?.refreshToken) return;
    expect(await secrets.get(`session:${profile.id}`)).toBeUndefined();
    // A JWT access token cannot be revoked (RFC 7009 unsupported_token_type), an opaque one can;
    // the refresh token is revoked either way.
    expect(await rig.tokens.revoke(session)).toBe(format === 'jwt' ? 'unsupported' : 'revoked');
    const config = await rig.providers.configuration(profile);
    await expect(oidc.refreshTokenGrant(config, session.refreshToken)).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  it('refresh: renewed at 80% of the lifetime, rotation stored, concurrent callers share one refresh, failure keeps the token', async () => {
    const clock = new FakeClock(Date.now());
    const { rig, sessions, secrets, profile, sessionEvents, refreshCalls } = await setup({}, { clock });
    const { authorizationUrl } = await rig.start(profile.id);
    await rig.deliver(await chromiumCallback(authorizationUrl));
    const original = sessions.session(profile.id);
    expect(original?.refreshToken).toBeDefined();
    if (!original) return;

    // Nothing happens before 80% of the lifetime…
    clock.advance(Math.floor((original.expiresAt - original.receivedAt) * 0.79));
    expect(refreshCalls()).toBe(0);
    // …then the timer refreshes once.
    clock.advance(Math.floor((original.expiresAt - original.receivedAt) * 0.02));
    await expect.poll(() => sessionEvents.filter((e) => e.type === 'refreshed').length).toBe(1);
    expect(refreshCalls()).toBe(1);
    const renewed = sessions.session(profile.id);
    expect(renewed?.accessToken).not.toBe(original.accessToken);
    expect(renewed?.refreshToken).not.toBe(original.refreshToken);
    expect(renewed?.subject).toBe(sandbox.demoUser.subject);
    expect(await secrets.get(`session:${profile.id}`)).toContain(renewed?.refreshToken as string);

    const together = await Promise.all([sessions.refreshNow(profile.id), sessions.refreshNow(profile.id), sessions.refreshNow(profile.id)]);
    expect(together).toEqual([true, true, true]);
    expect(refreshCalls()).toBe(2);

    // The provider forgets the refresh token: the refresh fails, the current token stays in use.
    const current = sessions.session(profile.id);
    if (!current?.refreshToken) return;
    await oidc.tokenRevocation(await rig.providers.configuration(profile), current.refreshToken, { token_type_hint: 'refresh_token' });
    expect(await sessions.refreshNow(profile.id)).toBe(false);
    expect(sessionEvents.at(-1)).toMatchObject({ type: 'refreshFailed', profileId: profile.id, code: 'authorization_code_rejected' });
    expect(sessions.tokenFor(profile.id, 0)).toMatchObject({ ok: true, accessToken: current.accessToken });
  });

  it('short-lived session: warning events, then expiry, then re-authentication replaces the token in place', async () => {
    const clock = new FakeClock(Date.now());
    const { rig, sessions, profile, sessionEvents, signInEvents } = await setup({ warningMinutes: [30, 10, 5] }, { clock });
    const { authorizationUrl } = await rig.start(profile.id);
    await rig.deliver(await chromiumCallback(authorizationUrl));
    const first = sessions.session(profile.id);
    if (!first) throw new Error('not signed in');
    const changes: string[] = [];
    sessions.onDidChange((id) => changes.push(id));

    clock.set(first.expiresAt - 30 * 60_000);
    clock.set(first.expiresAt - 10 * 60_000);
    clock.set(first.expiresAt - 5 * 60_000);
    clock.set(first.expiresAt);
    const timeline = sessionEvents.filter((e) => e.type === 'warning' || e.type === 'expired').map((e) => (e.type === 'warning' ? e.minutesLeft : e.type));
    expect(timeline).toEqual([30, 10, 5, 'expired']);
    expect(sessions.tokenFor(profile.id, 0)).toMatchObject({ ok: false, code: 'session_expired' });

    // An admin re-authenticates (prompt=login); waiting bots see the new token at once.
    const again = await rig.start(profile.id, { prompt: 'login' });
    expect(new URL(again.authorizationUrl).searchParams.get('prompt')).toBe('login');
    await rig.deliver(await chromiumCallback(again.authorizationUrl));
    expect(signInEvents.at(-1)).toMatchObject({ type: 'completed', reauthenticated: true });
    expect(sessionEvents.at(-1)).toMatchObject({ type: 'established', replaced: true });
    const grant = sessions.tokenFor(profile.id, 0);
    expect(grant).toMatchObject({ ok: true });
    expect(grant.ok && grant.accessToken).not.toBe(first.accessToken);
    expect(changes).toContain(profile.id);
  });
});

describe.skipIf(skip)('S30 after the journeys', () => {
  it('S30 no access, ID or refresh token either sandbox issued, and no authorization code, reached any log line', () => {
    const secrets = [
      ...labelled('access token', tokensIssued.map((t) => t.accessToken)),
      ...labelled('ID token', tokensIssued.flatMap((t) => (t.idToken ? [t.idToken] : []))),
      ...labelled('refresh token', tokensIssued.flatMap((t) => (t.refreshToken ? [t.refreshToken] : []))),
      ...labelled('authorization code', codesSeen),
    ];
    // Both formats were in play: opaque tokens are not JWTs, so only a literal search finds them.
    expect(tokensIssued.filter((t) => !t.accessToken.startsWith('eyJ')).length).toBeGreaterThan(3);
    expect(tokensIssued.filter((t) => t.accessToken.startsWith('eyJ')).length).toBeGreaterThan(3);
    expect(findSecrets([{ where: 'the sign-in and session log', text: allLogs.join('\n') }], secrets)).toEqual([]);
  });
});
