import type { ProfileView } from '../../app/common/contract.js';
import { copy } from '../copy.js';

/** What absence does to running bots: every profile waits, every profile stops, or some of each. */
export type AbsenceOutcome = { kind: 'wait' } | { kind: 'stop' } | { kind: 'mixed'; stopping: string[] };

/**
 * The machine policy's `onAbsence` decides for every profile; otherwise each profile's own
 * `absencePolicy` does, and a profile that sets none waits.
 */
export function absenceOutcome(policyOnAbsence: 'wait' | 'stop' | undefined, profiles: readonly Pick<ProfileView, 'name' | 'absencePolicy'>[]): AbsenceOutcome {
  if (policyOnAbsence) return { kind: policyOnAbsence };
  const stopping = profiles.filter((profile) => profile.absencePolicy === 'stop').map((profile) => profile.name);
  if (stopping.length === 0) return { kind: 'wait' };
  if (stopping.length === profiles.length) return { kind: 'stop' };
  return { kind: 'mixed', stopping };
}

/**
 * What a person reads once a question or a "Still supervising?" check has run out of time: that
 * time is up and what happens now, in words, instead of a countdown stuck at zero.
 */
export function timeUpText(kind: 'question' | 'attestation', outcome: AbsenceOutcome): string {
  const t = copy.attention.timeUp;
  if (kind === 'question') return t.question;
  switch (outcome.kind) {
    case 'wait':
      return t.attestationWait;
    case 'stop':
      return t.attestationStop;
    case 'mixed':
      return t.attestationMixed(outcome.stopping);
  }
}
