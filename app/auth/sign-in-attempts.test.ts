import { describe, expect, it } from 'vitest';
import { isSupervisorError } from '../errors.js';
import { FakeClock } from '../test-support/fake-clock.js';
import {
  assertSignInTransition,
  canTransitionSignIn,
  phaseView,
  SignInAttempts,
  signInTransitions,
  type SignInPhase,
  type WaitingForBrowser,
} from './sign-in-attempts.js';

const phases = Object.keys(signInTransitions) as SignInPhase[];

const allowed: [SignInPhase, SignInPhase][] = [
  ['idle', 'waitingForBrowser'],
  ['idle', 'failed'],
  ['waitingForBrowser', 'waitingForBrowser'],
  ['waitingForBrowser', 'exchanging'],
  ['waitingForBrowser', 'idle'],
  ['waitingForBrowser', 'failed'],
  ['exchanging', 'waitingForBrowser'],
  ['exchanging', 'idle'],
  ['exchanging', 'failed'],
  ['failed', 'waitingForBrowser'],
  ['failed', 'failed'],
  ['failed', 'idle'],
];

describe('sign-in attempt state machine', () => {
  it.each(allowed)('allows %s → %s', (from, to) => {
    expect(canTransitionSignIn(from, to)).toBe(true);
    expect(() => assertSignInTransition(from, to)).not.toThrow();
  });

  const refused = phases.flatMap((from) => phases.filter((to) => !allowed.some(([f, t]) => f === from && t === to)).map((to) => [from, to] as [SignInPhase, SignInPhase]));

  it.each(refused)('refuses %s → %s as a bug (internal_error)', (from, to) => {
    expect(canTransitionSignIn(from, to)).toBe(false);
    try {
      assertSignInTransition(from, to);
      expect.unreachable('should have thrown');
    } catch (error) {
      expect(isSupervisorError(error) && error.code).toBe('internal_error');
      expect(String((error as Error).cause)).toContain(`from ${from} to ${to}`);
    }
  });

  it('covers every pair', () => {
    expect(allowed.length + refused.length).toBe(phases.length * phases.length);
  });
});

function waiting(clock: FakeClock, state: string, options: { profileId?: string; route?: 'customScheme' | 'loopback' } = {}) {
  const closed: string[] = [];
  let disposed = false;
  const attempt: WaitingForBrowser = {
    phase: 'waitingForBrowser',
    profileId: options.profileId ?? 'p1',
    purpose: 'signIn',
    state,
    codeVerifier: `verifier-${state}`.padEnd(43, 'v'),
    nonce: `nonce-${state}`,
    redirectUri: 'uk.co.rpasupervisor://auth/callback',
    route: options.route ?? 'customScheme',
    authorizationUrl: 'http://127.0.0.1/auth',
    startedAt: clock.now(),
    expiresAt: clock.now() + 600_000,
    timer: { dispose: () => void (disposed = true) },
    loopback: { close: async () => void closed.push(state) },
  };
  return { attempt, closed, disposed: () => disposed };
}

describe('SignInAttempts', () => {
  it('S5 take is one-shot: a replay finds nothing', () => {
    const clock = new FakeClock();
    const attempts = new SignInAttempts();
    const a = waiting(clock, 'a');
    attempts.move('p1', a.attempt);
    expect(attempts.take('a', 'customScheme', clock.now())).toEqual({ kind: 'taken', attempt: a.attempt });
    expect(attempts.get('p1')).toEqual({ phase: 'exchanging', profileId: 'p1', purpose: 'signIn', state: 'a' });
    expect(attempts.take('a', 'customScheme', clock.now())).toEqual({ kind: 'none' });
    expect(a.disposed()).toBe(true);
  });

  it('S4 an unknown state finds nothing and leaves the pending entry alone', () => {
    const clock = new FakeClock();
    const attempts = new SignInAttempts();
    attempts.move('p1', waiting(clock, 'a').attempt);
    expect(attempts.take('b', 'customScheme', clock.now())).toEqual({ kind: 'none' });
    expect(attempts.take(undefined, 'customScheme', clock.now())).toEqual({ kind: 'none' });
    expect(attempts.get('p1').phase).toBe('waitingForBrowser');
    expect(attempts.hasWaiting()).toBe(true);
  });

  it('an answer by the wrong route leaves the attempt waiting', () => {
    const clock = new FakeClock();
    const attempts = new SignInAttempts();
    attempts.move('p1', waiting(clock, 'a', { route: 'loopback' }).attempt);
    expect(attempts.take('a', 'customScheme', clock.now())).toEqual({ kind: 'wrongRoute' });
    expect(attempts.get('p1').phase).toBe('waitingForBrowser');
  });

  it('S9 judges expiry by wall-clock time even when the timer never fired (sleep)', () => {
    const clock = new FakeClock();
    const attempts = new SignInAttempts();
    const a = waiting(clock, 'a');
    attempts.move('p1', a.attempt);
    clock.sleepUntil(a.attempt.expiresAt);
    expect(attempts.take('a', 'customScheme', clock.now())).toEqual({ kind: 'expired', attempt: a.attempt });
    expect(attempts.get('p1').phase).toBe('waitingForBrowser');
  });

  it('S11 a second sign-in for the same profile supersedes the first', () => {
    const clock = new FakeClock();
    const attempts = new SignInAttempts();
    attempts.move('p1', waiting(clock, 'a').attempt);
    attempts.move('p1', waiting(clock, 'b').attempt);
    expect(attempts.take('a', 'customScheme', clock.now())).toEqual({ kind: 'none' });
    expect(attempts.take('b', 'customScheme', clock.now()).kind).toBe('taken');
  });

  it('S9 leaving a waiting attempt disposes its timer and closes its loopback listener', () => {
    const clock = new FakeClock();
    const attempts = new SignInAttempts();
    const first = waiting(clock, 'a');
    attempts.move('p1', first.attempt);
    attempts.move('p1', waiting(clock, 'b').attempt);
    expect([first.disposed(), first.closed]).toEqual([true, ['a']]);
    attempts.move('p1', { phase: 'idle' });
    expect(attempts.hasWaiting()).toBe(false);
  });

  it('a loopback answer leaves its listener open: it answers the browser and closes itself', () => {
    const clock = new FakeClock();
    const attempts = new SignInAttempts();
    const a = waiting(clock, 'a', { route: 'loopback' });
    attempts.move('p1', a.attempt);
    expect(attempts.take('a', 'loopback', clock.now()).kind).toBe('taken');
    expect([a.disposed(), a.closed]).toEqual([true, []]);
  });

  it('keeps attempts for different profiles apart, and dispose ends them all', () => {
    const clock = new FakeClock();
    const attempts = new SignInAttempts();
    const a = waiting(clock, 'a', { profileId: 'p1' });
    const b = waiting(clock, 'b', { profileId: 'p2' });
    attempts.move('p1', a.attempt);
    attempts.move('p2', b.attempt);
    expect(attempts.take('b', 'customScheme', clock.now()).kind).toBe('taken');
    expect(attempts.get('p1').phase).toBe('waitingForBrowser');
    attempts.dispose();
    expect([a.closed, a.disposed()]).toEqual([['a'], true]);
    expect(attempts.get('p1')).toEqual({ phase: 'idle' });
  });

  it('refuses an impossible move and keeps the attempt as it was', () => {
    const attempts = new SignInAttempts();
    expect(() => attempts.move('p1', { phase: 'exchanging', profileId: 'p1', purpose: 'signIn', state: 'x' })).toThrow();
    expect(attempts.get('p1')).toEqual({ phase: 'idle' });
  });

  it('a view never shows the verifier, nonce or state', () => {
    const { attempt } = waiting(new FakeClock(), 'the-state');
    const view = phaseView(attempt);
    expect(view).toEqual({ phase: 'waitingForBrowser', authorizationUrl: attempt.authorizationUrl, signInExpiresAt: attempt.expiresAt });
    expect(JSON.stringify(view)).not.toMatch(/verifier|nonce|the-state/);
    expect(phaseView({ phase: 'exchanging', profileId: 'p1', purpose: 'signIn', state: 'the-state' })).toEqual({ phase: 'exchanging' });
  });
});
