import { describe, expect, it } from 'vitest';
import { startSignInRig } from '../commands/test-support/sign-in-rig.js';
import { profileSchema, type Profile } from '../config/profile.js';
import type { SecretStore } from '../ports/secret-store.js';
import { discoveryTimeoutMs } from './provider-discovery.js';
import type { MisbehavingProvider, Rewrite } from './test-support/misbehaving-provider.js';
import { useMisbehavingProvider } from './test-support/use-misbehaving-provider.js';

/**
 * Section B and C of the security matrix against the real sandbox, behind a real HTTP server
 * that rewrites or withholds its answers (app/auth/test-support/misbehaving-provider.ts).
 */
const scheme = 'uk.co.rpasupervisor.dev';
const partner = { clientId: 'partner-client', clientSecret: 'partner-secret-for-tests' };
let provider: MisbehavingProvider;

const live = useMisbehavingProvider({ customSchemes: [scheme], confidentialClient: partner, accessTokenTtlSeconds: 3600 }, (started) => {
  provider = started;
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

describe('through the misbehaving provider', () => {
  it('a clean sign-in through the proxy works (baseline)', async () => {
    const { signIn, sessions, profile } = await setup();
    expect((await signIn()).outcome).toEqual({ kind: 'signedIn', profileId: profile.id });
    expect(sessions.tokenFor(profile.id, 0).ok).toBe(true);
  });

  it('S2 a callback whose iss differs from the issuer is rejected before any token request', async () => {
    const { rig, sessions, profile } = await setup();
    const { authorizationUrl } = await rig.start(profile.id);
    const callback = new URL(await provider.sandbox.completeLoginWithoutBrowser(authorizationUrl));
    callback.searchParams.set('iss', 'https://evil.example');
    const tokenRequests = provider.count('/token');
    const outcome = await rig.deliver(callback.href);
    expect(outcome).toMatchObject({ kind: 'failed', error: { code: 'issuer_mismatch' } });
    expect(provider.count('/token')).toBe(tokenRequests);
    expect(sessions.session(profile.id)).toBeUndefined();
  });

  it('S3 a callback without iss is rejected before any token request, because the provider advertises it', async () => {
    const { rig, sessions, profile } = await setup();
    const { authorizationUrl } = await rig.start(profile.id);
    expect((await rig.providers.configuration(profile)).serverMetadata().authorization_response_iss_parameter_supported).toBe(true);
    const callback = new URL(await provider.sandbox.completeLoginWithoutBrowser(authorizationUrl));
    expect(callback.searchParams.get('iss')).toBe(provider.issuer);
    callback.searchParams.delete('iss');
    const tokenRequests = provider.count('/token');
    const outcome = await rig.deliver(callback.href);
    expect(outcome).toMatchObject({ kind: 'failed', error: { code: 'issuer_mismatch' } });
    expect(provider.count('/token')).toBe(tokenRequests);
    expect(sessions.session(profile.id)).toBeUndefined();
  });

  const discoveryPath = '/.well-known/openid-configuration';
  const brokenDiscovery: Array<[string, Rewrite | ((json: Record<string, unknown>) => Rewrite), string, RegExp]> = [
    [
      'is not JSON (an HTML error page)',
      { status: 200, contentType: 'text/html', body: '<html><body><h1>Welcome to nginx!</h1></body></html>' },
      'discovery_failed',
      /did not return a valid discovery document/,
    ],
    [
      'names another issuer',
      (json) => ({ body: JSON.stringify({ ...json, issuer: 'https://login.other.example/' }) }),
      'discovery_issuer_mismatch',
      /names a different issuer \(https:\/\/login\.other\.example\/\)/,
    ],
    ['hangs', 'hang', 'discovery_timeout', /did not answer within 1 s/],
  ];
  it.each(brokenDiscovery)(
    'S14 a discovery document that %s gives a clear error naming the URL; afterwards the same profile signs in',
    async (_name, rewrite, code, detail) => {
      const { rig, service, signIn, sessions, profile, logs, opened } = await setup({}, undefined, { timeoutMs: rewrite === 'hang' ? 1_000 : discoveryTimeoutMs });
      provider.rewrite(discoveryPath, (upstream) => (typeof rewrite === 'function' ? rewrite(upstream.json ?? {}) : rewrite));
      const startedAt = Date.now();
      const attempt = rig.start(profile.id);
      await expect(attempt).rejects.toMatchObject({ code, message: expect.stringMatching(detail) });
      await expect(attempt).rejects.toMatchObject({ message: expect.stringContaining(`${provider.issuer}/`) });
      expect(Date.now() - startedAt).toBeLessThan(8_000);
      expect(opened).toEqual([]);
      // The error sits on the profile, which stays as it was: nothing was cached or changed.
      expect(service.phase(profile.id)).toMatchObject({ phase: 'failed', error: { code } });
      expect(sessions.session(profile.id)).toBeUndefined();
      expect(logs.join('\n')).toContain(`"code":"${code}"`);

      // The provider recovers: the failure was not cached, so discovery runs again and works.
      provider.clear();
      const discoveries = provider.count(discoveryPath);
      expect((await signIn()).outcome).toEqual({ kind: 'signedIn', profileId: profile.id });
      expect(provider.count(discoveryPath)).toBe(discoveries + 1);
      expect(service.phase(profile.id)).toEqual({ phase: 'idle' });
      expect(sessions.tokenFor(profile.id, 0).ok).toBe(true);
    },
  );

  it.each(['token_endpoint', 'authorization_endpoint', 'revocation_endpoint'])(
    'S15 a discovery document advertising a plain-http %s off loopback is refused before any request to it',
    async (key) => {
      const { rig, service, signIn, profile, opened } = await setup();
      provider.rewrite(discoveryPath, (upstream) => ({ body: JSON.stringify({ ...upstream.json, [key]: 'http://auth.example.org/oauth/x' }) }));
      const tokenRequests = provider.count('/token');
      await expect(rig.start(profile.id)).rejects.toMatchObject({
        code: 'insecure_issuer',
        message: expect.stringContaining('http://auth.example.org does not use https'),
      });
      expect(opened).toEqual([]);
      expect(provider.count('/token')).toBe(tokenRequests);
      expect(service.phase(profile.id)).toMatchObject({ phase: 'failed', error: { code: 'insecure_issuer' } });

      provider.clear();
      expect((await signIn()).outcome.kind).toBe('signedIn');
    },
  );

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

  const badIdTokens: Array<[string, string, Parameters<MisbehavingProvider['resign']>[1], RegExp]> = [
    ['S20', 'a wrong nonce', (_h, c) => void (c.nonce = 'someone-elses-nonce'), /nonce/],
    ['S20', 'a wrong iss', (_h, c) => void (c.iss = 'https://evil.example'), /issuer/],
    ['S20', 'a wrong aud', (_h, c) => void (c.aud = 'another-client'), /audience/],
    ['S20', 'several audiences without azp', (_h, c) => {
      c.aud = [provider.sandbox.clientId, 'another-client'];
      delete c.azp;
    }, /audience|authorised party/],
    ['S21', 'an expired token', (_h, c) => {
      const now = Math.floor(Date.now() / 1000);
      c.iat = now - 7200;
      c.exp = now - 3600;
    }, /expired/],
    ['S21', 'alg none', (h) => {
      h.alg = 'none';
      delete h.kid;
    }, /algorithm|signature|not valid/],
    ['S21', 'no sub', (_h, c) => void delete c.sub, /subject/],
    ['S23', 'an iat an hour in the future', (_h, c) => {
      c.iat = Math.floor(Date.now() / 1000) + 3600;
      c.exp = c.iat + 3600;
    }, /future/],
  ];
  it.each(badIdTokens)('%s an ID token with %s is rejected', async (_case, _name, change, detail) => {
    const { signIn, sessions, profile } = await setup();
    idToken(change);
    const { outcome } = await signIn();
    expect(outcome).toMatchObject({ kind: 'failed', error: { code: 'id_token_invalid', message: expect.stringMatching(detail) } });
    expect(sessions.session(profile.id)).toBeUndefined();
  });

  it('S22 an ID token with a bad signature is rejected (non-repudiation checks are on)', async () => {
    const { signIn, sessions, profile } = await setup();
    tokenJson((json) => {
      const [header, payload, signature] = (json.id_token as string).split('.') as [string, string, string];
      const flipped = `${signature.slice(0, 10)}${signature[10] === 'A' ? 'B' : 'A'}${signature.slice(11)}`;
      json.id_token = `${header}.${payload}.${flipped}`;
    });
    const { outcome } = await signIn();
    expect(outcome).toMatchObject({ kind: 'failed', error: { code: 'id_token_invalid', message: expect.stringMatching(/signature/) } });
    expect(sessions.session(profile.id)).toBeUndefined();
  });

  it('S5 a replayed loopback-free callback makes exactly one token request', async () => {
    const { rig, profile } = await setup();
    const { authorizationUrl } = await rig.start(profile.id);
    const callback = await provider.sandbox.completeLoginWithoutBrowser(authorizationUrl);
    const before = provider.count('/token');
    await Promise.all([rig.deliver(callback), rig.deliver(callback)]);
    expect(provider.count('/token') - before).toBe(1);
  });
});
