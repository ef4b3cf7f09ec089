import { describe, expect, it } from 'vitest';
import { isSupervisorError } from '../errors.js';
import { assertSessionTransition, canTransitionSession, nextStatusChangeAt, sessionOf, sessionStatusAt, sessionTransitions, summaryOf, type Session, type SessionStatus } from './session.js';

const statuses = Object.keys(sessionTransitions) as SessionStatus[];

const allowed: [SessionStatus, SessionStatus][] = [
  ['signedOut', 'active'],
  ['signedOut', 'expiredAtStart'],
  ['active', 'active'],
  ['active', 'refreshing'],
  ['active', 'expired'],
  ['active', 'signedOut'],
  ['refreshing', 'active'],
  ['refreshing', 'expired'],
  ['refreshing', 'signedOut'],
  ['expired', 'active'],
  ['expired', 'signedOut'],
  ['expiredAtStart', 'active'],
  ['expiredAtStart', 'signedOut'],
];

describe('session state machine', () => {
  it.each(allowed)('allows %s → %s', (from, to) => {
    expect(canTransitionSession(from, to)).toBe(true);
    expect(() => assertSessionTransition(from, to)).not.toThrow();
  });

  const refused = statuses.flatMap((from) => statuses.filter((to) => !allowed.some(([f, t]) => f === from && t === to)).map((to) => [from, to] as [SessionStatus, SessionStatus]));

  it.each(refused)('refuses %s → %s as a bug (internal_error)', (from, to) => {
    expect(canTransitionSession(from, to)).toBe(false);
    try {
      assertSessionTransition(from, to);
      expect.unreachable('should have thrown');
    } catch (error) {
      expect(isSupervisorError(error) && error.code).toBe('internal_error');
      expect(String((error as Error).cause)).toContain(`from ${from} to ${to}`);
    }
  });

  it('covers every pair', () => {
    expect(allowed.length + refused.length).toBe(statuses.length * statuses.length);
  });
});

const session: Session = {
  profileId: 'p1',
  issuer: 'https://issuer.example',
  accessToken: 'secret-token',
  tokenType: 'Bearer',
  expiresAt: 10_000_000,
  receivedAt: 0,
  subject: 'demo',
  name: 'Dr Demo',
  scopes: ['api'],
  refreshToken: 'secret-refresh',
};

describe('session data', () => {
  it('only the members that hold a token give it out', () => {
    expect(sessionOf({ status: 'active', session, announced: [], refreshFailed: false })).toBe(session);
    expect(sessionOf({ status: 'refreshing', session, announced: [], request: Promise.resolve(true) })).toBe(session);
    expect(sessionOf({ status: 'expired', session })).toBe(session);
    expect(sessionOf({ status: 'signedOut' })).toBeUndefined();
    expect(sessionOf({ status: 'expiredAtStart', issuer: session.issuer, summary: summaryOf(session) })).toBeUndefined();
  });

  it('a summary says who and until when, never a token', () => {
    expect(summaryOf(session)).toEqual({ subject: 'demo', name: 'Dr Demo', expiresAt: 10_000_000, scopes: ['api'] });
    expect(JSON.stringify(summaryOf(session))).not.toContain('secret');
  });

  it('status and the next change come from the clock', () => {
    expect(sessionStatusAt(10_000_000, 10_000_000 - 61 * 60_000, [60, 15, 5])).toEqual({ status: 'active' });
    expect(sessionStatusAt(10_000_000, 10_000_000 - 14 * 60_000, [60, 15, 5])).toEqual({ status: 'expiring', warningMinutes: 15 });
    expect(sessionStatusAt(10_000_000, 10_000_000, [60, 15, 5])).toEqual({ status: 'expired' });
    expect(nextStatusChangeAt(10_000_000, 10_000_000 - 14 * 60_000, [60, 15, 5])).toBe(10_000_000 - 5 * 60_000);
    expect(nextStatusChangeAt(10_000_000, 10_000_000, [60, 15, 5])).toBeUndefined();
  });
});
