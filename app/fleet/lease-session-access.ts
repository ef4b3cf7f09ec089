import type { Disposable } from '../common/contract.js';
import { ListenerSet } from '../common/listener-set.js';
import type { SessionAccess, TokenGrant } from '../bots/session-access.js';
import type { Clock } from '../ports/clock.js';
import type { TokenLease } from './token-lease.js';

/**
 * The worker's answer to the broker's "is there a token?": the run's current lease, and only while
 * it is live. Each run is registered with the broker under its run id as the profile, so one
 * run's lease can never serve another run. A lease that lapses (the supervisor went quiet, or the
 * worker was cut off from Redis) stops serving at its `leaseExpiresAt`, whatever the network does.
 */
export class LeaseSessionAccess implements SessionAccess {
  readonly #leases = new Map<string, { lease: TokenLease; timer: Disposable }>();
  readonly #changes = new ListenerSet<string>(() => undefined);

  constructor(private readonly clock: Clock) {}

  tokenFor(runId: string, minValidityMs: number): TokenGrant {
    const held = this.#leases.get(runId);
    const now = this.clock.now();
    if (held === undefined || held.lease.leaseExpiresAt <= now) {
      return { ok: false, code: 'signed_out', message: 'Waiting for the supervisor: this run has no live token lease.' };
    }
    const { lease } = held;
    if (lease.tokenExpiresAt - now < minValidityMs) {
      return { ok: false, code: 'insufficient_validity', message: 'The supervisor\'s session ends too soon for this request.', expiresAt: lease.tokenExpiresAt };
    }
    return { ok: true, accessToken: lease.accessToken, expiresAt: lease.tokenExpiresAt, profileId: lease.profileId, supervisor: lease.supervisor, ...(lease.company === undefined ? {} : { company: lease.company }) };
  }

  /** A fresh lease (first, renewal or after re-authentication): bots waiting on the broker continue. */
  hold(lease: TokenLease): void {
    this.#leases.get(lease.runId)?.timer.dispose();
    this.#leases.set(lease.runId, { lease, timer: this.#armLapse(lease) });
    this.#changes.emit(lease.runId);
  }

  #armLapse(lease: TokenLease): Disposable {
    return this.clock.setTimer(() => {
      const held = this.#leases.get(lease.runId);
      if (held?.lease !== lease) return;
      // A timer can fire a little before the wall clock reaches the expiry: wait out the rest, so
      // listeners always see the lease gone.
      if (lease.leaseExpiresAt > this.clock.now()) held.timer = this.#armLapse(lease);
      else this.#changes.emit(lease.runId);
    }, Math.max(0, lease.leaseExpiresAt - this.clock.now()));
  }

  /** Revoke: the run's lease is gone at once. */
  drop(runId: string): void {
    const held = this.#leases.get(runId);
    if (held === undefined) return;
    held.timer.dispose();
    this.#leases.delete(runId);
    this.#changes.emit(runId);
  }

  has(runId: string): boolean {
    const held = this.#leases.get(runId);
    return held !== undefined && held.lease.leaseExpiresAt > this.clock.now();
  }

  runIds(): string[] {
    return [...this.#leases.keys()];
  }

  onDidChange(listener: (runId: string) => void): Disposable {
    return this.#changes.add(listener);
  }
}
