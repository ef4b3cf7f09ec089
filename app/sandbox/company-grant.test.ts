import * as client from 'openid-client';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { customSchemeRedirectUri } from '../config/app-identity.js';
import { startSandbox, type RunningSandbox } from './sandbox-provider.js';
import { demoApiClientId } from './sandbox-settings.js';
import { callWhoAmI, discoverSandbox, signInWithoutBrowser } from './test-support/sandbox-client.js';

const partner = { clientId: 'hcss-partner', clientSecret: 'partner-secret-for-tests' };

describe('company grant (HCSS partner style)', () => {
  let sandbox: RunningSandbox;
  let partnerConfig: client.Configuration;

  beforeAll(async () => {
    sandbox = await startSandbox({ confidentialClient: partner, accessTokenTtlSeconds: 3600 });
    partnerConfig = await discoverSandbox(sandbox, partner);
  });
  afterAll(() => sandbox?.close());

  test('the confidential client gets a company JWT carrying CompanyId', async () => {
    const tokens = await client.genericGrantRequest(partnerConfig, 'company', { CompanyId: 'demo-clinic-1001', scope: 'api' });

    expect(tokens.expires_in).toBe(3600);
    expect(tokens.scope).toBe('api');
    expect(decodeJwt(tokens.access_token)).toMatchObject({
      iss: sandbox.issuer,
      aud: sandbox.resource,
      sub: partner.clientId,
      client_id: partner.clientId,
      CompanyId: 'demo-clinic-1001',
    });
    const whoami = await callWhoAmI(sandbox, tokens.access_token);
    expect(whoami.status).toBe(200);
    expect(await whoami.json()).toMatchObject({ subject: partner.clientId, companyId: 'demo-clinic-1001', scope: 'api' });
  });

  test('the partner signs the user in with PKCE and client_secret_basic first, and reads CompanyId from the token', async () => {
    const tokens = await signInWithoutBrowser(sandbox, partnerConfig, customSchemeRedirectUri('uk.co.rpasupervisor'));
    expect(decodeJwt(tokens.access_token)).toMatchObject({ CompanyId: 'demo-clinic-1001', client_id: partner.clientId });
  });

  test('an unknown or missing CompanyId and a foreign scope are refused', async () => {
    await expect(client.genericGrantRequest(partnerConfig, 'company', { CompanyId: 'no-such-company', scope: 'api' }))
      .rejects.toMatchObject({ error: 'invalid_grant' });
    await expect(client.genericGrantRequest(partnerConfig, 'company', { scope: 'api' }))
      .rejects.toMatchObject({ error: 'invalid_request' });
    await expect(client.genericGrantRequest(partnerConfig, 'company', { CompanyId: 'demo-clinic-1001', scope: 'admin' }))
      .rejects.toMatchObject({ error: 'invalid_scope' });
  });

  test('a wrong client secret is refused', async () => {
    const wrongSecret = await discoverSandbox(sandbox, { clientId: partner.clientId, clientSecret: 'wrong-secret' });
    await expect(client.genericGrantRequest(wrongSecret, 'company', { CompanyId: 'demo-clinic-1001', scope: 'api' }))
      .rejects.toMatchObject({ status: 401, code: 'OAUTH_WWW_AUTHENTICATE_CHALLENGE', cause: [{ parameters: { error: 'invalid_client' } }] });
  });

  test('the public client may not use the company grant', async () => {
    const publicConfig = await discoverSandbox(sandbox);
    const attempt = client.genericGrantRequest(publicConfig, 'company', { CompanyId: 'demo-clinic-1001', scope: 'api' });
    await expect(attempt).rejects.toMatchObject({ status: 400 });
    await expect(attempt).rejects.toHaveProperty('error', expect.stringMatching(/^(invalid_request|unauthorized_client)$/));
  });
});

test('without a confidential client, no client can use the company grant', async () => {
  const sandbox = await startSandbox();
  try {
    const attempt = client.genericGrantRequest(await discoverSandbox(sandbox), 'company', { CompanyId: 'demo-clinic-1001' });
    await expect(attempt).rejects.toMatchObject({ status: 400 });
  } finally {
    await sandbox.close();
  }
});

describe('company grant with opaque access tokens', () => {
  test('the company token is opaque, and the demo API learns the company by introspection', async () => {
    const sandbox = await startSandbox({ confidentialClient: partner, accessTokenFormat: 'opaque', accessTokenTtlSeconds: 3600 });
    try {
      const config = await discoverSandbox(sandbox, partner);
      const tokens = await client.genericGrantRequest(config, 'company', { CompanyId: 'demo-clinic-1001', scope: 'api' });
      expect(() => decodeJwt(tokens.access_token)).toThrow();
      const whoami = await callWhoAmI(sandbox, tokens.access_token);
      expect(whoami.status).toBe(200);
      expect(await whoami.json()).toMatchObject({ subject: partner.clientId, clientId: partner.clientId, companyId: 'demo-clinic-1001', scope: 'api' });
    } finally {
      await sandbox.close();
    }
  });

  test('the demo API\'s own client can introspect but never obtain a token', async () => {
    const sandbox = await startSandbox({ accessTokenFormat: 'opaque' });
    try {
      const response = await fetch(`${sandbox.issuer}/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: demoApiClientId }),
      });
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(await response.json()).toMatchObject({ error: expect.stringMatching(/^(invalid_client|unauthorized_client|unsupported_grant_type)$/) });
    } finally {
      await sandbox.close();
    }
  });
});
