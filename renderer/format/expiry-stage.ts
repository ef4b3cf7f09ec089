import type { SessionView } from '../../app/common/contract.js';
import { sessionStatusTone } from './status-labels.js';
import type { Tone } from './tone.js';

/**
 * How urgent an expiring session is: `early` from the first warning threshold the profile sets,
 * `final` from its last one (the smallest number of minutes). `none` when it is not expiring.
 */
export type ExpiryStage = 'none' | 'early' | 'final';

/** The core's default thresholds are [60, 15, 5]; used when the profile's list is unknown. */
const defaultFinalMinutes = 5;

/**
 * Which warning a session has reached. The core sends the threshold crossed most recently
 * (`SessionView.warningMinutes`, the smallest crossed); the profile lists them all
 * (`ProfileView.warningMinutes`). Reaching the smallest is the last warning before the end.
 */
export function expiryStage(session: Pick<SessionView, 'status' | 'warningMinutes'>, thresholds: readonly number[] | undefined): ExpiryStage {
  if (session.status !== 'expiring') return 'none';
  if (session.warningMinutes === undefined) return 'early';
  const finalMinutes = thresholds && thresholds.length > 0 ? Math.min(...thresholds) : defaultFinalMinutes;
  return session.warningMinutes <= finalMinutes ? 'final' : 'early';
}

/** The colour for a session: the status colour, but danger once the last warning is reached. */
export function sessionTone(session: Pick<SessionView, 'status' | 'warningMinutes'>, thresholds: readonly number[] | undefined): Tone {
  return expiryStage(session, thresholds) === 'final' ? 'danger' : sessionStatusTone(session.status);
}
