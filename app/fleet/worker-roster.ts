import { createPublicKey } from 'node:crypto';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { fleetKeys, parseMessage, workerNameSchema } from './fleet-channels.js';
import { poolNamePattern } from './pool-queue-name.js';
import type { RedisAnswer } from './redis-answer.js';
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

/** A worker the machine policy approves (`fleet.approvedWorkers`). */
export interface PolicyApproval {
  fingerprint: string;
  name: string;
  pools: readonly string[];
}

/** An approval or removal, for the audit trail: who did it (a person in Settings, or the policy), to which worker. */
export interface RosterChange {
  action: 'worker_approved' | 'worker_removed';
  source: 'settings' | 'policy';
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
  /**
   * Keys of policy-approved workers, read from their enrolment the first time and kept (like an
   * approval in Settings), so a later enrolment in Redis cannot swap them.
   */
  policyKeys?: { load: () => ApprovedWorker[]; save: (workers: ApprovedWorker[]) => void };
  /** Bounds the Redis reads behind Settings → Workers (redis-answer.ts), so a command never waits for ever. */
  answer?: RedisAnswer;
}

export type ApproveResult =
  | { ok: true; worker: ApprovedWorker }
  | { ok: false; reason: 'not_waiting'; message: string }
  /** Pools the worker was not started for: its queues are its own settings, so it would never take those runs. */
  | { ok: false; reason: 'not_served'; notServed: string[]; served: string[] };

/**
 * Settings → Workers: enrolments waiting for an admin, and the approved list the supervisor
 * checks every claim against. The fingerprint an admin compares is recomputed from the key, so
 * a doctored enrolment in Redis cannot show one fingerprint and carry another key.
 */
export class WorkerRoster {
  #approved: Map<string, ApprovedWorker>;
  /** The policy's list by fingerprint (the worker id). */
  #policy = new Map<string, PolicyApproval>();
  /** Keys of policy-listed workers, by worker id. */
  readonly #pins: Map<string, ApprovedWorker>;

  constructor(private readonly deps: WorkerRosterDeps) {
    this.#approved = new Map(deps.load().map((w) => [w.workerId, w]));
    this.#pins = new Map((deps.policyKeys?.load() ?? []).map((w) => [w.workerId, w]));
  }

  /** Approved in Settings, or by the policy (its name and pools win; keys once read from the enrolment). */
  approved(workerId: string): ApprovedWorker | undefined {
    const listed = this.#policy.get(workerId);
    if (listed === undefined) return this.#approved.get(workerId);
    const keys = this.#pins.get(workerId) ?? this.#approved.get(workerId);
    return keys && { ...keys, name: listed.name, pools: [...listed.pools] };
  }

  /** `approved`, reading the enrolment first for a policy-listed worker whose keys are not known yet. */
  async resolve(workerId: string): Promise<ApprovedWorker | undefined> {
    if (this.approved(workerId) === undefined && this.#policy.has(workerId)) await this.readPolicyKeys();
    return this.approved(workerId);
  }

  /** Approved in Settings → Workers (the policy's list is `policyList`). */
  list(): ApprovedWorker[] {
    return [...this.#approved.values()].filter((w) => !this.#policy.has(w.workerId));
  }

  /** The policy's workers, each with whether it has enrolled (its keys are known). */
  policyList(): { approval: PolicyApproval; enrolled: boolean }[] {
    return [...this.#policy.values()].map((approval) => ({ approval, enrolled: this.approved(approval.fingerprint) !== undefined }));
  }

  /**
   * Applies the policy's list (at start, and whenever it changes): a worker taken out of it is
   * removed (audited, its keys forgotten) and returned, so the caller revokes its leases at once.
   */
  setPolicyApprovals(list: readonly PolicyApproval[]): ApprovedWorker[] {
    this.#policy = new Map(list.map((w) => [w.fingerprint, w]));
    const removed = [...this.#pins.values()].filter((w) => !this.#policy.has(w.workerId));
    for (const worker of removed) {
      this.#pins.delete(worker.workerId);
      this.deps.audit({ action: 'worker_removed', source: 'policy', workerId: worker.workerId, workerName: worker.name, fingerprint: worker.workerId, by: 'machine policy', at: this.deps.now() });
    }
    if (removed.length > 0) this.deps.policyKeys?.save([...this.#pins.values()]);
    return removed;
  }

  /** Reads the keys of policy-listed workers that have enrolled since (audited as approved by the policy). */
  async readPolicyKeys(): Promise<void> {
    const waiting = [...this.#policy.values()].filter((w) => !this.#pins.has(w.fingerprint));
    if (waiting.length === 0) return;
    const texts = await this.#read(() => this.deps.redis.hmget(fleetKeys.enrolments, ...waiting.map((w) => w.fingerprint)));
    const found = texts.map((text) => (text === null ? undefined : readEnrolment(text))).filter((e): e is Enrolment => e !== undefined);
    for (const enrolment of found) {
      const listed = this.#policy.get(enrolment.workerId);
      if (listed === undefined || this.#pins.has(enrolment.workerId)) continue;
      this.#pins.set(enrolment.workerId, { workerId: enrolment.workerId, name: listed.name, publicKeyPem: enrolment.publicKeyPem, leasePublicKeyPem: enrolment.leasePublicKeyPem, pools: [...listed.pools] });
      this.deps.audit({ action: 'worker_approved', source: 'policy', workerId: enrolment.workerId, workerName: listed.name, fingerprint: enrolment.workerId, by: 'machine policy', at: this.deps.now() });
    }
    if (found.length > 0) this.deps.policyKeys?.save([...this.#pins.values()]);
  }

  /** Enrolments not yet approved (in Settings or by the policy) whose key matches the id they give. */
  async pending(): Promise<Enrolment[]> {
    await this.readPolicyKeys();
    const all = await this.#read(() => this.deps.redis.hgetall(fleetKeys.enrolments));
    return Object.values(all)
      .map(readEnrolment)
      .filter((e): e is Enrolment => e !== undefined && !this.#approved.has(e.workerId) && !this.#policy.has(e.workerId));
  }

  #read<T>(read: () => Promise<T>): Promise<T> {
    return this.deps.answer ? this.deps.answer(read) : read();
  }

  /** The admin compared `fingerprint` with the one the worker printed. */
  async approve(fingerprint: string, choice: { name: string; pools: string[] }, by: string): Promise<ApproveResult> {
    const enrolment = (await this.pending()).find((e) => e.fingerprint === fingerprint);
    if (enrolment === undefined) return { ok: false, reason: 'not_waiting', message: `No worker with fingerprint ${fingerprint} is waiting. Start it and compare the fingerprint it prints.` };
    const notServed = choice.pools.filter((pool) => !enrolment.pools.includes(pool));
    if (notServed.length > 0) return { ok: false, reason: 'not_served', notServed, served: [...enrolment.pools] };
    const worker: ApprovedWorker = { workerId: enrolment.workerId, name: choice.name, publicKeyPem: enrolment.publicKeyPem, leasePublicKeyPem: enrolment.leasePublicKeyPem, pools: choice.pools };
    this.#approved.set(worker.workerId, worker);
    this.deps.save([...this.#approved.values()]);
    this.deps.audit({ action: 'worker_approved', source: 'settings', workerId: worker.workerId, workerName: worker.name, fingerprint, by, at: this.deps.now() });
    return { ok: true, worker };
  }

  /** Removed: its claims are refused from now on; the caller revokes its live leases. */
  remove(workerId: string, by: string): ApprovedWorker | undefined {
    const worker = this.#approved.get(workerId);
    if (worker === undefined) return undefined;
    this.#approved.delete(workerId);
    this.deps.save([...this.#approved.values()]);
    this.deps.audit({ action: 'worker_removed', source: 'settings', workerId, workerName: worker.name, fingerprint: workerId, by, at: this.deps.now() });
    return worker;
  }
}

/** What a worker writes on start (worker-agent.ts), bounded: anyone who can write to Redis can add one, and it reaches Settings → Workers. */
const enrolmentSchema = z.object({
  workerId: z.string().min(1).max(64),
  name: workerNameSchema,
  fingerprint: z.string().min(1).max(64),
  publicKeyPem: z.string().min(1).max(4096),
  leasePublicKeyPem: z.string().min(1).max(4096),
  pools: z.array(z.string().regex(poolNamePattern)).min(1).max(50),
});

/** An enrolment well formed and whose keys match the id it gives; undefined for anything else, which is never listed. */
function readEnrolment(text: string): Enrolment | undefined {
  const parsed = enrolmentSchema.safeParse(parseMessage<unknown>(text));
  return parsed.success && keyMatches(parsed.data) ? parsed.data : undefined;
}

function keyMatches(enrolment: Enrolment): boolean {
  try {
    const key = createPublicKey(enrolment.publicKeyPem);
    const leaseKey = createPublicKey(enrolment.leasePublicKeyPem);
    return key.asymmetricKeyType === 'ed25519' && leaseKey.asymmetricKeyType === 'x25519' && fingerprintOf(key, leaseKey) === enrolment.workerId && enrolment.fingerprint === enrolment.workerId;
  } catch {
    return false;
  }
}
