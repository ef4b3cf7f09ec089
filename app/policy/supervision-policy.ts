import { z } from 'zod';

const hourMs = 3_600_000;

/**
 * The machine policy's `supervision` section (docs/bots.md, "Presence"): how the app makes sure a
 * human is really there while bots hold their token. Durations are milliseconds.
 */
export const supervisionPolicySchema = z
  .object({
    /** While the supervisor is away: bots wait (the broker stops serving) or runs are halted. Overrides each profile's own setting. */
    onAbsence: z.enum(['wait', 'stop']).optional(),
    /** Nobody has used the computer (or the page) for this long: the supervisor counts as away. 0 turns idle detection off. */
    idleAfterMs: z.number().int().min(0).max(24 * hourMs).optional(),
    /** A screen lock counts as away (default true). */
    lockMeansAway: z.boolean().optional(),
    /** "Still supervising?" every this long while someone is signed in; absent: never asked. */
    attestEveryMs: z.number().int().min(1000).max(24 * hourMs).optional(),
    /** An unanswered "Still supervising?" counts as away after this long (default 5 min). */
    attestWithinMs: z.number().int().min(1000).max(hourMs).optional(),
    /** Every run of every bot waits for the supervisor's approval before it gets a token. */
    requireApproval: z.boolean().optional(),
    /** True: every sign-in asks the provider who is signing in (`prompt=login`), whatever a profile's `reuseBrowserSignIn` says. */
    askWhoSignsIn: z.boolean().optional(),
  })
  .strict();

export type SupervisionPolicy = z.infer<typeof supervisionPolicySchema>;

/** What applies, with every default filled in. */
export interface EffectiveSupervision {
  onAbsence: 'wait' | 'stop' | undefined;
  idleAfterMs: number | undefined;
  lockMeansAway: boolean;
  attestEveryMs: number | undefined;
  attestWithinMs: number;
  requireApproval: boolean;
}

/** The app's own default: away after 15 minutes without activity, no attestation, no approvals. */
export const defaultIdleAfterMs = 15 * 60_000;

export function effectiveSupervision(section: SupervisionPolicy | undefined): EffectiveSupervision {
  const idle = section?.idleAfterMs ?? defaultIdleAfterMs;
  return {
    onAbsence: section?.onAbsence,
    idleAfterMs: idle === 0 ? undefined : idle,
    lockMeansAway: section?.lockMeansAway ?? true,
    attestEveryMs: section?.attestEveryMs,
    attestWithinMs: section?.attestWithinMs ?? 5 * 60_000,
    requireApproval: section?.requireApproval ?? false,
  };
}

/** A policy that cannot be trusted (S56): every run approved, bots stopped while nobody is there, every sign-in asked for. */
export const lockedDownSupervision: SupervisionPolicy = { onAbsence: 'stop', requireApproval: true, idleAfterMs: defaultIdleAfterMs, askWhoSignsIn: true };
