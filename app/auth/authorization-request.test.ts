import * as oidc from 'openid-client';
import { describe, expect, it } from 'vitest';
import { profileSchema, type ProfileInput } from '../config/profile.js';
import { buildAuthorizationRequest } from './authorization-request.js';

const config = new oidc.Configuration({ issuer: 'https://id.example', authorization_endpoint: 'https://id.example/authorize' }, 'rpa-client');
const profile = (input: Partial<ProfileInput> = {}) =>
  profileSchema.parse({ id: 'p', name: 'P', kind: 'oidc', issuer: 'https://id.example', clientId: 'rpa-client', scopes: ['openid', 'api'], ...input });

describe('buildAuthorizationRequest', () => {
  it('S1 uses S256 with a fresh verifier of 43+ characters, the state and a nonce', async () => {
    const first = await buildAuthorizationRequest(config, profile(), { state: 'the-state', redirectUri: 'uk.co.rpasupervisor://auth/callback' });
    const second = await buildAuthorizationRequest(config, profile(), { state: 'the-state', redirectUri: 'uk.co.rpasupervisor://auth/callback' });
    const url = new URL(first.authorizationUrl);
    expect(url.origin + url.pathname).toBe('https://id.example/authorize');
    expect(first.codeVerifier.length).toBeGreaterThanOrEqual(43);
    expect(second.codeVerifier).not.toBe(first.codeVerifier);
    expect(url.searchParams.get('code_challenge')).toBe(await oidc.calculatePKCECodeChallenge(first.codeVerifier));
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('state')).toBe('the-state');
    expect(url.searchParams.get('nonce')).toBe(first.nonce);
    expect(url.searchParams.get('scope')).toBe('openid api');
    expect(url.searchParams.get('redirect_uri')).toBe('uk.co.rpasupervisor://auth/callback');
    // The verifier itself never travels in the request.
    expect(first.authorizationUrl).not.toContain(first.codeVerifier);
  });

  it('asks for no nonce without openid, and sends no scope at all when the profile has none (Healthcode)', async () => {
    const request = await buildAuthorizationRequest(config, profile({ scopes: [] }), { state: 's', redirectUri: 'http://127.0.0.1:5555/cb' });
    const url = new URL(request.authorizationUrl);
    expect(request.nonce).toBe('');
    expect(url.searchParams.has('nonce')).toBe(false);
    expect(url.searchParams.has('scope')).toBe(false);
  });

  it("adds the provider's extra parameters and prompt=login, but never lets them replace PKCE or state", async () => {
    const extra = { audience: 'api://clinic', state: 'forged', code_challenge_method: 'plain' };
    const request = await buildAuthorizationRequest(config, profile({ extraAuthParams: extra }), { state: 's', redirectUri: 'http://127.0.0.1/cb', prompt: 'login' });
    const url = new URL(request.authorizationUrl);
    expect(url.searchParams.get('audience')).toBe('api://clinic');
    expect(url.searchParams.get('prompt')).toBe('login');
    expect(url.searchParams.get('state')).toBe('s');
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
  });

  it("S95 keeps the profile's own prompt values beside login, and drops none, which the provider refuses with login", async () => {
    const asked = async (prompt: string | undefined, login: boolean) => {
      const extraAuthParams: Record<string, string> = prompt === undefined ? {} : { prompt };
      const request = await buildAuthorizationRequest(config, profile({ extraAuthParams }), { state: 's', redirectUri: 'http://127.0.0.1/cb', ...(login ? { prompt: 'login' as const } : {}) });
      return new URL(request.authorizationUrl).searchParams.get('prompt');
    };
    expect(await asked('consent', true)).toBe('login consent');
    expect(await asked('select_account  consent', true)).toBe('login select_account consent');
    expect(await asked('none', true)).toBe('login');
    expect(await asked('login', true)).toBe('login');
    expect(await asked(undefined, true)).toBe('login');
    expect(await asked('consent', false)).toBe('consent');
    expect(await asked(undefined, false)).toBeNull();
  });

  it('S95 always asks for the code flow with its own client id, whatever a stored profile left in its extra parameters', async () => {
    const extra = { response_type: 'token', client_id: 'someone-else', response_mode: 'form_post', request_uri: 'https://evil.example/r', nonce: 'fixed', code_challenge: 'x' };
    const request = await buildAuthorizationRequest(config, profile({ extraAuthParams: extra }), { state: 's', redirectUri: 'http://127.0.0.1/cb' });
    const url = new URL(request.authorizationUrl);
    expect(url.searchParams.get('response_type')).toBe('code');
    expect(url.searchParams.get('client_id')).toBe('rpa-client');
    expect(url.searchParams.get('nonce')).toBe(request.nonce);
    expect(url.searchParams.get('code_challenge')).toBe(await oidc.calculatePKCECodeChallenge(request.codeVerifier));
    expect(url.searchParams.has('response_mode')).toBe(false);
    expect(url.searchParams.has('request_uri')).toBe(false);
  });
});
