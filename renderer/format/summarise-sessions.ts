import type { SessionStatus, SessionView } from '../../app/common/contract.js';
import { copy } from '../copy.js';
import { sessionStatusTone } from './status-labels.js';
import type { Tone } from './tone.js';

export interface SessionSummary {
  text: string;
  tone: Tone;
}

/** Lower is more urgent: the header shows whichever session most needs attention. */
const urgency: Record<SessionStatus, number> = {
  expired: 0,
  error: 1,
  expiring: 2,
  waitingForBrowser: 3,
  exchanging: 3,
  active: 4,
  signedOut: 5,
};

/**
 * One line for the header. Worded differently from the card's status labels on purpose, so
 * that text searches for a card's status (and screen-reader users scanning) find one place.
 */
export function summariseSessions(sessions: readonly SessionView[]): SessionSummary {
  const [first] = [...sessions].sort((a, b) => urgency[a.status] - urgency[b.status]);
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
