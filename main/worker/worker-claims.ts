import type { Redis } from 'ioredis';
import type { RedactionSettings } from '../../app/common/patient-data.js';
import type { FleetTicket } from '../../app/fleet/bullmq-run-queue.js';
import { fleetChannels } from '../../app/fleet/fleet-channels.js';
import { signRunClaim } from '../../app/fleet/run-claim.js';
import type { WorkerIdentity } from '../../app/fleet/worker-identity.js';
import type { Clock } from '../../app/ports/clock.js';

/** How a claim ended: the lease came (with the run's signed redaction settings), or why not. */
export type ClaimDecision = { ok: true; redaction?: RedactionSettings | undefined } | { ok: false; detail: string; reason?: string };

/**
 * The worker's claims waiting for the supervisor's word: each is signed with the worker's key and
 * published, then ends with a lease, a refusal, or silence (a refusal too, after `leaseWaitMs`).
 */
export class WorkerClaims {
  readonly #o: { identity: Pick<WorkerIdentity, 'fingerprint' | 'privateKey'>; redis: Pick<Redis, 'publish'>; clock: Clock; leaseWaitMs: number };
  readonly #pending = new Map<string, (decision: ClaimDecision) => void>();
  /** Why a claimed run's lease could not be taken (a desktop key mismatch), for the refusal the claim ends with. */
  readonly #trouble = new Map<string, string>();

  constructor(options: { identity: Pick<WorkerIdentity, 'fingerprint' | 'privateKey'>; redis: Pick<Redis, 'publish'>; clock: Clock; leaseWaitMs: number }) {
    this.#o = options;
  }

  /** Sends the signed claim and waits for a lease or a refusal; silence is a refusal too. */
  async claim(ticket: FleetTicket): Promise<ClaimDecision> {
    const { runId } = ticket;
    const decided = new Promise<ClaimDecision>((resolve) => {
      const settle = (decision: ClaimDecision): void => {
        clearTimeout(timer);
        this.#pending.delete(runId);
        this.#trouble.delete(runId);
        resolve(decision);
      };
      // Silence ends the claim as a refusal would: a lease announced after it is not for this worker to take.
      const timer = setTimeout(() => settle({ ok: false, detail: this.#trouble.get(runId) ?? 'the supervisor did not answer the claim' }), this.#o.leaseWaitMs);
      this.#pending.set(runId, settle);
    });
    const workerId = this.#o.identity.fingerprint;
    const claim = await signRunClaim({ workerId, runId, issuedAt: this.#o.clock.now() }, this.#o.identity.privateKey);
    await this.#o.redis.publish(fleetChannels.claims, JSON.stringify({ runId, pool: ticket.pool, claim }));
    return decided;
  }

  waiting(runId: string): boolean {
    return this.#pending.has(runId);
  }

  decide(runId: string, decision: ClaimDecision): void {
    this.#pending.get(runId)?.(decision);
  }

  /** Said in the refusal if no lease comes: a forged lease must not end a claim the real one may still answer. */
  trouble(runId: string, detail: string): void {
    if (this.#pending.has(runId)) this.#trouble.set(runId, detail);
  }

  /** Every claim still waiting ends with `decision` (the worker is closing). */
  decideAll(decision: ClaimDecision): void {
    for (const settle of [...this.#pending.values()]) settle(decision);
  }
}
