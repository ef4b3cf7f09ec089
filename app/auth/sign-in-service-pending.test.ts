import { describe, expect, it } from 'vitest';
import type { Profile } from '../config/profile.js';
import { FakeClock } from '../test-support/fake-clock.js';
import { useSignInService } from './test-support/sign-in-service-fixture.js';

/**
 * SignInService against the real sandbox: a pending sign-in is cancelled, times out or is
 * superseded cleanly (S9, S11), and a listener that throws cannot abort it.
 */
let profile: Profile;
const { setup, startAndLogIn } = useSignInService((started) => {
  ({ profile } = started);
});

describe('SignInService against the real sandbox', () => {
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

  it('S9 a short sign-in time limit is said as it was set, never "within 0 minutes"', async () => {
    const clock = new FakeClock(Date.now());
    const { rig, service } = await setup({ signInTimeoutMs: 90_000 }, clock);
    await startAndLogIn(rig);
    clock.advance(90_000);
    expect(service.phase(profile.id)).toMatchObject({
      phase: 'failed',
      error: { code: 'sign_in_timed_out', message: 'Sign-in was not completed within 1 minute 30 seconds, so it was stopped. Click Sign in to try again.' },
    });
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
});
