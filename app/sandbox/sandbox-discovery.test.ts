import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startSandbox, type RunningSandbox } from './sandbox-provider.js';
import { discoverSandbox } from './test-support/sandbox-client.js';

describe('sandbox discovery document', () => {
  let sandbox: RunningSandbox;
  let metadata: Record<string, unknown>;

  beforeAll(async () => {
    sandbox = await startSandbox();
    const response = await fetch(`${sandbox.issuer}/.well-known/openid-configuration`);
    metadata = (await response.json()) as Record<string, unknown>;
  });
  afterAll(() => sandbox?.close());

  test('names the loopback issuer exactly as the sandbox reports it', () => {
    expect(sandbox.issuer).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(metadata.issuer).toBe(sandbox.issuer);
    expect(sandbox.apiBaseUrl).toBe(`${sandbox.issuer}/api`);
    expect(sandbox.resource).toBe(sandbox.apiBaseUrl);
  });

  test('advertises the RFC 9207 iss response parameter', () => {
    expect(metadata.authorization_response_iss_parameter_supported).toBe(true);
  });

  test('offers S256 as the only PKCE method and code as the only response type', () => {
    expect(metadata.code_challenge_methods_supported).toEqual(['S256']);
    expect(metadata.response_types_supported).toEqual(['code']);
  });

  test('publishes the JWKS, revocation and userinfo endpoints, RS256 ID tokens and the scopes', () => {
    expect(metadata.jwks_uri).toBe(sandbox.jwksUri);
    expect(metadata.revocation_endpoint).toBe(`${sandbox.issuer}/token/revocation`);
    expect(metadata.userinfo_endpoint).toBe(`${sandbox.issuer}/me`);
    expect(metadata.id_token_signing_alg_values_supported).toEqual(['RS256']);
    expect(metadata.scopes_supported).toEqual(expect.arrayContaining(['openid', 'profile']));
    expect(metadata.claims_supported).toEqual(expect.arrayContaining(['sub', 'name']));
    expect(metadata.grant_types_supported).toEqual(expect.arrayContaining(['authorization_code', 'company']));
  });

  test('the JWKS holds only public signing keys', async () => {
    const jwks = (await (await fetch(metadata.jwks_uri as string)).json()) as { keys: Record<string, unknown>[] };
    expect(jwks.keys.length).toBeGreaterThan(0);
    for (const key of jwks.keys) {
      expect(key).toMatchObject({ kty: 'RSA', use: 'sig' });
      expect(key).not.toHaveProperty('d');
    }
  });

  test('openid-client discovers it with insecure requests allowed for loopback only', async () => {
    const config = await discoverSandbox(sandbox);
    expect(config.serverMetadata().issuer).toBe(sandbox.issuer);
    expect(config.clientMetadata().client_id).toBe('rpa-supervisor-sandbox');
  });
});
