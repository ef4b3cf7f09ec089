import * as client from 'openid-client';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { customSchemeRedirectUri } from '../config/app-identity.js';
import { generateSandboxJwks, startSandbox, type RunningSandbox, type SandboxJwks } from './sandbox-provider.js';
import { callWhoAmI, discoverSandbox, redeemCallback, signInWithoutBrowser, startAuthorization } from './test-support/sandbox-client.js';

const productionRedirect = customSchemeRedirectUri('uk.co.rpasupervisor');
const developmentRedirect = customSchemeRedirectUri('uk.co.rpasupervisor.dev');

let jwks: SandboxJwks;
beforeAll(async () => {
  jwks = await generateSandboxJwks();
});

describe('authorization code + PKCE with the default sandbox', () => {
  let sandbox: RunningSandbox;
  let config: client.Configuration;

  beforeAll(async () => {
    sandbox = await startSandbox({ jwks });
    config = await discoverSandbox(sandbox);
  });
  afterAll(() => sandbox?.close());

  test('gives a 24-hour JWT access token that the demo API accepts', async () => {
    const startedAt = Date.now();
    const tokens = await signInWithoutBrowser(sandbox, config, productionRedirect);

    expect(tokens.token_type.toLowerCase()).toBe('bearer');
    expect(tokens.expires_in).toBe(86_400);
    expect(tokens.refresh_token).toBeUndefined();
    expect(decodeProtectedHeader(tokens.access_token)).toMatchObject({ alg: 'RS256', typ: 'at+jwt' });
    const accessClaims = decodeJwt(tokens.access_token);
    expect(accessClaims).toMatchObject({ iss: sandbox.issuer, aud: sandbox.resource, sub: 'demo-user-0001', scope: 'api', client_id: sandbox.clientId, CompanyId: 'demo-clinic-1001' });
    expect(tokens.claims()).toMatchObject({ iss: sandbox.issuer, sub: 'demo-user-0001', name: 'Dr Demo Supervisor' });

    const response = await callWhoAmI(sandbox, tokens.access_token);
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ subject: 'demo-user-0001', name: 'Dr Demo Supervisor', scope: 'api', companyId: 'demo-clinic-1001' });
    const expiresAt = body.expiresAt as number;
    expect(expiresAt).toBeGreaterThanOrEqual(Math.floor(startedAt / 1000) * 1000 + 86_400_000);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 86_400_000);
  });

  test('the callback carries code, state and the iss parameter', async () => {
    const pending = await startAuthorization(config, productionRedirect);

    const callback = new URL(await sandbox.completeLoginWithoutBrowser(pending.url.href));

    expect(`${callback.protocol}//${callback.host}${callback.pathname}`).toBe(productionRedirect);
    expect(callback.searchParams.get('iss')).toBe(sandbox.issuer);
    expect(callback.searchParams.get('state')).toBe(pending.state);
    expect(callback.searchParams.get('code')).toBeTruthy();
  });

  test('the development scheme and a loopback redirect on any port are registered', async () => {
    for (const redirectUri of [developmentRedirect, 'http://127.0.0.1:49152/callback']) {
      const tokens = await signInWithoutBrowser(sandbox, config, redirectUri);
      expect(tokens.access_token, redirectUri).toMatch(/^ey/);
    }
  });

  test('localhost and unregistered redirects are refused with an error page, never redirected to', async () => {
    for (const redirectUri of ['http://localhost:49152/callback', 'uk.co.rpasupervisor://evil/callback']) {
      const pending = await startAuthorization(config, redirectUri);
      const response = await fetch(pending.url, { redirect: 'manual' });
      expect(response.status, redirectUri).toBe(400);
      expect(response.headers.get('location')).toBeNull();
      expect(await response.text()).toContain('redirect_uri');
    }
  });

  test('a request without code_challenge comes back as an invalid_request error redirect', async () => {
    const state = client.randomState();
    const url = client.buildAuthorizationUrl(config, { redirect_uri: productionRedirect, scope: 'openid api', state });

    const callback = new URL(await sandbox.completeLoginWithoutBrowser(url.href));

    expect(callback.searchParams.get('error')).toBe('invalid_request');
    expect(callback.searchParams.get('state')).toBe(state);
    expect(callback.searchParams.get('code')).toBeNull();
  });

  test('the plain PKCE method is rejected', async () => {
    const verifier = client.randomPKCECodeVerifier();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: productionRedirect,
      scope: 'openid api',
      code_challenge: verifier,
      code_challenge_method: 'plain',
    });

    const callback = new URL(await sandbox.completeLoginWithoutBrowser(url.href));

    expect(callback.searchParams.get('error')).toBe('invalid_request');
    expect(callback.searchParams.get('code')).toBeNull();
  });

  test('S12 a code redeemed with the wrong verifier is refused', async () => {
    const pending = await startAuthorization(config, productionRedirect);
    const callbackUrl = await sandbox.completeLoginWithoutBrowser(pending.url.href);

    const redemption = redeemCallback(config, callbackUrl, { ...pending, codeVerifier: client.randomPKCECodeVerifier() });

    await expect(redemption).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  test('S5 a code can be redeemed only once', async () => {
    const pending = await startAuthorization(config, productionRedirect);
    const callbackUrl = await sandbox.completeLoginWithoutBrowser(pending.url.href);
    await redeemCallback(config, callbackUrl, pending);

    await expect(redeemCallback(config, callbackUrl, pending)).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  test('revoking a JWT access token answers unsupported_token_type, as oidc-provider does (RFC 7009 §2.2.1)', async () => {
    const tokens = await signInWithoutBrowser(sandbox, config, productionRedirect);
    await expect(client.tokenRevocation(config, tokens.access_token)).rejects.toMatchObject({ error: 'unsupported_token_type', status: 400 });
  });

  test('a wrong password makes the browserless login fail rather than sign in', async () => {
    const pending = await startAuthorization(config, productionRedirect);
    const attempt = sandbox.completeLoginWithoutBrowser(pending.url.href, { ...sandbox.demoUser, password: 'guess' });
    await expect(attempt).rejects.toThrow(/wrong username or password/);
  });
});

describe('sandbox options', () => {
  test('accessTokenTtlSeconds shortens the token lifetime', async () => {
    const sandbox = await startSandbox({ jwks, accessTokenTtlSeconds: 20 });
    try {
      const tokens = await signInWithoutBrowser(sandbox, await discoverSandbox(sandbox), productionRedirect);
      expect(tokens.expires_in).toBe(20);
      const claims = decodeJwt(tokens.access_token);
      expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(20);
    } finally {
      await sandbox.close();
    }
  });

  test('custom users, client id and schemes are honoured; a user without company gets no CompanyId', async () => {
    const nurse = { username: 'nurse', password: 'nurse-password', subject: 'nurse-01', name: 'Nurse Example' };
    const sandbox = await startSandbox({ jwks, users: [nurse], clientId: 'other-client', customSchemes: ['com.example.test'] });
    try {
      expect(sandbox.demoUser).toEqual(nurse);
      const config = await discoverSandbox(sandbox);
      const tokens = await signInWithoutBrowser(sandbox, config, 'com.example.test://auth/callback');
      const claims = decodeJwt(tokens.access_token);
      expect(claims).toMatchObject({ sub: 'nurse-01', name: 'Nurse Example', client_id: 'other-client' });
      expect(claims).not.toHaveProperty('CompanyId');
      const whoami = (await (await callWhoAmI(sandbox, tokens.access_token)).json()) as Record<string, unknown>;
      expect(whoami).not.toHaveProperty('companyId');

      const pending = await startAuthorization(config, productionRedirect);
      expect((await fetch(pending.url, { redirect: 'manual' })).status).toBe(400);
    } finally {
      await sandbox.close();
    }
  });

  test('issueRefreshTokens adds a refresh token that can be used', async () => {
    const sandbox = await startSandbox({ jwks, issueRefreshTokens: true });
    try {
      const config = await discoverSandbox(sandbox);
      const tokens = await signInWithoutBrowser(sandbox, config, productionRedirect);
      expect(tokens.refresh_token).toBeTruthy();

      const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token as string);

      expect(refreshed.expires_in).toBe(86_400);
      expect((await callWhoAmI(sandbox, refreshed.access_token)).status).toBe(200);

      const latestRefreshToken = refreshed.refresh_token ?? (tokens.refresh_token as string);
      await client.tokenRevocation(config, latestRefreshToken);
      await expect(client.refreshTokenGrant(config, latestRefreshToken)).rejects.toMatchObject({ error: 'invalid_grant' });
    } finally {
      await sandbox.close();
    }
  });

  test('invalid options are refused with a clear message', async () => {
    await expect(startSandbox({ jwks, accessTokenTtlSeconds: 0 })).rejects.toThrow(/lifetime/);
    await expect(startSandbox({ jwks, accessTokenTtlSeconds: 1.5 })).rejects.toThrow(/lifetime/);
    await expect(startSandbox({ jwks, customSchemes: ['https'] })).rejects.toThrow(/custom redirect scheme/);
    await expect(startSandbox({ jwks, customSchemes: ['Bad Scheme'] })).rejects.toThrow(/custom redirect scheme/);
    await expect(startSandbox({ jwks, users: [] })).rejects.toThrow(/at least one user/);
    await expect(startSandbox({ jwks, port: 70_000 })).rejects.toThrow(/port/);
  });
});
