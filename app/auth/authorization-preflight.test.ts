import { describe, expect, it } from 'vitest';
import { startSignInRig } from '../commands/test-support/sign-in-rig.js';
import { customSchemeRedirectUri } from '../config/app-identity.js';
import { profileSchema, type Profile } from '../config/profile.js';
import { buildSessionView } from '../state/session-view.js';
import { testProviderConnection } from './connection-test.js';
import type { MisbehavingProvider } from './test-support/misbehaving-provider.js';
import { useMisbehavingProvider } from './test-support/use-misbehaving-provider.js';
import { directHttpFetch } from '../ports/http-fetch.js';
import { systemClock } from '../ports/clock.js';

/**
 * The authorization pre-flight (S55) against the real sandbox behind a real HTTP server that
 * refuses the authorization request the way a provider does for an unregistered client.
 */
const scheme = 'uk.co.rpasupervisor.dev';
let provider: MisbehavingProvider;
let authorizationPath: string;

const live = useMisbehavingProvider({ customSchemes: [scheme], accessTokenTtlSeconds: 3600 }, async (started) => {
  provider = started;
  const discovery = (await (await fetch(`${provider.issuer}/.well-known/openid-configuration`)).json()) as { authorization_endpoint: string };
  authorizationPath = new URL(discovery.authorization_endpoint).pathname;
});

async function setup(overrides: Partial<Profile> = {}) {
  const profile = profileSchema.parse({ id: 'pre', name: 'Pre-flight provider', kind: 'oidc', issuer: provider.issuer, clientId: provider.sandbox.clientId, scopes: ['openid', 'api'], ...overrides });
  const opened: string[] = [];
  const rig = await startSignInRig({ scheme, profiles: [profile], browser: { open: async (url) => void opened.push(url) } });
  live.push(rig);
  const card = () => buildSessionView(profile, rig.signIn.phase(profile.id), undefined, { status: 'signedOut' });
  return { rig, profile, opened, card };
}

describe('authorization pre-flight (S55)', () => {
  it('S55 a bare 403 to the authorization request shows on the waiting card within 2 s, with the client id and redirect URI, and the browser stays closed until asked', async () => {
    const { rig, profile, opened, card } = await setup();
    await rig.providers.configuration(profile); // discovery is not what is being timed
    provider.rewrite(authorizationPath, () => ({ status: 403, contentType: 'text/html', body: '<h1>403 Forbidden</h1>' }));
    const clickedAt = Date.now();
    await rig.start(profile.id);
    const view = card();
    expect(Date.now() - clickedAt).toBeLessThan(2_000);
    expect(view.status).toBe('waitingForBrowser');
    expect(view.preflight).toMatchObject({ outcome: 'refused', error: { code: 'authorization_refused_before_login' } });
    expect(view.preflight?.error.message).toContain('HTTP 403');
    expect(view.preflight?.error.message).toContain(`"${profile.clientId}"`);
    expect(view.preflight?.error.message).toContain(customSchemeRedirectUri(scheme));
    // What to do next is the place's own: the card's "Continue in the browser anyway", or testing again in Settings.
    expect(view.preflight?.error.message).toMatch(/ask the provider to check both\.$/);
    expect(opened).toEqual([]);
    expect(provider.count(authorizationPath)).toBe(1);

    // Continue in the browser anyway: the same page opens, and the attempt still works.
    await rig.signIn.openSignInPage(profile.id);
    expect(opened).toEqual([view.authorizationUrl]);
    provider.clear();
    const outcome = await rig.deliver(await provider.sandbox.completeLoginWithoutBrowser(opened[0] as string));
    expect(outcome).toEqual({ kind: 'signedIn', profileId: profile.id });
  });

  it('S55 an error= redirect straight back to our redirect URI is a refusal too (the sandbox refusing an unregistered redirect)', async () => {
    const { rig, profile, opened, card } = await setup();
    provider.rewrite(authorizationPath, () => ({
      status: 303,
      headers: { location: `${customSchemeRedirectUri(scheme)}?error=unauthorized_client&error_description=client%20not%20allowed&state=x` },
      body: '',
    }));
    await rig.start(profile.id);
    expect(card().preflight).toMatchObject({ outcome: 'refused', error: { code: 'authorization_refused_before_login', message: expect.stringContaining('unauthorized_client: client not allowed') } });
    expect(opened).toEqual([]);
  });

  it('S55 the real login page passes the pre-flight: the browser opens and the card shows no warning', async () => {
    const { rig, profile, opened, card } = await setup();
    await rig.start(profile.id);
    expect(card().preflight).toBeUndefined();
    expect(opened).toHaveLength(1);
    expect(provider.count(authorizationPath)).toBeGreaterThanOrEqual(1);
  });

  it('S55 a pre-flight that gets no answer is not an error: the browser opens anyway', async () => {
    const { rig, profile, opened, card } = await setup();
    provider.rewrite(authorizationPath, () => 'hang');
    const started = Date.now();
    await rig.start(profile.id);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(card().status).toBe('waitingForBrowser');
    expect(card().preflight).toBeUndefined();
    expect(opened).toHaveLength(1);
  });

  it('S55 Test connection reports discovery and the pre-flight, for a good provider and a refusing one', async () => {
    const { profile } = await setup();
    const deps = { fetch: directHttpFetch, clock: systemClock, scheme, timeoutMs: 10_000 };
    const good = await testProviderConnection(deps, profile);
    expect(good).toMatchObject({ profileId: profile.id, discovery: { ok: true, issuer: provider.issuer }, preflight: { outcome: 'accepted' } });

    provider.rewrite(authorizationPath, () => ({ status: 403, body: '{}' }));
    const refused = await testProviderConnection(deps, profile);
    expect(refused.preflight).toMatchObject({ outcome: 'refused', error: { code: 'authorization_refused_before_login' } });

    const missing = await testProviderConnection(deps, { ...profile, issuer: 'http://127.0.0.1:9/nothing' });
    expect(missing.discovery).toMatchObject({ ok: false, error: { code: expect.stringMatching(/discovery/) } });
    expect(missing.preflight).toBeUndefined();
  });
});
