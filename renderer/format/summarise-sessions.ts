import type { SessionView } from '../../app/common/contract.js';
import { copy } from '../copy.js';
import { sessionsByUrgency } from './session-urgency.js';
import { sessionStatusTone } from './status-labels.js';
import type { Tone } from './tone.js';

export interface SessionSummary {
  text: string;
  tone: Tone;
}

/**
 * One line for the header. Worded differently from the card's status labels on purpose, so
 * that text searches for a card's status (and screen-reader users scanning) find one place.
 */
export function summariseSessions(sessions: readonly SessionView[]): SessionSummary {
  const [first] = sessionsByUrgency(sessions);
  if (!first) return { text: copy.header.noProfiles, tone: 'neutral' };
  const text = describe(first);
  return {
    text: sessions.length > 1 ? copy.header.withProfile(first.profileName, text) : text,
    tone: sessionStatusTone(first.status),
  };
}

function describe(session: SessionView): string {
  switch (session.status) {
    case 'signedOut':
      return copy.header.notSignedIn;
    case 'waitingForBrowser':
    case 'exchanging':
      return copy.header.signingIn;
    case 'active':
      return copy.header.signedInAs(session.user?.name ?? session.user?.subject ?? session.profileName);
    case 'expiring':
      return copy.header.endingSoon;
    case 'expired':
      return copy.header.ended;
    case 'error':
      return copy.header.problem;
  }
}
