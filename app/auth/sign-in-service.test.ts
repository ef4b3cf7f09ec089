import { createHash } from 'node:crypto';
import * as oidc from 'openid-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { customSchemeRedirectUri } from '../config/app-identity.js';
import { sandboxProfile } from '../config/profile-registry.js';
import type { Profile } from '../config/profile.js';
import { systemClock } from '../ports/clock.js';
import { MemorySecretStore } from '../ports/secret-store.js';
import type { RunningSandbox } from '../sandbox/sandbox-provider.js';
import { loginInChromium } from '../sandbox/test-support/browser-login.js';
import { SessionManager } from '../session/session-manager.js';
import { SignInService, type SignInEvent } from './sign-in-service.js';
import { startMisbehavingProvider, type MisbehavingProvider, type RecordedRequest } from './test-support/misbehaving-provider.js';

/**
 * Integration: the real sandbox provider (oidc-provider, PKCE enforced), real HTTP and, for the
 * main journey, real Chromium doing the login. Nothing here mocks fetch or the provider. The app
 * reaches the sandbox through a recording HTTP server that forwards every request verbatim
 * (test-support/misbehaving-provider.ts, with no rule set), so the tests can read the token
 * requests the app itself sent.
 */
const scheme = 'uk.co.rpasupervisor.dev';
let provider: MisbehavingProvider;
let sandbox: RunningSandbox;
let profile: Profile;

beforeAll(async () => {
  provider = await startMisbehavingProvider({ customSchemes: [scheme] });
  sandbox = provider.sandbox;
  profile = sandboxProfile(sandbox);
});
afterAll(async () => {
  await provider?.close();
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

const live: Array<{ dispose(): void }> = [];
afterEach(() => {
  for (const item of live.splice(0)) item.dispose();
});

function setup(overrides: Partial<Profile> = {}) {
  const opened: string[] = [];
  const logs: string[] = [];
  const events: SignInEvent[] = [];
  const logger = {
    info: (m: string, f?: object) => logs.push(`${m} ${JSON.stringify(f ?? {})}`),
    warn: (m: string, f?: object) => logs.push(`${m} ${JSON.stringify(f ?? {})}`),
    error: (m: string, f?: object) => logs.push(`${m} ${JSON.stringify(f ?? {})}`),
  };
  const effective = { ...profile, ...overrides };
  const sessions = new SessionManager({
    clock: systemClock,
    logger,
    notifier: { notify: () => undefined },
    secrets: new MemorySecretStore(),
    profile: () => effective,
  });
  const service = new SignInService({
    clock: systemClock,
    browser: { open: async (url) => void opened.push(url) },
    logger,
    secrets: new MemorySecretStore(),
    sessions,
    scheme,
    profile: (id) => (id === effective.id ? effective : undefined),
  });
  service.onDidEvent((e) => events.push(e));
  live.push(service, sessions);
  return { service, sessions, opened, logs, events };
}

async function startAndLogIn(service: SignInService): Promise<string> {
  const { authorizationUrl } = await service.start(profile.id);
  return sandbox.completeLoginWithoutBrowser(authorizationUrl);
}

describe('SignInService against the real sandbox', () => {
  it('S1 signs in through real Chromium: system browser, S256 of a fresh 43+ character verifier, state, nonce, 24-hour token', async () => {
    const { service, sessions, opened } = setup();
    const { authorizationUrl } = await service.start(profile.id);
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
    const outcome = await service.handleRedirect(callback);
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

  // S2 and S3 are in provider-faults.test.ts, which counts the token requests to prove the
  // rejection comes before any.

  it('S4 a wrong state is ignored, the real sign-in carries on, and nothing leaks to the log', async () => {
    const { service, sessions, logs } = setup();
    const real = new URL(await startAndLogIn(service));
    const forged = new URL(real);
    forged.searchParams.set('state', 'forged-state');
    expect(await service.handleRedirect(forged.href)).toMatchObject({ kind: 'ignored', reason: expect.stringMatching(/state/), code: 'state_mismatch' });
    expect(service.phase(profile.id).phase).toBe('waitingForBrowser');
    expect(await service.handleRedirect(real.href)).toMatchObject({ kind: 'signedIn' });
    const code = real.searchParams.get('code') as string;
    expect(logs.join('\n')).not.toContain(code);
    expect(sessions.session(profile.id)).toBeDefined();
  });

  it('S5 a replayed callback is ignored and the session is untouched', async () => {
    const { service, sessions } = setup();
    const callback = await startAndLogIn(service);
    expect(await service.handleRedirect(callback)).toMatchObject({ kind: 'signedIn' });
    const first = sessions.session(profile.id);
    expect(await service.handleRedirect(callback)).toMatchObject({ kind: 'ignored' });
    expect(sessions.session(profile.id)).toBe(first);
  });

  it('S6 an error response shows the provider description, and the user can start again', async () => {
    const { service } = setup();
    const { authorizationUrl } = await service.start(profile.id);
    const state = new URL(authorizationUrl).searchParams.get('state') as string;
    const description = '<b>No</b> <script>alert(1)</script>\n\u001b[31mred';
    const denied = `${customSchemeRedirectUri(scheme)}?error=access_denied&error_description=${encodeURIComponent(description)}&state=${state}&iss=${encodeURIComponent(sandbox.issuer)}`;
    const outcome = await service.handleRedirect(denied);
    expect(outcome).toMatchObject({ kind: 'failed', error: { code: 'provider_refused' } });
    if (outcome.kind !== 'failed') return;
    // The description is carried as plain text, markup verbatim (the renderer shows it as text,
    // never as HTML); decoded controls that could forge log lines or colours become spaces.
    expect(outcome.error.message).toBe(
      'Sign-in was cancelled or refused by the provider (access_denied): <b>No</b> <script>alert(1)</script>  [31mred.',
    );
    expect(service.phase(profile.id)).toEqual({ phase: 'error', error: outcome.error });
    await service.start(profile.id);
    expect(service.phase(profile.id).phase).toBe('waitingForBrowser');
  });

  it('S7 a deep link with no sign-in pending is ignored and logged without the code', async () => {
    const { service, logs } = setup();
    const outcome = await service.handleRedirect(`${customSchemeRedirectUri(scheme)}?code=SECRETCODE123&state=abc`);
    expect(outcome).toEqual({ kind: 'ignored', reason: 'no sign-in is in progress', code: 'no_pending_sign_in' });
    expect(logs.join('\n')).not.toContain('SECRETCODE123');
    // Logged with its stable code, so an admin can find it (docs/packaging.md, "Checking the scheme").
    expect(logs).toContainEqual(expect.stringMatching(/^sign-in redirect ignored .*"code":"no_pending_sign_in"/));
  });

  it('S8 a malformed link is rejected by the parser before any OAuth code runs', async () => {
    const { service, events } = setup();
    await service.start(profile.id);
    const outcome = await service.handleRedirect('uk.co.evil://auth/callback?code=a&state=b');
    expect(outcome).toMatchObject({ kind: 'ignored', reason: expect.stringMatching(/scheme/), code: 'invalid_redirect' });
    expect(events.some((e) => e.type === 'exchanging')).toBe(false);
  });

  it('S9 cancel clears the pending sign-in; its callback is then ignored', async () => {
    const { service, events, logs } = setup();
    const callback = await startAndLogIn(service);
    service.cancel(profile.id);
    expect(service.phase(profile.id).phase).toBe('idle');
    expect(events).toContainEqual({ type: 'ended', profileId: profile.id, reason: 'cancelled', code: 'sign_in_cancelled' });
    expect(logs).toContainEqual(expect.stringMatching(/^sign-in ended without an answer .*"code":"sign_in_cancelled"/));
    expect(await service.handleRedirect(callback)).toMatchObject({ kind: 'ignored' });
  });

  it('S11 a second sign-in supersedes the first: only the newer callback works, one session', async () => {
    const { service, sessions, events } = setup();
    const first = await startAndLogIn(service);
    const second = await startAndLogIn(service);
    expect(events).toContainEqual({ type: 'ended', profileId: profile.id, reason: 'superseded', code: 'sign_in_superseded' });
    expect(await service.handleRedirect(first)).toMatchObject({ kind: 'ignored' });
    expect(await service.handleRedirect(second)).toMatchObject({ kind: 'signedIn' });
    expect(sessions.session(profile.id)).toBeDefined();
  });

  it('S12 a stolen code is useless without our verifier: the provider rejects it', async () => {
    const { service } = setup();
    const callback = new URL(await startAndLogIn(service));
    const thief = await oidc.discovery(new URL(sandbox.issuer), sandbox.clientId, undefined, oidc.None(), {
      execute: [oidc.allowInsecureRequests],
    });
    const attempt = oidc.authorizationCodeGrant(thief, callback, {
      pkceCodeVerifier: oidc.randomPKCECodeVerifier(),
      expectedState: callback.searchParams.get('state') as string,
    });
    await expect(attempt).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  it('S1 every sign-in gets a fresh verifier, state and nonce', async () => {
    const { service } = setup();
    const first = new URL((await service.start(profile.id)).authorizationUrl).searchParams;
    const second = new URL((await service.start(profile.id)).authorizationUrl).searchParams;
    for (const name of ['code_challenge', 'state', 'nonce']) expect(second.get(name)).not.toBe(first.get(name));
  });

  /*
   * Proven by mutation: delete the `pkceCodeVerifier: requireVerifier(pending.codeVerifier)` line
   * in SignInService.#redeem. openid-client then sends the token request without `code_verifier`
   * and says nothing, so the body recorded below has no such field and this test fails at the
   * first `code_verifier` expectation — before the provider's refusal is even looked at.
   */
  it('S13 the app\'s own token request carries code_verifier, the one whose S256 it sent as the challenge', async () => {
    const { service } = setup();
    const { authorizationUrl } = await service.start(profile.id);
    const callback = await sandbox.completeLoginWithoutBrowser(authorizationUrl);
    const outcome = await service.handleRedirect(callback);
    const sent = tokenRequestFor(callback).form;
    expect(sent.get('grant_type')).toBe('authorization_code');
    expect(sent.has('code_verifier')).toBe(true);
    expect(s256(sent.get('code_verifier') ?? '')).toBe(new URL(authorizationUrl).searchParams.get('code_challenge'));
    expect(outcome).toEqual({ kind: 'signedIn', profileId: profile.id });
  });

  it('S13 why it matters: openid-client without a verifier silently sends none, and the provider refuses the code', async () => {
    const { service } = setup();
    const callback = new URL(await startAndLogIn(service));
    const client = await oidc.discovery(new URL(sandbox.issuer), sandbox.clientId, undefined, oidc.None(), {
      execute: [oidc.allowInsecureRequests],
    });
    const withoutVerifier = oidc.authorizationCodeGrant(client, callback, { expectedState: callback.searchParams.get('state') as string });
    await expect(withoutVerifier).rejects.toMatchObject({ error: 'invalid_grant' });
    expect(tokenRequestFor(callback).form.has('code_verifier')).toBe(false);
  });

  it('S15 an http issuer that is not on loopback is refused', async () => {
    const { service } = setup({ issuer: 'http://auth.example.org' });
    await expect(service.start(profile.id)).rejects.toMatchObject({ code: 'insecure_issuer' });
    expect(service.phase(profile.id)).toMatchObject({ phase: 'error', error: { code: 'insecure_issuer' } });
  });

  it('S14 an unreachable discovery document names the URL and leaves the profile usable', async () => {
    const { service } = setup({ issuer: 'http://127.0.0.1:9/' });
    const attempt = service.start(profile.id);
    await expect(attempt).rejects.toMatchObject({ code: 'discovery_failed', message: expect.stringContaining('http://127.0.0.1:9/') });
  });

  it('S29 sign-out calls the revocation endpoint; a JWT access token is reported as not revocable', async () => {
    const { service, sessions } = setup();
    await service.handleRedirect(await startAndLogIn(service));
    const session = sessions.session(profile.id);
    expect(session).toBeDefined();
    if (!session) return;
    // oidc-provider answers unsupported_token_type for self-contained JWTs (RFC 7009 §2.2.1).
    expect(await service.revoke(session)).toBe('unsupported');
    const { service: other } = setup({ issuer: 'http://127.0.0.1:9/' });
    expect(await other.revoke({ ...session })).toBe('failed');
  });
});
