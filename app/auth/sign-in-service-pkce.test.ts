import { createHash } from 'node:crypto';
import * as oidc from 'openid-client';
import { describe, expect, it } from 'vitest';
import { customSchemeRedirectUri } from '../config/app-identity.js';
import type { Profile } from '../config/profile.js';
import type { RunningSandbox } from '../sandbox/sandbox-provider.js';
import { loginInChromium } from '../sandbox/test-support/browser-login.js';
import type { MisbehavingProvider, RecordedRequest } from './test-support/misbehaving-provider.js';
import { scheme, useSignInService } from './test-support/sign-in-service-fixture.js';

/**
 * SignInService's PKCE, state and nonce against the real sandbox (S1, S12, S13): the tests read
 * the token requests the app itself sent from the recording server in front of it.
 */
let provider: MisbehavingProvider;
let sandbox: RunningSandbox;
let profile: Profile;
const { setup, startAndLogIn } = useSignInService((started) => {
  ({ provider, sandbox, profile } = started);
});

/** The token request that redeemed `callback`'s code (there is exactly one per code, S5). */
function tokenRequestFor(callback: string | URL): RecordedRequest {
  const code = new URL(callback).searchParams.get('code');
  const matching = provider.requests('/token').filter((request) => request.form.get('code') === code);
  expect(matching).toHaveLength(1);
  return matching[0] as RecordedRequest;
}

/** RFC 7636 §4.2: BASE64URL(SHA256(ASCII(code_verifier))). Computed here, not by openid-client. */
function s256(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

describe('SignInService against the real sandbox', () => {
  it('S1 signs in through real Chromium: system browser, S256 of a fresh 43+ character verifier, state, nonce, 24-hour token', async () => {
    const { rig, service, sessions, opened } = await setup();
    const { authorizationUrl } = await rig.start(profile.id);
    expect(opened).toEqual([authorizationUrl]);
    const request = new URL(authorizationUrl);
    expect(request.searchParams.get('code_challenge_method')).toBe('S256');
    const challenge = request.searchParams.get('code_challenge') as string;
    expect(challenge).toMatch(/^[\w-]{43}$/);
    expect(request.searchParams.get('state')).toMatch(/^[\w-]{22,}$/);
    expect(request.searchParams.get('nonce')).toMatch(/^[\w-]{22,}$/);
    expect(request.searchParams.get('redirect_uri')).toBe(customSchemeRedirectUri(scheme));
    expect(service.phase(profile.id).phase).toBe('waitingForBrowser');

    const callback = await loginInChromium(authorizationUrl, sandbox.demoUser, { expectRedirectPrefix: `${scheme}://` });
    const outcome = await rig.deliver(callback);
    expect(outcome).toEqual({ kind: 'signedIn', profileId: profile.id });
    // The verifier the app really sent: RFC 7636 length and alphabet, and the challenge is its S256.
    const verifier = tokenRequestFor(callback).form.get('code_verifier') ?? '';
    expect(verifier.length).toBeGreaterThanOrEqual(43);
    expect(verifier).toMatch(/^[A-Za-z0-9\-._~]{43,128}$/);
    expect(s256(verifier)).toBe(challenge);
    const grant = sessions.tokenFor(profile.id, 0);
    expect(grant.ok).toBe(true);
    if (!grant.ok) return;
    expect(Math.abs(grant.expiresAt - (Date.now() + 86_400_000))).toBeLessThan(60_000);
    expect(grant.supervisor).toEqual({ subject: sandbox.demoUser.subject, name: sandbox.demoUser.name });
    const whoami = await fetch(`${sandbox.apiBaseUrl}/whoami`, { headers: { authorization: `Bearer ${grant.accessToken}` } });
    expect(whoami.status).toBe(200);
  });

  it('S1 every sign-in gets a fresh verifier, state and nonce', async () => {
    const { rig } = await setup();
    const first = new URL((await rig.start(profile.id)).authorizationUrl).searchParams;
    const second = new URL((await rig.start(profile.id)).authorizationUrl).searchParams;
    for (const name of ['code_challenge', 'state', 'nonce']) expect(second.get(name)).not.toBe(first.get(name));
  });

  it('S12 a stolen code is useless without our verifier: the provider rejects it', async () => {
    const { rig } = await setup();
    const callback = new URL(await startAndLogIn(rig));
    const thief = await oidc.discovery(new URL(sandbox.issuer), sandbox.clientId, undefined, oidc.None(), {
      execute: [oidc.allowInsecureRequests],
    });
    const attempt = oidc.authorizationCodeGrant(thief, callback, {
      pkceCodeVerifier: oidc.randomPKCECodeVerifier(),
      expectedState: callback.searchParams.get('state') as string,
    });
    await expect(attempt).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  /*
   * Proven by mutation: delete the `pkceCodeVerifier: requireVerifier(attempt.codeVerifier)` line
   * in SignInService's token exchange. openid-client then sends the token request without `code_verifier`
   * and says nothing, so the body recorded below has no such field and this test fails at the
   * first `code_verifier` expectation — before the provider's refusal is even looked at.
   */
  it('S13 the app\'s own token request carries code_verifier, the one whose S256 it sent as the challenge', async () => {
    const { rig } = await setup();
    const { authorizationUrl } = await rig.start(profile.id);
    const callback = await sandbox.completeLoginWithoutBrowser(authorizationUrl);
    const outcome = await rig.deliver(callback);
    const sent = tokenRequestFor(callback).form;
    expect(sent.get('grant_type')).toBe('authorization_code');
    expect(sent.has('code_verifier')).toBe(true);
    expect(s256(sent.get('code_verifier') ?? '')).toBe(new URL(authorizationUrl).searchParams.get('code_challenge'));
    expect(outcome).toEqual({ kind: 'signedIn', profileId: profile.id });
  });

  it('S13 why it matters: openid-client without a verifier silently sends none, and the provider refuses the code', async () => {
    const { rig } = await setup();
    const callback = new URL(await startAndLogIn(rig));
    const client = await oidc.discovery(new URL(sandbox.issuer), sandbox.clientId, undefined, oidc.None(), {
      execute: [oidc.allowInsecureRequests],
    });
    const withoutVerifier = oidc.authorizationCodeGrant(client, callback, { expectedState: callback.searchParams.get('state') as string });
    await expect(withoutVerifier).rejects.toMatchObject({ error: 'invalid_grant' });
    expect(tokenRequestFor(callback).form.has('code_verifier')).toBe(false);
  });
});
