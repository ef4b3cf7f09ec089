import { describe, expect, it } from 'vitest';
import type { SessionView } from '../../app/common/contract.js';
import { summariseSessions } from './summarise-sessions.js';

function session(overrides: Partial<SessionView>): SessionView {
  return { profileId: 'sandbox', profileName: 'Local sandbox', status: 'signedOut', scopes: [], ...overrides };
}

describe('summariseSessions', () => {
  it('says when there are no profiles', () => {
    expect(summariseSessions([])).toEqual({ text: 'No provider profiles', tone: 'neutral' });
  });

  it('names the signed-in user for a single profile', () => {
    const summary = summariseSessions([session({ status: 'active', user: { subject: 'u1', name: 'Dr Demo' } })]);
    expect(summary).toEqual({ text: 'Signed in as Dr Demo', tone: 'success' });
  });

  it('falls back to the subject when the provider sent no name', () => {
    expect(summariseSessions([session({ status: 'active', user: { subject: 'u1' } })]).text).toBe('Signed in as u1');
  });

  it('shows the most urgent of several profiles, with its name', () => {
    const summary = summariseSessions([
      session({ profileId: 'a', profileName: 'Healthcode UAT', status: 'active', user: { subject: 'x' } }),
      session({ profileId: 'b', profileName: 'Local sandbox', status: 'expired' }),
    ]);
    expect(summary).toEqual({ text: 'Local sandbox: Session ended — re-authenticate', tone: 'danger' });
  });

  it('never repeats a card status label verbatim', () => {
    for (const status of ['signedOut', 'waitingForBrowser', 'exchanging', 'active', 'expiring', 'expired', 'error'] as const) {
      const { text } = summariseSessions([session({ status, user: { subject: 'x', name: 'N' } })]);
      expect(['Signed out', 'Waiting for your browser…', 'Finishing sign-in…', 'Active', 'Expiring soon', 'Expired', 'Sign-in failed']).not.toContain(text);
    }
  });
});
