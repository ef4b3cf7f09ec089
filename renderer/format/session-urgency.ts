import type { RunView, SessionStatus, SessionView } from '../../app/common/contract.js';
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
 * Sessions, most urgent first: one whose runs wait for sign-in, ended, then at the last expiry warning, then failed sign-ins,
 * then expiring (the one ending soonest first), sign-ins under way, active, signed out. Ties
 * keep the profiles' own order, so the header does not shuffle while nothing changes.
 *
 * `thresholds` gives each profile's warning minutes, which decide when a session is at its
 * last warning; unknown profiles use the core's default.
 */
export function sessionsByUrgency(
  sessions: readonly SessionView[],
  thresholds: (profileId: string) => readonly number[] | undefined = () => undefined,
  /** How many of a profile's runs wait for it to sign in again: such a session outranks every other state. */
  waitingRuns: (profileId: string) => number = () => 0,
): SessionView[] {
  const rank = (session: SessionView): number =>
    waitingRuns(session.profileId) > 0 ? -1 : session.status === 'expiring' && expiryStage(session, thresholds(session.profileId)) === 'final' ? 1 : urgencyOf[session.status];
  return sessions
    .map((session, index) => ({ session, index, rank: rank(session) }))
    .sort((a, b) => a.rank - b.rank || soonestFirst(a.session, b.session) || a.index - b.index)
    .map(({ session }) => session);
}

function soonestFirst(a: SessionView, b: SessionView): number {
  if (a.status !== 'expiring' || b.status !== 'expiring') return 0;
  return (a.expiresAt ?? Number.POSITIVE_INFINITY) - (b.expiresAt ?? Number.POSITIVE_INFINITY);
}

/** How many live runs of each profile wait for re-authentication (`waitingForSignIn`). */
export function runsWaitingForSignIn(runs: readonly RunView[] | undefined): (profileId: string) => number {
  const counts = new Map<string, number>();
  for (const run of runs ?? []) if (run.status === 'waitingForSignIn') counts.set(run.profileId, (counts.get(run.profileId) ?? 0) + 1);
  return (profileId) => counts.get(profileId) ?? 0;
}
