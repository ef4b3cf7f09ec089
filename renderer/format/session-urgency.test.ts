import { describe, expect, it } from 'vitest';
import type { SessionView } from '../../app/common/contract.js';
import { sessionsByUrgency } from './session-urgency.js';

function session(profileId: string, overrides: Partial<SessionView> = {}): SessionView {
  return { profileId, profileName: profileId, status: 'signedOut', scopes: [], ...overrides };
}

const order = (sessions: SessionView[], thresholds?: (id: string) => number[] | undefined) => sessionsByUrgency(sessions, thresholds).map((s) => s.profileId);

describe('sessionsByUrgency', () => {
  it('puts an ended session first, then failures, expiring, signing in, active, signed out', () => {
    const sessions = [
      session('out'),
      session('active', { status: 'active' }),
      session('waiting', { status: 'waitingForBrowser' }),
      session('expiring', { status: 'expiring', warningMinutes: 60, expiresAt: 5_000 }),
      session('failed', { status: 'error' }),
      session('ended', { status: 'expired' }),
    ];
    expect(order(sessions)).toEqual(['ended', 'failed', 'expiring', 'waiting', 'active', 'out']);
  });

  it('ranks a session at its last warning above a failed sign-in, below an ended one', () => {
    const sessions = [
      session('failed', { status: 'error' }),
      session('final', { status: 'expiring', warningMinutes: 5, expiresAt: 9_000 }),
      session('ended', { status: 'expired' }),
    ];
    expect(order(sessions)).toEqual(['ended', 'final', 'failed']);
  });

  it("uses each profile's own thresholds to find the last warning", () => {
    const sessions = [session('a', { status: 'error' }), session('b', { status: 'expiring', warningMinutes: 15, expiresAt: 1 })];
    expect(order(sessions)).toEqual(['a', 'b']);
    expect(order(sessions, (id) => (id === 'b' ? [60, 15] : undefined))).toEqual(['b', 'a']);
  });

  it('among expiring sessions, the one ending soonest comes first', () => {
    const sessions = [
      session('later', { status: 'expiring', warningMinutes: 60, expiresAt: 20_000 }),
      session('sooner', { status: 'expiring', warningMinutes: 60, expiresAt: 10_000 }),
    ];
    expect(order(sessions)).toEqual(['sooner', 'later']);
  });

  it('keeps the profiles’ order among equals, and does not change its input', () => {
    const sessions = [session('c', { status: 'active' }), session('a', { status: 'active' }), session('b', { status: 'active' })];
    expect(order(sessions)).toEqual(['c', 'a', 'b']);
    expect(sessions.map((s) => s.profileId)).toEqual(['c', 'a', 'b']);
  });

  it('is empty for no sessions', () => {
    expect(sessionsByUrgency([])).toEqual([]);
  });
});
