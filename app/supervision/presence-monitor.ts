import type { Disposable, PresenceView } from '../common/contract.js';
import { ListenerSet } from '../common/listener-set.js';
import type { EffectiveSupervision } from '../policy/supervision-policy.js';
import type { Clock } from '../ports/clock.js';
import type { PresenceSignal } from '../ports/presence-source.js';

type AbsentReason = NonNullable<PresenceView['absentReason']>;

/** One presence change or attestation step, for the audit trail. */
export type PresenceEvent =
  | { type: 'absent'; reason: AbsentReason }
  /** `because`: the absence ended only because nobody is signed in any more (the check was withdrawn), not because anyone came back. */
  | { type: 'present'; after: AbsentReason; because?: 'nobodySignedIn' }
  | { type: 'attestationRequested'; deadlineAt: number }
  | { type: 'attested' };

/**
 * Whether the supervisor is at the computer. The supervisor is away while the screen is locked,
 * after `idleAfterMs` without activity, or after a "Still supervising?" check went unanswered for
 * `attestWithinMs`; any of those clears when its cause does (unlock, activity, the attestation).
 * Everything is computed from `clock.now()`; timers only prompt a recheck.
 */
export class PresenceMonitor {
  readonly #clock: Clock;
  readonly #policy: EffectiveSupervision;
  readonly #changes: ListenerSet<PresenceEvent>;
  #locked = false;
  /**
   * Idle is judged once a source has reported activity, or from the start when the host says a
   * source is there to report it (a browser host whose page is not open yet): a core nobody feeds
   * at all (a test harness) never idles.
   */
  #sourceSeen: boolean;
  #lastActiveAt: number;
  #attestation: { requestedAt: number; deadlineAt: number } | undefined;
  #nextAttestationAt: number | undefined;
  #supervising = false;
  #status: { absent: AbsentReason | undefined; since: number };
  #timer: Disposable | undefined;

  constructor(options: { clock: Clock; policy: EffectiveSupervision; idleFromStart?: boolean; onListenerError?: (error: unknown) => void }) {
    this.#clock = options.clock;
    this.#sourceSeen = options.idleFromStart === true;
    this.#policy = options.policy;
    this.#changes = new ListenerSet(options.onListenerError);
    this.#lastActiveAt = this.#clock.now();
    this.#status = { absent: undefined, since: this.#lastActiveAt };
    this.#arm(this.#lastActiveAt);
  }

  signal(signal: PresenceSignal): void {
    const now = this.#clock.now();
    this.#sourceSeen = true;
    if (signal.kind === 'locked') this.#locked = true;
    else if (signal.kind === 'unlocked') {
      this.#locked = false;
      this.#lastActiveAt = now;
    } else this.#lastActiveAt = Math.max(this.#lastActiveAt, Math.min(now, signal.at ?? now));
    this.recheck();
  }

  /** The human clicked "I'm here": the open check is answered and the next one is scheduled. */
  attest(): void {
    const now = this.#clock.now();
    this.#attestation = undefined;
    this.#lastActiveAt = now;
    if (this.#policy.attestEveryMs !== undefined && this.#supervising) this.#nextAttestationAt = now + this.#policy.attestEveryMs;
    this.#changes.emit({ type: 'attested' });
    this.recheck();
  }

  /** Checks run only while somebody is signed in (there is nobody to attest otherwise). */
  setSupervising(supervising: boolean): void {
    if (supervising === this.#supervising) return;
    this.#supervising = supervising;
    const every = this.#policy.attestEveryMs;
    this.#nextAttestationAt = supervising && every !== undefined ? this.#clock.now() + every : undefined;
    if (!supervising) this.#attestation = undefined;
    this.#recheck(supervising ? undefined : 'nobodySignedIn');
  }

  get present(): boolean {
    return this.#status.absent === undefined;
  }

  get absentReason(): AbsentReason | undefined {
    return this.#status.absent;
  }

  view(): PresenceView {
    const { absent, since } = this.#status;
    return {
      status: absent === undefined ? 'present' : 'absent',
      ...(absent === undefined ? {} : { absentReason: absent }),
      since,
      ...(this.#policy.idleAfterMs === undefined ? {} : { idleAfterMs: this.#policy.idleAfterMs }),
      ...(this.#attestation ? { attestation: { ...this.#attestation } } : {}),
      ...(this.#nextAttestationAt === undefined ? {} : { nextAttestationAt: this.#nextAttestationAt }),
    };
  }

  onDidChange(listener: (event: PresenceEvent) => void): Disposable {
    return this.#changes.add(listener);
  }

  /** Re-evaluates from the wall clock; hosts call it on resume too. */
  recheck(): void {
    this.#recheck(undefined);
  }

  /** `because`: why an absence that ends now ended, when it is not someone coming back. */
  #recheck(because: 'nobodySignedIn' | undefined): void {
    const now = this.#clock.now();
    if (this.#nextAttestationAt !== undefined && now >= this.#nextAttestationAt && !this.#attestation) {
      this.#attestation = { requestedAt: now, deadlineAt: now + this.#policy.attestWithinMs };
      this.#nextAttestationAt = undefined;
      this.#changes.emit({ type: 'attestationRequested', deadlineAt: this.#attestation.deadlineAt });
    }
    const absent = this.#absentReason(now);
    if (absent !== this.#status.absent) {
      const before = this.#status.absent;
      this.#status = { absent, since: now };
      this.#changes.emit(absent === undefined ? { type: 'present', after: before ?? 'idle', ...(because ? { because } : {}) } : { type: 'absent', reason: absent });
    }
    this.#arm(now);
  }

  dispose(): void {
    this.#timer?.dispose();
    this.#timer = undefined;
    this.#changes.clear();
  }

  #absentReason(now: number): AbsentReason | undefined {
    if (this.#locked && this.#policy.lockMeansAway) return 'locked';
    if (this.#attestation && now >= this.#attestation.deadlineAt) return 'attestationMissed';
    const idle = this.#policy.idleAfterMs;
    if (idle !== undefined && this.#sourceSeen && now - this.#lastActiveAt >= idle) return 'idle';
    return undefined;
  }

  /** One timer for the next moment anything can change. */
  #arm(now: number): void {
    this.#timer?.dispose();
    const moments = [
      this.#policy.idleAfterMs === undefined || !this.#sourceSeen || this.#status.absent === 'idle' ? undefined : this.#lastActiveAt + this.#policy.idleAfterMs,
      this.#attestation?.deadlineAt,
      this.#nextAttestationAt,
    ].filter((at): at is number => at !== undefined && at > now - 1);
    if (moments.length === 0) {
      this.#timer = undefined;
      return;
    }
    this.#timer = this.#clock.setTimer(() => this.recheck(), Math.max(0, Math.min(...moments) - now) + 5);
  }
}
