import { SignJWT, decodeJwt, importJWK, type JWTPayload } from 'jose';
import { tokenRevocation } from 'openid-client';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { customSchemeRedirectUri } from '../config/app-identity.js';
import { generateSandboxJwks, startSandbox, type RunningSandbox, type SandboxJwks } from './sandbox-provider.js';
import { callWhoAmI, discoverSandbox, signInWithoutBrowser } from './test-support/sandbox-client.js';

const redirectUri = customSchemeRedirectUri('uk.co.rpasupervisor');

describe('demo API', () => {
  let jwks: SandboxJwks;
  let sandbox: RunningSandbox;
  let accessToken: string;

  /** Signs a token with the sandbox's own private key, so only the claims under test are wrong. */
  async function signWithSandboxKey(claims: JWTPayload, keys: SandboxJwks = jwks): Promise<string> {
    const [jwk] = keys.keys;
    if (!jwk) throw new Error('no key');
    const now = Math.floor(Date.now() / 1000);
    const payload: JWTPayload = {
      iss: sandbox.issuer,
      aud: sandbox.resource,
      sub: 'demo-user-0001',
      iat: now - 120,
      exp: now + 600,
      scope: 'api',
      client_id: sandbox.clientId,
      ...claims,
    };
    return new SignJWT(payload)
      .setProtectedHeader({ alg: 'RS256', typ: 'at+jwt', kid: jwk.kid as string })
      .sign(await importJWK(jwk, 'RS256'));
  }

  async function expectInvalidToken(response: Response, message: RegExp): Promise<void> {
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer realm="rpa-supervisor-sandbox", error="invalid_token"/);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body.error).toBe('invalid_token');
    expect(body.message).toMatch(message);
  }

  beforeAll(async () => {
    jwks = await generateSandboxJwks();
    sandbox = await startSandbox({ jwks });
    accessToken = (await signInWithoutBrowser(sandbox, await discoverSandbox(sandbox), redirectUri)).access_token;
  });
  afterAll(() => sandbox?.close());

  test('whoami answers 200 for a token the provider issued', async () => {
    const response = await callWhoAmI(sandbox, accessToken);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toMatchObject({ subject: 'demo-user-0001', scope: 'api' });
  });

  test('a missing token gets 401 missing_token with a bare Bearer challenge', async () => {
    for (const authorization of [undefined, 'Bearer', 'Bearer   ', 'Basic ZGVtbzpkZW1v']) {
      const headers: Record<string, string> = authorization === undefined ? {} : { authorization };
      const response = await fetch(`${sandbox.apiBaseUrl}/whoami`, { headers });
      expect(response.status, String(authorization)).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer realm="rpa-supervisor-sandbox"');
      expect(await response.json()).toMatchObject({ error: 'missing_token' });
    }
  });

  test('a tampered token gets 401 invalid_token and is never echoed', async () => {
    const [header, payload, signature] = accessToken.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...claims, sub: 'someone-else' })).toString('base64url');
    const tampered = `${header}.${forged}.${signature}`;

    const response = await callWhoAmI(sandbox, tampered);

    const text = await response.clone().text();
    expect(text).not.toContain(signature);
    expect(text).not.toContain(forged);
    expect(response.headers.get('www-authenticate')).not.toContain(signature);
    await expectInvalidToken(response, /not valid/);
  });

  test('garbage and a token signed by another key get 401 invalid_token', async () => {
    await expectInvalidToken(await callWhoAmI(sandbox, 'not-a-jwt'), /not valid/);
    const otherKeys = await generateSandboxJwks();
    await expectInvalidToken(await callWhoAmI(sandbox, await signWithSandboxKey({}, otherKeys)), /not valid/);
  });

  test('an expired token gets 401 invalid_token saying it has expired', async () => {
    const now = Math.floor(Date.now() / 1000);
    const expired = await signWithSandboxKey({ iat: now - 7200, exp: now - 60 });
    await expectInvalidToken(await callWhoAmI(sandbox, expired), /expired/);
  });

  test('a token for another audience or issuer gets 401', async () => {
    await expectInvalidToken(await callWhoAmI(sandbox, await signWithSandboxKey({ aud: 'https://elsewhere.example/api' })), /not valid/);
    await expectInvalidToken(await callWhoAmI(sandbox, await signWithSandboxKey({ iss: 'https://impostor.example' })), /not valid/);
  });

  test('a valid token without the api scope gets 403 insufficient_scope', async () => {
    const response = await callWhoAmI(sandbox, await signWithSandboxKey({ scope: 'openid' }));
    expect(response.status).toBe(403);
    expect(response.headers.get('www-authenticate')).toContain('error="insufficient_scope"');
    expect(await response.json()).toMatchObject({ error: 'insufficient_scope' });
  });

  test('claims need the bearer token and then list the demo claims', async () => {
    expect((await fetch(`${sandbox.apiBaseUrl}/claims`)).status).toBe(401);
    const response = await fetch(`${sandbox.apiBaseUrl}/claims`, { headers: { authorization: `Bearer ${accessToken}` } });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { claims: { reference: string }[] };
    expect(body.claims.map((claim) => claim.reference)).toContain('CLM-1001');
  });

  test('unknown addresses get 404 and other methods 405', async () => {
    expect((await fetch(`${sandbox.apiBaseUrl}/nothing-here`)).status).toBe(404);
    const post = await fetch(`${sandbox.apiBaseUrl}/whoami`, { method: 'POST', headers: { authorization: `Bearer ${accessToken}` } });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET');
  });

  test('the portal page loads its script from its own origin and no inline script is allowed', async () => {
    const page = await fetch(`${sandbox.issuer}/portal`);
    expect(sandbox.portalUrl).toBe(`${sandbox.issuer}/portal`);
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain('Load my claims');
    expect(html).toContain('<script src="/portal/app.js" defer></script>');
    expect(html).not.toMatch(/<script>|https?:\/\//);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    const script = await fetch(`${sandbox.issuer}/portal/app.js`);
    expect(script.headers.get('content-type')).toContain('text/javascript');
    expect(await script.text()).toContain("fetch('/api/claims'");
  });
});

describe('demo API with a one-second token', () => {
  test('a token issued by the provider stops working once it expires', async () => {
    const sandbox = await startSandbox({ accessTokenTtlSeconds: 1 });
    try {
      const tokens = await signInWithoutBrowser(sandbox, await discoverSandbox(sandbox), redirectUri);
      expect(tokens.expires_in).toBe(1);
      // The answer flips to 401 as soon as the second is up; poll for it, bounded.
      await expect
        .poll(async () => {
          const probe = await callWhoAmI(sandbox, tokens.access_token);
          await probe.body?.cancel();
          return probe.status;
        }, { timeout: 5_000, interval: 100 })
        .toBe(401);
      const response = await callWhoAmI(sandbox, tokens.access_token);
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ error: 'invalid_token', message: 'The access token has expired.' });
    } finally {
      await sandbox.close();
    }
  });
});

describe('demo API with opaque access tokens (checked by introspection)', () => {
  let sandbox: RunningSandbox;
  let tokens: Awaited<ReturnType<typeof signInWithoutBrowser>>;
  const issued: string[] = [];

  beforeAll(async () => {
    sandbox = await startSandbox({ accessTokenFormat: 'opaque', accessTokenTtlSeconds: 600 });
    sandbox.onTokensIssued(({ accessToken }) => issued.push(accessToken));
    tokens = await signInWithoutBrowser(sandbox, await discoverSandbox(sandbox), redirectUri);
  });
  afterAll(() => sandbox?.close());

  test('the provider issues a random string, not a JWT, and reports it to onTokensIssued', () => {
    expect(sandbox.accessTokenFormat).toBe('opaque');
    expect(tokens.access_token).toMatch(/^[\w-]{43,}$/);
    expect(() => decodeJwt(tokens.access_token)).toThrow();
    expect(tokens.expires_in).toBe(600);
    expect(issued).toEqual([tokens.access_token]);
  });

  test('whoami accepts it after asking the introspection endpoint', async () => {
    const response = await callWhoAmI(sandbox, tokens.access_token);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ subject: 'demo-user-0001', name: 'Dr Demo Supervisor', scope: 'api', clientId: sandbox.clientId, companyId: 'demo-clinic-1001' });
  });

  test('a made-up opaque string and a JWT-shaped token get 401 invalid_token', async () => {
    for (const token of [`${tokens.access_token.slice(0, -4)}AAAA`, 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJkZW1vIn0.c2ln']) {
      const response = await callWhoAmI(sandbox, token);
      expect(response.status, token).toBe(401);
      expect(await response.json()).toMatchObject({ error: 'invalid_token', message: 'The access token is not valid.' });
    }
  });

  test('only the demo API may introspect: another client learns nothing', async () => {
    const response = await fetch(`${sandbox.issuer}/token/introspection`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: tokens.access_token, client_id: sandbox.clientId }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ active: false });
  });

  test('a revoked opaque token stops working at once (it can be revoked, unlike a JWT)', async () => {
    const config = await discoverSandbox(sandbox);
    const fresh = await signInWithoutBrowser(sandbox, config, redirectUri);
    expect((await callWhoAmI(sandbox, fresh.access_token)).status).toBe(200);
    await tokenRevocation(config, fresh.access_token, { token_type_hint: 'access_token' });
    expect((await callWhoAmI(sandbox, fresh.access_token)).status).toBe(401);
  });
});
