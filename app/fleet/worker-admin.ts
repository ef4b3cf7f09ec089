import { z } from 'zod';
import type { UserView, WorkerRemovalView, WorkersView } from '../common/contract.js';
import { listInWords } from '../common/list-in-words.js';
import { supervisorError } from '../error-catalogue.js';
import type { SettingsStore } from '../ports/settings-store.js';
import type { Logger } from '../ports/logger.js';
import type { RedisAnswer } from './redis-answer.js';
import { clockOffWarningMs, type WorkerBeat } from './worker-beat.js';
import type { ApprovedWorker } from './run-claim.js';
import type { PolicyApproval, WorkerRoster } from './worker-roster.js';

const approvedSchema = z.array(
  z.object({
    workerId: z.string().min(1).max(64),
    name: z.string().min(1).max(120),
    publicKeyPem: z.string().min(1).max(4096),
    leasePublicKeyPem: z.string().min(1).max(4096),
    pools: z.array(z.string().regex(/^[a-z0-9-]{1,40}$/)).max(50),
  }),
);

/**
 * Approved workers as the desktop keeps them (SettingsStore `fleetWorkers`; the keys of
 * policy-approved workers under `fleetPolicyWorkers`); an unreadable value approves nobody.
 */
export function approvedWorkersStore(settings: SettingsStore, settingsKey: 'fleetWorkers' | 'fleetPolicyWorkers' = 'fleetWorkers'): { load: () => ApprovedWorker[]; save: (workers: ApprovedWorker[]) => void } {
  return {
    load: () => {
      const parsed = approvedSchema.safeParse(settings.get(settingsKey) ?? []);
      return parsed.success ? parsed.data : [];
    },
    save: (workers) => settings.set(settingsKey, workers.map((w) => ({ workerId: w.workerId, name: w.name, publicKeyPem: w.publicKeyPem, leasePublicKeyPem: w.leasePublicKeyPem, pools: [...w.pools] }))),
  };
}

export interface WorkerAdminDeps {
  roster: WorkerRoster;
  /** The policy's `allowApprovalInSettings`. */
  canApprove: boolean;
  /** When each worker last wrote a status or enrolled. */
  lastSeen: (workerId: string) => number | undefined;
  /** The workers whose heartbeat is there now, with its time (main/worker/worker-heartbeat.ts); bounded like every read. */
  heartbeats?: (workerIds: readonly string[]) => Promise<ReadonlyMap<string, WorkerBeat>>;
  /** Revokes the live leases of a removed worker: true once Redis has them deleted, false when it did not answer in time (`leaseRevoker`). */
  revokeWorker: (workerId: string) => Promise<boolean>;
  /** Sets where a bot's runs go (audited); throws `unknown_bot`. */
  setBotPool: (botId: string, pool: string | null | undefined) => void;
  /** The desktop key's fingerprint, which each worker prints when it pins it. */
  desktopFingerprint?: string;
  /** The policy's lease TTL: how long a lease a removed worker already holds can stay usable when Redis cannot be told. */
  leaseTtlMs: number;
}

/**
 * `revokeWorker` for the coordinator's `workerRemoved`: started whatever Redis does, so the
 * coordinator forgets the worker's leases at once and their deletion goes out as soon as Redis
 * answers; the answer (within `answer`'s bound) only says whether that has happened yet.
 */
export function leaseRevoker(answer: RedisAnswer, workerRemoved: (workerId: string) => Promise<void>, logger: Logger): (workerId: string) => Promise<boolean> {
  return async (workerId) => {
    const revoking = workerRemoved(workerId);
    revoking.catch((error: unknown) => logger.warn('Leases of a removed worker not revoked', { error: String(error) }));
    try {
      await answer(() => revoking);
      return true;
    } catch (error) {
      logger.warn('Leases of a removed worker are revoked once Redis answers', { error: String(error) });
      return false;
    }
  };
}

/** Settings → Workers: the pending enrolments, the approved list, Approve and Remove. */
export class WorkerAdmin {
  /** Each worker's last heartbeat read, kept after it lapses: "last heard from" for a worker now gone. */
  readonly #heard = new Map<string, number>();

  constructor(private readonly deps: WorkerAdminDeps) {}

  async view(): Promise<WorkersView> {
    const pending = await this.deps.roster.pending();
    const ids = [...this.deps.roster.policyList().map(({ approval }) => approval.fingerprint), ...this.deps.roster.list().map((w) => w.workerId)];
    const beats = (await this.deps.heartbeats?.(ids)) ?? new Map<string, WorkerBeat>();
    for (const [workerId, { heardAt }] of beats) this.#heard.set(workerId, heardAt);
    const seen = (workerId: string) => {
      const beat = beats.get(workerId);
      const lastSeenAt = Math.max(this.deps.lastSeen(workerId) ?? 0, this.#heard.get(workerId) ?? 0);
      const clockOff = beat !== undefined && Math.abs(beat.clockOffsetMs) >= clockOffWarningMs;
      return { ...(lastSeenAt === 0 ? {} : { lastSeenAt }), ...(beat === undefined ? {} : { online: true }), ...(clockOff ? { clockOffsetMs: beat.clockOffsetMs } : {}) };
    };
    return {
      enabled: true,
      canApprove: this.deps.canApprove,
      ...(this.deps.desktopFingerprint === undefined ? {} : { desktopFingerprint: this.deps.desktopFingerprint }),
      pending: pending.map((e) => ({ workerId: e.workerId, name: e.name, fingerprint: e.fingerprint, pools: [...e.pools] })),
      approved: [
        ...this.deps.roster.policyList().map(({ approval }) => ({ workerId: approval.fingerprint, name: approval.name, fingerprint: approval.fingerprint, pools: [...approval.pools], byPolicy: true, ...seen(approval.fingerprint) })),
        ...this.deps.roster.list().map((w) => ({ workerId: w.workerId, name: w.name, fingerprint: w.workerId, pools: [...w.pools], ...seen(w.workerId) })),
      ],
    };
  }

  /** The policy's `approvedWorkers`, at start and whenever the policy changes: a worker taken out loses its leases at once. */
  async applyPolicy(list: readonly PolicyApproval[]): Promise<void> {
    const removed = this.deps.roster.setPolicyApprovals(list);
    await Promise.all(removed.map((worker) => this.deps.revokeWorker(worker.workerId)));
  }

  async approve(fingerprint: string, choice: { name: string; pools: string[] }, by: UserView): Promise<void> {
    if (!this.deps.canApprove) throw supervisorError('fleet_approval_not_allowed');
    const result = await this.deps.roster.approve(fingerprint, choice, by.name ?? by.subject);
    if (!result.ok && result.reason === 'not_served') throw supervisorError('fleet_pools_not_served', choice.name, listInWords(result.notServed), listInWords(result.served));
    if (!result.ok) throw supervisorError('fleet_worker_not_waiting', fingerprint);
  }

  /** Anyone who may change settings may choose where a bot runs; the workers themselves stay the admin's. */
  setBotPool(botId: string, pool: string | null | undefined): void {
    this.deps.setBotPool(botId, pool);
  }

  /**
   * Decision (docs/fleet.md, "Removing a worker while Redis is down"): the approved list is this
   * computer's, so the removal holds at once even with Redis away; only the leases' deletion waits.
   */
  async remove(workerId: string, by: UserView): Promise<Omit<WorkerRemovalView, 'workers'>> {
    const listed = this.deps.roster.policyList().find(({ approval }) => approval.fingerprint === workerId);
    if (listed !== undefined) throw supervisorError('fleet_worker_policy_managed', listed.approval.name);
    if (!this.deps.canApprove) throw supervisorError('fleet_approval_not_allowed');
    const removed = this.deps.roster.remove(workerId, by.name ?? by.subject);
    if (removed === undefined) throw supervisorError('fleet_unknown_worker');
    const leasesWithdrawn = await this.deps.revokeWorker(workerId);
    return { name: removed.name, leasesWithdrawn, leaseTtlMs: this.deps.leaseTtlMs };
  }
}
