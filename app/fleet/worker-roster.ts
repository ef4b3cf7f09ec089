import { createPublicKey } from 'node:crypto';
import type { Redis } from 'ioredis';
import { fleetKeys, parseMessage } from './fleet-channels.js';
import type { ApprovedWorker } from './run-claim.js';
import { fingerprintOf } from './worker-identity.js';

/** A worker asking to be approved, as it wrote itself into Redis on start. */
export interface Enrolment {
  workerId: string;
  name: string;
  fingerprint: string;
  publicKeyPem: string;
  leasePublicKeyPem: string;
  pools: string[];
}

/** An approval or removal, for the audit trail: who did it, to which worker. */
export interface RosterChange {
  action: 'worker_approved' | 'worker_removed';
  workerId: string;
  workerName: string;
  fingerprint: string;
  by: string;
  at: number;
}

export interface WorkerRosterDeps {
  redis: Redis;
  /** Approved workers, kept by the desktop (settings); Redis is never trusted with approvals. */
  load: () => ApprovedWorker[];
  save: (workers: ApprovedWorker[]) => void;
  audit: (change: RosterChange) => void;
  now: () => number;
}

export type ApproveResult = { ok: true; worker: ApprovedWorker } | { ok: false; message: string };

/**
 * Settings → Workers: enrolments waiting for an admin, and the approved list the supervisor
 * checks every claim against. The fingerprint an admin compares is recomputed from the key, so
 * a doctored enrolment in Redis cannot show one fingerprint and carry another key.
 */
export class WorkerRoster {
  #approved: Map<string, ApprovedWorker>;

  constructor(private readonly deps: WorkerRosterDeps) {
    this.#approved = new Map(deps.load().map((w) => [w.workerId, w]));
  }

  approved(workerId: string): ApprovedWorker | undefined {
    return this.#approved.get(workerId);
  }

  list(): ApprovedWorker[] {
    return [...this.#approved.values()];
  }

  /** Enrolments not yet approved whose key matches the id they give. */
  async pending(): Promise<Enrolment[]> {
    const all = await this.deps.redis.hgetall(fleetKeys.enrolments);
    return Object.values(all)
      .map((text) => parseMessage<Enrolment>(text))
      .filter((e): e is Enrolment => e !== undefined && !this.#approved.has(e.workerId) && keyMatches(e));
  }

  /** The admin compared `fingerprint` with the one the worker printed. */
  async approve(fingerprint: string, choice: { name: string; pools: string[] }, by: string): Promise<ApproveResult> {
    const enrolment = (await this.pending()).find((e) => e.fingerprint === fingerprint);
    if (enrolment === undefined) return { ok: false, message: `No worker with fingerprint ${fingerprint} is waiting. Start it and compare the fingerprint it prints.` };
    const worker: ApprovedWorker = { workerId: enrolment.workerId, name: choice.name, publicKeyPem: enrolment.publicKeyPem, leasePublicKeyPem: enrolment.leasePublicKeyPem, pools: choice.pools };
    this.#approved.set(worker.workerId, worker);
    this.deps.save(this.list());
    this.deps.audit({ action: 'worker_approved', workerId: worker.workerId, workerName: worker.name, fingerprint, by, at: this.deps.now() });
    return { ok: true, worker };
  }

  /** Removed: its claims are refused from now on; the caller revokes its live leases. */
  remove(workerId: string, by: string): ApprovedWorker | undefined {
    const worker = this.#approved.get(workerId);
    if (worker === undefined) return undefined;
    this.#approved.delete(workerId);
    this.deps.save(this.list());
    this.deps.audit({ action: 'worker_removed', workerId, workerName: worker.name, fingerprint: workerId, by, at: this.deps.now() });
    return worker;
  }
}

function keyMatches(enrolment: Enrolment): boolean {
  try {
    const key = createPublicKey(enrolment.publicKeyPem);
    return key.asymmetricKeyType === 'ed25519' && fingerprintOf(key) === enrolment.workerId && enrolment.fingerprint === enrolment.workerId;
  } catch {
    return false;
  }
}
