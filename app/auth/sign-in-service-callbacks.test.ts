import { describe, expect, it } from 'vitest';
import { customSchemeRedirectUri } from '../config/app-identity.js';
import type { Profile } from '../config/profile.js';
import { parseDeepLink } from '../deep-link/parse-deep-link.js';
import type { RunningSandbox } from '../sandbox/sandbox-provider.js';
import { scheme, useSignInService } from './test-support/sign-in-service-fixture.js';

/**
 * SignInService against the real sandbox: what it does with each answer handed to it (S4–S8), a
 * forged, replayed, refused, unexpected or malformed one, and how an answer is redeemed.
 */
let sandbox: RunningSandbox;
let profile: Profile;
const { setup, startAndLogIn } = useSignInService((started) => {
  ({ sandbox, profile } = started);
});

describe('SignInService against the real sandbox', () => {
  // S2 and S3 are in provider-faults-callback.test.ts, which counts the token requests to prove the
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

  // S2 and S3 hold for error answers too: in a mix-up another provider answers for this sign-in,
  // and its words must not appear in the trusted provider's name.
  it.each([
    ['S2 an error answer from another issuer', 'https://evil.example'],
    ['S3 an error answer without iss, which the provider advertises', undefined],
  ])('%s is issuer_mismatch, and its description is never shown', async (_case, iss) => {
    const { rig, service } = await setup();
    const { authorizationUrl } = await rig.start(profile.id);
    expect((await rig.providers.configuration(profile)).serverMetadata().authorization_response_iss_parameter_supported).toBe(true);
    const state = new URL(authorizationUrl).searchParams.get('state') as string;
    const planted = 'Your account is locked. Call 0800 000 000 to unlock it';
    const answer = new URL(customSchemeRedirectUri(scheme));
    answer.search = new URLSearchParams({ error: 'access_denied', error_description: planted, state, ...(iss ? { iss } : {}) }).toString();
    const outcome = await rig.deliver(answer.href);
    expect(outcome).toMatchObject({ kind: 'failed', error: { code: 'issuer_mismatch' } });
    expect(JSON.stringify(outcome)).not.toContain('0800');
    expect(JSON.stringify(service.phase(profile.id))).not.toContain('0800');
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
});
