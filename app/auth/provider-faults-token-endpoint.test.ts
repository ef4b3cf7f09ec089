import { describe, expect, it } from 'vitest';
import type { MisbehavingProvider, Rewrite } from './test-support/misbehaving-provider.js';
import { partner, scheme, useProviderFaults } from './test-support/provider-faults-fixture.js';

/** Through the misbehaving provider: a token endpoint that hangs, fails or answers badly (S16–S19). */
let provider: MisbehavingProvider;
const { setup, tokenJson } = useProviderFaults((started) => {
  provider = started;
});

describe('through the misbehaving provider', () => {
  it('S16 a hanging token endpoint times out; the existing session and stored token are untouched', async () => {
    const { signIn, secrets, profile } = await setup();
    await signIn();
    // The same stored sign-in, in a rig whose requests are bounded by 1 s.
    const bounded = await setup({}, undefined, { timeoutMs: 1_000, secrets });
    const { sessions } = bounded;
    await sessions.restore([profile.id]);
    const before = sessions.session(profile.id);
    const stored = await secrets.get(`session:${profile.id}`);
    expect(before).toBeDefined();

    provider.rewrite('/token', () => 'hang');
    const startedAt = Date.now();
    const { outcome } = await bounded.signIn();
    expect(Date.now() - startedAt).toBeLessThan(8_000);
    expect(outcome).toMatchObject({
      kind: 'failed',
      error: { code: 'token_endpoint_timeout', message: expect.stringContaining(`${provider.issuer} did not answer within 1 s`) },
    });
    expect(sessions.session(profile.id)).toBe(before);
    expect(await secrets.get(`session:${profile.id}`)).toBe(stored);
    expect(sessions.tokenFor(profile.id, 0).ok).toBe(true);
  });

  it('S17 an HTML 500 page gets its own message, and the code is never logged', async () => {
    const { signIn, logs } = await setup();
    provider.rewrite('/token', () => ({ status: 500, contentType: 'text/html', body: '<html><body><h1>Internal Server Error</h1></body></html>' }));
    const { outcome, code } = await signIn();
    expect(outcome).toMatchObject({ kind: 'failed', error: { code: 'token_endpoint_error', message: expect.stringContaining('HTTP 500') } });
    expect(logs.join('\n')).not.toContain(code);
    expect(JSON.stringify(outcome)).not.toContain(code);
  });

  it('S17 invalid_grant gets its own message', async () => {
    const { signIn, logs } = await setup();
    provider.rewrite('/token', () => ({ status: 400, body: JSON.stringify({ error: 'invalid_grant', error_description: 'grant request is invalid' }) }));
    const { outcome, code } = await signIn();
    expect(outcome).toMatchObject({ kind: 'failed', error: { code: 'authorization_code_rejected' } });
    expect(logs.join('\n')).not.toContain(code);
  });

  it('S17 invalid_client (a real wrong client secret) names the redirect URI to check', async () => {
    const { signIn, logs } = await setup({ clientId: partner.clientId, clientAuth: 'client_secret_basic' }, 'not-the-secret');
    const { outcome, code } = await signIn();
    expect(outcome).toMatchObject({
      kind: 'failed',
      error: { code: 'client_rejected', message: expect.stringContaining(`${scheme}://auth/callback`) },
    });
    expect(logs.join('\n')).not.toContain(code);
    expect(logs.join('\n')).not.toContain('not-the-secret');
  });

  it('S17 the three failures have three different messages', async () => {
    const messages = new Set<string>();
    for (const rewrite of [
      (): Rewrite => ({ status: 503, contentType: 'text/html', body: '<p>down</p>' }),
      (): Rewrite => ({ status: 400, body: JSON.stringify({ error: 'invalid_grant' }) }),
      (): Rewrite => ({ status: 400, body: JSON.stringify({ error: 'invalid_client' }) }),
    ]) {
      provider.rewrite('/token', rewrite);
      const { outcome } = await (await setup()).signIn();
      if (outcome.kind === 'failed') messages.add(outcome.error.message);
    }
    expect(messages.size).toBe(3);
  });

  const badResponses: Array<[string, (json: Record<string, unknown>) => void, RegExp]> = [
    ['no access_token', (json) => void delete json.access_token, /no access token/],
    ['a token_type other than Bearer', (json) => void (json.token_type = 'mac'), /Bearer/],
    ['expires_in zero', (json) => void (json.expires_in = 0), /expires_in/],
    ['expires_in negative', (json) => void (json.expires_in = -60), /expires_in/],
    ['expires_in huge', (json) => void (json.expires_in = 10 * 365 * 86_400), /expires_in/],
  ];
  it.each(badResponses)('S18 a response with %s is rejected', async (_name, change, detail) => {
    const { signIn, sessions, profile } = await setup();
    tokenJson(change);
    const { outcome } = await signIn();
    expect(outcome).toMatchObject({ kind: 'failed', error: { code: 'token_response_invalid', message: expect.stringMatching(detail) } });
    expect(sessions.session(profile.id)).toBeUndefined();
  });

  it('S18 a missing expires_in uses the JWT exp', async () => {
    const { signIn, sessions, profile } = await setup();
    tokenJson((json) => void delete json.expires_in);
    expect((await signIn()).outcome.kind).toBe('signedIn');
    const expiresAt = sessions.session(profile.id)?.expiresAt ?? 0;
    // 3600 s token minus the 30 s margin, within a few seconds of test time.
    expect(Math.abs(expiresAt - (Date.now() + 3_570_000))).toBeLessThan(5_000);
  });

  it('S18 a missing expires_in on an opaque token uses the configured default lifetime', async () => {
    const { signIn, sessions, profile } = await setup({ defaultTokenLifetimeMs: 20 * 60_000 });
    tokenJson((json) => {
      delete json.expires_in;
      json.access_token = 'opaque-access-token-value';
    });
    expect((await signIn()).outcome.kind).toBe('signedIn');
    const expiresAt = sessions.session(profile.id)?.expiresAt ?? 0;
    expect(Math.abs(expiresAt - (Date.now() + 20 * 60_000 - 30_000))).toBeLessThan(5_000);
  });

  it.each([
    ['an hour ahead', 3600],
    ['an hour behind', -3600],
  ])('S19 a server clock %s does not move the expiry shown', async (_name, skewSeconds) => {
    // No openid scope, so only the access token's own iat/exp carry the server's clock.
    const { signIn, sessions, profile } = await setup({ scopes: ['api'] });
    tokenJson(async (json) => {
      json.access_token = await provider.resign(json.access_token as string, (_h, c) => {
        c.iat = (c.iat as number) + skewSeconds;
        c.exp = (c.exp as number) + skewSeconds;
      });
    });
    expect((await signIn()).outcome.kind).toBe('signedIn');
    const expiresAt = sessions.session(profile.id)?.expiresAt ?? 0;
    expect(Math.abs(expiresAt - (Date.now() + 3_570_000))).toBeLessThan(5_000);
  });

  it.each([
    ['2 minutes ahead, its access token carrying nbf as IdentityServer issues it', 120],
    ['2 hours behind', -7200],
  ])('S19 a server clock %s still names the supervisor from the verified access token (Healthcode: no ID token)', async (_name, skewSeconds) => {
    const { signIn, sessions, profile } = await setup({ scopes: ['api'] });
    tokenJson(async (json) => {
      json.access_token = await provider.resign(json.access_token as string, (_h, c) => {
        c.iat = (c.iat as number) + skewSeconds;
        c.nbf = c.iat;
        c.exp = (c.exp as number) + skewSeconds;
      });
    });
    const { outcome } = await signIn();
    expect(outcome).toMatchObject({ kind: 'signedIn' });
    expect(sessions.session(profile.id)).toMatchObject({ subject: provider.sandbox.demoUser.subject });
    expect(Math.abs((sessions.session(profile.id)?.expiresAt ?? 0) - (Date.now() + 3_570_000))).toBeLessThan(5_000);
  });
});
