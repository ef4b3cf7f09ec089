import { createHash } from 'node:crypto';
import * as oidc from 'openid-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { customSchemeRedirectUri } from '../config/app-identity.js';
import { sandboxProfile } from '../config/profile-registry.js';
import type { Profile } from '../config/profile.js';
import { startSignInRig } from '../commands/test-support/sign-in-rig.js';
import { parseDeepLink } from '../deep-link/parse-deep-link.js';
import type { RunningSandbox } from '../sandbox/sandbox-provider.js';
import { loginInChromium } from '../sandbox/test-support/browser-login.js';
import { FakeClock } from '../test-support/fake-clock.js';
import type { SignInEvent } from './sign-in-service.js';
import { startMisbehavingProvider, type MisbehavingProvider, type RecordedRequest } from './test-support/misbehaving-provider.js';

/**
 * Integration: the real sandbox provider (oidc-provider, PKCE enforced), real HTTP and, for the
 * main journey, real Chromium doing the login. Nothing here mocks fetch or the provider. Answers
 * are handed over as a host does (parsed once, completed by `completeSignIn`). The app reaches the
 * sandbox through a recording HTTP server that forwards every request verbatim
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

async function setup(overrides: Partial<Profile> = {}, clock?: FakeClock) {
  const opened: string[] = [];
  const logs: string[] = [];
  const events: SignInEvent[] = [];
  const record = (m: string, f?: object) => void logs.push(`${m} ${JSON.stringify(f ?? {})}`);
  const logger = { info: record, warn: record, error: record };
  const rig = await startSignInRig({ scheme, profiles: [{ ...profile, ...overrides }], logger, browser: { open: async (url) => void opened.push(url) }, ...(clock ? { clock } : {}) });
  rig.signIn.onDidEvent((e) => events.push(e));
  live.push(rig);
  return { rig, service: rig.signIn, sessions: rig.sessions, opened, logs, events };
}

async function startAndLogIn(rig: Awaited<ReturnType<typeof setup>>['rig']): Promise<string> {
  const { authorizationUrl } = await rig.start(profile.id);
  return sandbox.completeLoginWithoutBrowser(authorizationUrl);
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

  // S2 and S3 are in provider-faults.test.ts, which counts the token requests to prove the
  // rejection comes before any.

  it('S4 a wrong state is ignored, the real sign-in carries on, and nothing leaks to the log', async () => {
    const { rig, service, sessions, logs } = await setup();
    const real = new URL(await startAndLogIn(rig));
    const forged = new URL(real);
    forged.searchParams.set('state', 'forged-state');
    expect(await rig.deliver(forged.href)).toMatchObject({ kind: 'ignored', reason: expect.stringMatching(/state/), code: 'state_mismatch' });
    expect(service.phase(profile.id).phase).toBe('waitingForBrowser');
    expect(await rig.deliver(real.href)).toMatchObject({ kind: 'signedIn' });
    const code = real.searchParams.get('code') as string;
    expect(logs.join('\n')).not.toContain(code);
    expect(sessions.session(profile.id)).toBeDefined();
  });

  it('S5 a replayed callback is ignored and the session is untouched', async () => {
    const { rig, sessions } = await setup();
    const callback = await startAndLogIn(rig);
    expect(await rig.deliver(callback)).toMatchObject({ kind: 'signedIn' });
    const first = sessions.session(profile.id);
    expect(await rig.deliver(callback)).toMatchObject({ kind: 'ignored' });
    expect(sessions.session(profile.id)).toBe(first);
  });

  it('S6 an error response shows the provider description, and the user can start again', async () => {
    const { rig, service } = await setup();
    const { authorizationUrl } = await rig.start(profile.id);
    const state = new URL(authorizationUrl).searchParams.get('state') as string;
    const description = '<b>No</b> <script>alert(1)</script>\n\u001b[31mred';
    const denied = `${customSchemeRedirectUri(scheme)}?error=access_denied&error_description=${encodeURIComponent(description)}&state=${state}&iss=${encodeURIComponent(sandbox.issuer)}`;
    const outcome = await rig.deliver(denied);
    expect(outcome).toMatchObject({ kind: 'failed', error: { code: 'provider_refused' } });
    if (outcome.kind !== 'failed') return;
    // The description is carried as plain text, markup verbatim (the renderer shows it as text,
    // never as HTML); decoded controls that could forge log lines or colours become spaces.
    expect(outcome.error.message).toBe(
      'Sign-in was cancelled or refused by the provider (access_denied): <b>No</b> <script>alert(1)</script>  [31mred.',
    );
    expect(service.phase(profile.id)).toEqual({ phase: 'failed', error: outcome.error });
    await rig.start(profile.id);
    expect(service.phase(profile.id).phase).toBe('waitingForBrowser');
  });

  it('S7 a deep link with no sign-in pending is ignored and logged without the code', async () => {
    const { rig, logs } = await setup();
    const outcome = await rig.deliver(`${customSchemeRedirectUri(scheme)}?code=SECRETCODE123&state=abc`);
    expect(outcome).toEqual({ kind: 'ignored', reason: 'no sign-in is in progress', code: 'no_pending_sign_in' });
    expect(logs.join('\n')).not.toContain('SECRETCODE123');
    // Logged with its stable code, so an admin can find it (docs/packaging.md, "Checking the scheme").
    expect(logs).toContainEqual(expect.stringMatching(/^sign-in redirect ignored .*"code":"no_pending_sign_in"/));
  });

  it('S8 a malformed link is rejected by the parser before any OAuth code runs', async () => {
    const { rig, service, events } = await setup();
    await rig.start(profile.id);
    const outcome = await rig.deliver('uk.co.evil://auth/callback?code=a&state=b');
    expect(outcome).toMatchObject({ kind: 'ignored', reason: expect.stringMatching(/scheme/), code: 'invalid_redirect' });
    expect(events.some((e) => e.type === 'exchanging')).toBe(false);
    expect(service.phase(profile.id).phase).toBe('waitingForBrowser');
  });

  it('redeems an answer into a session without storing it; completeSignIn puts it in place', async () => {
    const { rig, service, sessions, events } = await setup();
    const link = parseDeepLink(await startAndLogIn(rig), { scheme });
    if (link.kind !== 'authCallback') throw new Error(`not a callback: ${link.kind}`);
    const redeemed = await service.redeem(link);
    expect(redeemed).toMatchObject({ kind: 'redeemed', profile: { id: profile.id }, purpose: 'signIn', session: { subject: sandbox.demoUser.subject } });
    expect(service.phase(profile.id).phase).toBe('exchanging');
    expect(sessions.session(profile.id)).toBeUndefined();
    expect(await rig.secrets.get(`session:${profile.id}`)).toBeUndefined();
    expect(events.map((e) => e.type)).not.toContain('completed');
    // The same answer cannot be redeemed twice, even before the first has been put in place (S5).
    expect(await service.redeem(link)).toMatchObject({ kind: 'ignored' });
  });

  it('a listener that throws never aborts the sign-in', async () => {
    const { rig, service, opened, logs } = await setup();
    service.onDidEvent(() => {
      throw new Error('a broken window');
    });
    const heard: string[] = [];
    service.onDidEvent((e) => heard.push(e.type));
    const { authorizationUrl } = await rig.start(profile.id);
    expect(opened).toEqual([authorizationUrl]);
    expect(heard).toEqual(['started']);
    expect(logs).toContainEqual(expect.stringMatching(/^a sign-in listener failed/));
  });

  it('S9 cancel clears the pending sign-in; its callback is then ignored', async () => {
    const { rig, service, events, logs } = await setup();
    const callback = await startAndLogIn(rig);
    service.cancel(profile.id);
    expect(service.phase(profile.id).phase).toBe('idle');
    expect(events).toContainEqual({ type: 'ended', profileId: profile.id, reason: 'cancelled', code: 'sign_in_cancelled' });
    expect(logs).toContainEqual(expect.stringMatching(/^sign-in ended without an answer .*"code":"sign_in_cancelled"/));
    expect(await rig.deliver(callback)).toMatchObject({ kind: 'ignored' });
  });

  it('S9 an abandoned sign-in times out and is cleared', async () => {
    const clock = new FakeClock(Date.now());
    const { rig, service, events } = await setup({}, clock);
    const callback = await startAndLogIn(rig);
    clock.advance(profile.signInTimeoutMs);
    expect(service.phase(profile.id)).toMatchObject({ phase: 'failed', error: { code: 'sign_in_timed_out' } });
    expect(events).toContainEqual({ type: 'ended', profileId: profile.id, reason: 'timedOut', code: 'sign_in_timed_out' });
    expect(clock.pendingTimers).toBe(0);
    expect(await rig.deliver(callback)).toMatchObject({ kind: 'ignored', code: 'no_pending_sign_in' });
  });

  it('S9 cancel clears the entry and reports it', async () => {
    const clock = new FakeClock(Date.now());
    const { rig, service, events } = await setup({}, clock);
    await rig.start(profile.id);
    service.cancel(profile.id);
    service.cancel(profile.id);
    expect(events.filter((e) => e.type === 'ended')).toEqual([{ type: 'ended', profileId: profile.id, reason: 'cancelled', code: 'sign_in_cancelled' }]);
    expect(service.phase(profile.id)).toEqual({ phase: 'idle' });
    expect(clock.pendingTimers).toBe(0);
  });

  it('S11 a second sign-in supersedes the first: only the newer callback works, one session', async () => {
    const { rig, sessions, events } = await setup();
    const first = await startAndLogIn(rig);
    const second = await startAndLogIn(rig);
    expect(events).toContainEqual({ type: 'ended', profileId: profile.id, reason: 'superseded', code: 'sign_in_superseded' });
    expect(await rig.deliver(first)).toMatchObject({ kind: 'ignored' });
    expect(await rig.deliver(second)).toMatchObject({ kind: 'signedIn' });
    expect(sessions.session(profile.id)).toBeDefined();
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

  it('S1 every sign-in gets a fresh verifier, state and nonce', async () => {
    const { rig } = await setup();
    const first = new URL((await rig.start(profile.id)).authorizationUrl).searchParams;
    const second = new URL((await rig.start(profile.id)).authorizationUrl).searchParams;
    for (const name of ['code_challenge', 'state', 'nonce']) expect(second.get(name)).not.toBe(first.get(name));
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

  it('S15 an http issuer that is not on loopback is refused', async () => {
    const { rig, service } = await setup({ issuer: 'http://auth.example.org' });
    await expect(rig.start(profile.id)).rejects.toMatchObject({ code: 'insecure_issuer' });
    expect(service.phase(profile.id)).toMatchObject({ phase: 'failed', error: { code: 'insecure_issuer' } });
  });

  it('S14 an unreachable discovery document names the URL and leaves the profile usable', async () => {
    const { rig } = await setup({ issuer: 'http://127.0.0.1:9/' });
    const attempt = rig.start(profile.id);
    await expect(attempt).rejects.toMatchObject({ code: 'discovery_failed', message: expect.stringContaining('http://127.0.0.1:9/') });
  });

  it('S29 sign-out calls the revocation endpoint; a JWT access token is reported as not revocable', async () => {
    const { rig, sessions } = await setup();
    await rig.deliver(await startAndLogIn(rig));
    const session = sessions.session(profile.id);
    expect(session).toBeDefined();
    if (!session) return;
    // oidc-provider answers unsupported_token_type for self-contained JWTs (RFC 7009 §2.2.1).
    expect(await rig.tokens.revoke(session)).toBe('unsupported');
    const { rig: other } = await setup({ issuer: 'http://127.0.0.1:9/' });
    expect(await other.tokens.revoke({ ...session })).toBe('failed');
  });
});
