import { describe, expect, it } from 'vitest';
import { FakeClock } from '../test-support/fake-clock.js';
import { PendingAuthorizations, type EndReason, type PendingAuthorization } from './pending-authorizations.js';

function entry(clock: FakeClock, state: string, profileId = 'p1'): PendingAuthorization {
  return {
    state,
    profileId,
    codeVerifier: `verifier-${state}`,
    nonce: `nonce-${state}`,
    redirectUri: 'uk.co.rpasupervisor://auth/callback',
    authorizationUrl: 'http://127.0.0.1/auth',
    createdAt: clock.now(),
    expiresAt: clock.now() + 600_000,
  };
}

function setup() {
  const clock = new FakeClock();
  const ended: Array<[string, EndReason]> = [];
  const pending = new PendingAuthorizations(clock, (e, reason) => ended.push([e.state, reason]));
  return { clock, ended, pending };
}

describe('PendingAuthorizations', () => {
  it('S5 take is one-shot: a replay finds nothing', () => {
    const { clock, pending } = setup();
    pending.add(entry(clock, 'a'));
    expect(pending.take('a')?.codeVerifier).toBe('verifier-a');
    expect(pending.take('a')).toBeUndefined();
  });

  it('S4 an unknown state finds nothing and leaves the pending entry alone', () => {
    const { clock, pending } = setup();
    pending.add(entry(clock, 'a'));
    expect(pending.take('b')).toBeUndefined();
    expect(pending.size).toBe(1);
  });

  it('S11 a second sign-in for the same profile supersedes the first', () => {
    const { clock, pending, ended } = setup();
    pending.add(entry(clock, 'a'));
    pending.add(entry(clock, 'b'));
    expect(ended).toEqual([['a', 'superseded']]);
    expect(pending.take('a')).toBeUndefined();
    expect(pending.take('b')?.state).toBe('b');
  });

  it('keeps sign-ins for different profiles apart', () => {
    const { clock, pending, ended } = setup();
    pending.add(entry(clock, 'a', 'p1'));
    pending.add(entry(clock, 'b', 'p2'));
    expect(ended).toEqual([]);
    expect(pending.size).toBe(2);
  });

  it('S9 an abandoned sign-in times out and is cleared', () => {
    const { clock, pending, ended } = setup();
    pending.add(entry(clock, 'a'));
    clock.advance(600_000);
    expect(ended).toEqual([['a', 'timedOut']]);
    expect(pending.size).toBe(0);
  });

  it('S9 judges expiry by wall-clock time even when the timer never fired (sleep)', () => {
    const clock = new FakeClock();
    const ended: string[] = [];
    const pending = new PendingAuthorizations(
      { now: () => clock.now(), setTimer: () => ({ dispose: () => undefined }) },
      (e) => ended.push(e.state),
    );
    pending.add(entry(clock, 'a'));
    clock.advance(600_001);
    expect(pending.take('a')).toBeUndefined();
    expect(ended).toEqual(['a']);
  });

  it('S9 cancel clears the entry and reports it', () => {
    const { clock, pending, ended } = setup();
    pending.add(entry(clock, 'a'));
    expect(pending.cancel('p1')).toBe(true);
    expect(pending.cancel('p1')).toBe(false);
    expect(ended).toEqual([['a', 'cancelled']]);
    expect(clock.pendingTimers).toBe(0);
  });
});
