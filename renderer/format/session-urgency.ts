import type { SessionStatus, SessionView } from '../../app/common/contract.js';
import { expiryStage } from './expiry-stage.js';

/** Lower is more urgent. A session at its last warning ranks just below an ended one. */
const urgencyOf: Record<SessionStatus, number> = {
  expired: 0,
  error: 2,
  expiring: 3,
  waitingForBrowser: 4,
  exchanging: 4,
  active: 5,
  signedOut: 6,
};

/**
 * Sessions, most urgent first: ended, then at the last expiry warning, then failed sign-ins,
 * then expiring (the one ending soonest first), sign-ins under way, active, signed out. Ties
 * keep the profiles' own order, so the header does not shuffle while nothing changes.
 *
 * `thresholds` gives each profile's warning minutes, which decide when a session is at its
 * last warning; unknown profiles use the core's default.
 */
export function sessionsByUrgency(sessions: readonly SessionView[], thresholds: (profileId: string) => readonly number[] | undefined = () => undefined): SessionView[] {
  const rank = (session: SessionView): number =>
    session.status === 'expiring' && expiryStage(session, thresholds(session.profileId)) === 'final' ? 1 : urgencyOf[session.status];
  return sessions
    .map((session, index) => ({ session, index, rank: rank(session) }))
    .sort((a, b) => a.rank - b.rank || soonestFirst(a.session, b.session) || a.index - b.index)
    .map(({ session }) => session);
}

function soonestFirst(a: SessionView, b: SessionView): number {
  if (a.status !== 'expiring' || b.status !== 'expiring') return 0;
  return (a.expiresAt ?? Number.POSITIVE_INFINITY) - (b.expiresAt ?? Number.POSITIVE_INFINITY);
}
