import type { Redis } from 'ioredis';
import type { Disposable } from '../common/contract.js';
import { ListenerSet } from '../common/listener-set.js';
import type { SessionAccess } from '../bots/session-access.js';
import type { Clock } from '../ports/clock.js';
import { fleetChannels, fleetKeys, parseMessage, type ClaimMessage, type ControlVerb } from './fleet-channels.js';
import { checkRunClaim, type ApprovedWorker } from './run-claim.js';
import { sealTokenLease } from './token-lease.js';
import { publishDesktopKey, type DesktopKey } from './desktop-key.js';
import { anyWorker, signDesktopMessage, type DesktopMessageKind } from './desktop-message.js';
import { refusalError } from './fleet-refusal.js';
import { LeaseWithdrawals, oneAtATimePerKey } from './lease-withdrawals.js';
import { clockFact, isClockOff } from './worker-beat.js';
import type { RedactionSettings } from '../common/patient-data.js';

/** What the supervisor knows of a run it sent to the fleet. */
export interface RemoteRunTicket {
  runId: string;
  profileId: string;
  pool: string;
  company?: string;
  expectedDurationMs: number;
  /** The profile's patient redaction as the run started here: signed into the lease, so no Redis writer can turn it off. */
  redaction?: RedactionSettings;
}

export interface FleetCoordinatorDeps {
  /** Commands (SET, DEL, PUBLISH). */
  redis: Redis;
  /** A connection used only for SUBSCRIBE. */
  subscriber: Redis;
  sessions: SessionAccess;
  clock: Clock;
  /** Settings → Workers (and the policy): approved workers by id; a removed worker is undefined. */
  approved: (workerId: string) => ApprovedWorker | undefined;
  /** Judging a claim: also finds a worker the policy approves whose keys were not read yet (WorkerRoster.resolve). */
  resolveWorker?: (workerId: string) => Promise<ApprovedWorker | undefined>;
  /** The queued run a claim names; undefined for a run the supervisor never sent. */
  ticket: (runId: string) => RemoteRunTicket | undefined;
  leaseTtlMs: number;
  /** Extra local start checks (presence, approvals): a reason refuses the claim. */
  mayStart?: (ticket: RemoteRunTicket) => string | undefined;
  /** Signs every lease, control verb, revoke and refusal: workers act only on what this key signed. Published at start. */
  desktopKey: DesktopKey;
  /** A worker's clock against this computer's, as its heartbeat last said (worker-beat.ts). */
  clockOffsetOf?: (workerId: string) => number | undefined;
}

export type FleetEvent =
  | { kind: 'leased'; runId: string; workerId: string; workerName: string; renewal: boolean }
  | { kind: 'refused'; runId: string; reason: string; detail: string }
  | { kind: 'revoked'; runIds: string[]; why: string; suspended?: boolean };

type LeaseResult = { ok: true } | { ok: false; reason: 'session' | 'unknown_worker' | 'withdrawn'; detail: string };

interface Leased {
  ticket: RemoteRunTicket;
  worker: ApprovedWorker;
}

/**
 * The supervisor's side of fleet mode: checks claims, writes leases (JWE to the claiming worker's
 * key, short TTL), renews them while the session lives, and revokes them (lease deleted and a
 * broadcast) the moment the session ends, a worker is removed or the kill switch is pulled.
 * Re-authentication writes fresh leases, so bots waiting on their worker's broker continue.
 */
export class FleetCoordinator {
  readonly #deps: FleetCoordinatorDeps;
  readonly #leased = new Map<string, Leased>();
  /** Runs whose leases were withdrawn while the supervisor was away. */
  readonly #suspended = new Map<string, Leased>();
  /**
   * Live runs a worker has been granted once, with that worker: a second claim (a job re-added after
   * a Redis restart) is refused, and control messages name the worker even after its lease is
   * revoked. An entry goes when the run ends.
   */
  readonly #granted = new Map<string, string>();
  readonly #events = new ListenerSet<FleetEvent>();
  readonly #withdrawals = new LeaseWithdrawals();
  /** A run's claims are judged one after the other, so two at once never both get a lease. */
  readonly #judge = oneAtATimePerKey();
  #renewTimer: Disposable | undefined;
  #sessionSubscription: Disposable | undefined;
  #closed = false;

  constructor(deps: FleetCoordinatorDeps) {
    this.#deps = deps;
  }

  async start(): Promise<void> {
    const { subscriber } = this.#deps;
    subscriber.on('message', (channel: string, text: string) => {
      if (channel !== fleetChannels.claims) return;
      const message = parseMessage<ClaimMessage>(text);
      if (message && typeof message.runId === 'string' && typeof message.claim === 'string') this.#judge(message.runId, () => this.#onClaim(message));
    });
    await subscriber.subscribe(fleetChannels.claims);
    // Workers read the public halves to pin them; a Redis restarted without persistence gets them again.
    await publishDesktopKey(this.#deps.redis, this.#deps.desktopKey);
    this.#deps.redis.on('ready', () => void publishDesktopKey(this.#deps.redis, this.#deps.desktopKey).catch(() => undefined));
    this.#sessionSubscription = this.#deps.sessions.onDidChange((profileId) => void this.#onSessionChange(profileId).catch(() => undefined));
    this.#scheduleRenewal();
  }

  onDidChange(listener: (event: FleetEvent) => void): Disposable {
    return this.#events.add(listener);
  }

  /** The worker a remote run is on, for the run views. */
  workerOf(runId: string): ApprovedWorker | undefined {
    return this.#leased.get(runId)?.worker;
  }

  /** The approved worker a run was granted to, leased right now or not (its artifacts are taken from it only). */
  holderOf(runId: string): ApprovedWorker | undefined {
    const workerId = this.#granted.get(runId);
    return workerId === undefined ? undefined : this.#deps.approved(workerId);
  }

  /** Stop, kill, stop at safe point, pause or resume one remote run on whichever worker holds it. */
  async control(runId: string, verb: ControlVerb, mode?: 'checkpoint' | 'signal'): Promise<void> {
    await this.#publishSigned(fleetChannels.control, 'control', this.#granted.get(runId) ?? anyWorker, runId, { verb, ...(mode === undefined ? {} : { mode }) });
  }

  /** The kill switch: every lease gone, every worker told to stop serving and to kill its bots. */
  async killSwitch(): Promise<void> {
    await this.revoke([...this.#leased.keys()], 'kill switch', true);
    await this.#publishSigned(fleetChannels.control, 'control', anyWorker, undefined, { all: true, verb: 'kill' });
  }

  /** A run ended (or the worker was removed): its lease goes. `suspended`: only while the supervisor is away. */
  async revoke(runIds: string[], why: string, all = false, suspended = false): Promise<void> {
    for (const runId of runIds) {
      this.#leased.delete(runId);
      this.#withdrawals.withdraw(runId);
    }
    if (runIds.length > 0) await this.#deps.redis.del(...runIds.map((id) => fleetKeys.lease(id)));
    await this.#publishSigned(fleetChannels.revoke, 'revoke', anyWorker, undefined, all ? { all: true } : { runIds });
    this.#events.emit({ kind: 'revoked', runIds, why, ...(suspended ? { suspended } : {}) });
  }

  /**
   * The supervisor is away (presence): every lease is withdrawn, as a local broker holds tokens
   * back then, and the runs are kept so `resumeAll` can lease them again when they are back.
   */
  async suspendAll(why: string): Promise<void> {
    const runs = [...this.#leased];
    if (runs.length === 0) return;
    for (const [runId, leased] of runs) this.#suspended.set(runId, leased);
    await this.revoke(runs.map(([runId]) => runId), why, false, true);
  }

  /** The supervisor is back: suspended runs get fresh leases where the session still grants. */
  async resumeAll(): Promise<void> {
    const runs = [...this.#suspended.values()];
    this.#suspended.clear();
    await this.#refresh(runs, 'renewal refused');
  }

  /** A worker was removed in Settings → Workers: its runs' leases go at once. */
  async workerRemoved(workerId: string): Promise<void> {
    const runIds = [...this.#leased].filter(([, l]) => l.worker.workerId === workerId).map(([id]) => id);
    await this.revoke(runIds, 'worker removed');
  }

  async runEnded(runId: string): Promise<void> {
    this.#withdrawals.withdraw(runId);
    this.#suspended.delete(runId);
    // The run's ticket ends with it, so a later claim is refused as unknown_run without this entry.
    this.#granted.delete(runId);
    if (!this.#leased.delete(runId)) return;
    await this.#deps.redis.del(fleetKeys.lease(runId));
    // A bot still running there (its run declared lost, say) must not keep the token until the lease lapses.
    await this.#publishSigned(fleetChannels.revoke, 'revoke', anyWorker, undefined, { runIds: [runId] });
  }

  /** Unsubscribes and stops renewing; leases in Redis lapse by their TTL. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#renewTimer?.dispose();
    this.#sessionSubscription?.dispose();
    await this.#deps.subscriber.unsubscribe(fleetChannels.claims).catch(() => undefined);
  }

  async #onClaim(message: ClaimMessage): Promise<void> {
    const ticket = this.#deps.ticket(message.runId);
    if (ticket === undefined) return this.#refuse(message.runId, 'unknown_run', 'this supervisor did not send that run');
    const holder = this.#granted.get(ticket.runId);
    if (holder !== undefined) return this.#refuse(ticket.runId, 'already_started', refusalError('already_started', '').message, holder);
    const check = await checkRunClaim(message.claim, { runId: ticket.runId, pool: ticket.pool, now: this.#deps.clock.now() }, this.#deps.resolveWorker ?? this.#deps.approved);
    if (!check.ok) {
      // A claim out of date the moment it arrives: usually the worker's clock, which its heartbeat measured.
      const offset = check.reason === 'stale' ? this.#deps.clockOffsetOf?.(check.worker.workerId) : undefined;
      if (check.reason === 'stale' && offset !== undefined && isClockOff(offset)) return this.#refuse(ticket.runId, 'clock_off', clockFact(check.worker.name, offset));
      return this.#refuse(ticket.runId, check.reason, check.detail);
    }
    const localRefusal = this.#deps.mayStart?.(ticket);
    if (localRefusal !== undefined) return this.#refuse(ticket.runId, 'policy', localRefusal);
    this.#granted.set(ticket.runId, check.worker.workerId);
    const leased = await this.#lease(ticket, check.worker, false);
    if (!leased.ok) return this.#refuse(ticket.runId, leased.reason === 'withdrawn' ? 'policy' : leased.reason, leased.detail);
  }

  async #lease(ticket: RemoteRunTicket, worker: ApprovedWorker, renewal: boolean): Promise<LeaseResult> {
    const sealing = this.#withdrawals.begin(ticket.runId);
    return this.#sealAndWrite(ticket, worker, renewal, sealing.withdrawn).finally(sealing.end);
  }

  async #sealAndWrite(ticket: RemoteRunTicket, worker: ApprovedWorker, renewal: boolean, withdrawn: () => boolean): Promise<LeaseResult> {
    const grant = this.#deps.sessions.tokenFor(ticket.profileId, renewal ? 0 : ticket.expectedDurationMs, ticket.company);
    if (!grant.ok) return { ok: false, reason: 'session', detail: grant.message };
    // Sealing and writing take a while: the worker removed, the run's lease withdrawn, the session ended or
    // (for a first grant) the start policy refusing now, say the supervisor left, keeps it unwritten.
    const gone = (): LeaseResult | undefined => {
      if (this.#deps.approved(worker.workerId) === undefined) return { ok: false, reason: 'unknown_worker', detail: `${worker.name} was removed in Settings → Workers` };
      const refusal = withdrawn() ? 'the run was stopped while its claim was answered' : renewal ? undefined : this.#deps.mayStart?.(ticket);
      if (refusal !== undefined) return { ok: false, reason: 'withdrawn', detail: refusal };
      const still = this.#deps.sessions.tokenFor(ticket.profileId, 0, ticket.company);
      return still.ok ? undefined : { ok: false, reason: 'session', detail: still.message };
    };
    const now = this.#deps.clock.now();
    const jwe = await sealTokenLease(
      {
        runId: ticket.runId,
        workerId: worker.workerId,
        profileId: ticket.profileId,
        accessToken: grant.accessToken,
        tokenExpiresAt: grant.expiresAt,
        leaseExpiresAt: Math.min(now + this.#deps.leaseTtlMs, grant.expiresAt),
        supervisor: grant.supervisor,
        ...(grant.company === undefined ? {} : { company: grant.company }),
        ...(ticket.redaction === undefined ? {} : { redaction: ticket.redaction }),
      },
      worker.leasePublicKeyPem,
      this.#deps.desktopKey,
      now,
    );
    const before = gone();
    if (before) return before;
    await this.#deps.redis.set(fleetKeys.lease(ticket.runId), jwe, 'PX', this.#deps.leaseTtlMs);
    // With Redis away the write waits in the client's queue, and the worker may be removed meanwhile:
    // the lease it finds when Redis is back is deleted at once (the next command on this connection), never announced.
    const after = gone();
    if (after) {
      await this.#deps.redis.del(fleetKeys.lease(ticket.runId));
      return after;
    }
    this.#leased.set(ticket.runId, { ticket, worker });
    await this.#deps.redis.publish(fleetChannels.leases, JSON.stringify({ runId: ticket.runId }));
    this.#events.emit({ kind: 'leased', runId: ticket.runId, workerId: worker.workerId, workerName: worker.name, renewal });
    return { ok: true };
  }

  async #refuse(runId: string, reason: string, detail: string, holder?: string): Promise<void> {
    // Plain fields for people reading the channel; workers act on the signed copy, whose holder never takes another claim's refusal.
    const body = { reason, detail, ...(holder === undefined ? {} : { holder }) };
    const signed = await signDesktopMessage(this.#deps.desktopKey, { kind: 'refusal', workerId: anyWorker, runId, body }, this.#deps.clock.now());
    await this.#deps.redis.publish(fleetChannels.refusals, JSON.stringify({ runId, reason, detail, signed }));
    this.#events.emit({ kind: 'refused', runId, reason, detail });
  }

  /** `{ signed }`: a JWS by the desktop key over the kind, the worker, the run, a fresh id and the time. */
  async #publishSigned(channel: string, kind: DesktopMessageKind, workerId: string, runId: string | undefined, body: object): Promise<void> {
    const signed = await signDesktopMessage(this.#deps.desktopKey, { kind, workerId, ...(runId === undefined ? {} : { runId }), body }, this.#deps.clock.now());
    await this.#deps.redis.publish(channel, JSON.stringify({ signed }));
  }

  async #onSessionChange(profileId: string): Promise<void> {
    await this.#refresh([...this.#leased.values()].filter((l) => l.ticket.profileId === profileId), 'session ended');
  }

  /** Fresh leases where the session still grants; revoke where it no longer does (or the worker was removed). */
  async #refresh(runs: Leased[], why: string): Promise<void> {
    const lapsed: string[] = [];
    for (const { ticket, worker } of runs) {
      // Closed: leases lapse by their TTL, as if this process had died.
      if (this.#closed) return;
      if (this.#deps.approved(worker.workerId) === undefined) {
        lapsed.push(ticket.runId);
        continue;
      }
      const result = await this.#lease(ticket, worker, true);
      // Withdrawn meanwhile: revoked already, as that withdrawal said (suspended, ended).
      if (!result.ok && result.reason !== 'withdrawn') lapsed.push(ticket.runId);
    }
    if (lapsed.length > 0) await this.revoke(lapsed, why);
  }

  #scheduleRenewal(): void {
    if (this.#closed) return;
    this.#renewTimer = this.#deps.clock.setTimer(() => {
      // Redis away (or closing) mid-renewal: the connection reports it itself, the next renewal tries
      // again, and a lease that cannot be renewed lapses by its TTL; never an unhandled rejection.
      void this.#refresh([...this.#leased.values()], 'renewal refused')
        .catch(() => undefined)
        .finally(() => this.#scheduleRenewal());
    }, Math.max(250, Math.floor(this.#deps.leaseTtlMs / 3)));
  }
}
