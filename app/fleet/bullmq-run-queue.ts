import { Queue, QueueEvents, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Disposable } from '../common/contract.js';
import type { RedactionSettings } from '../common/patient-data.js';
import type { Admission, QueueTicket, RunQueue, WaitingTicket } from '../bots/run-queue.js';
import { insertionIndex } from '../bots/queue-order.js';
import { priorityRank } from '../common/run-priority.js';
import { defaultFleetQueueName, isPoolName, poolQueueName } from './pool-queue-name.js';

/** What a remote run carries to the worker that claims it; never a token, code or run secret. */
export interface FleetTicket extends QueueTicket {
  companyId: string;
  /** The named human who supervises the run from the desktop. */
  supervisorId: string;
  /** Worker pool that may take it. */
  pool: string;
  expectedDurationMs: number;
  /** The profile's patient-identifier redaction: the worker applies it before a line reaches Redis. */
  redaction?: RedactionSettings;
}

/** Why a remote run ended without finishing: the engine never retries it. */
export interface FleetRunLost {
  runId: string;
  reason: 'worker lost' | 'failed';
  detail: string;
}

export interface BullmqRunQueueOptions {
  /** Explicit clients: one for commands (shared by every pool's Queue); BullMQ copies the second for each pool's blocking event stream. */
  connection: Redis;
  eventsConnection: Redis;
  /** The base name: each pool's runs go to `<queueName>-<pool>` (pool-queue-name.ts). */
  queueName?: string;
  maxConcurrentRuns: number;
  maxQueuedRuns: number;
  /** Background failures (Redis down while adding a job, a connection error of a Queue or its events); the run stays listed as waiting. */
  onError?: (error: unknown) => void;
}

export { defaultFleetQueueName } from './pool-queue-name.js';

/** One pool's BullMQ queue and the stream of its events, made the first time a run goes to that pool. */
interface PoolQueue {
  queue: Queue<FleetTicket>;
  events: QueueEvents | undefined;
  /** Resolves once the pool's events are read from the moment it was first used; never rejects. */
  ready: Promise<void>;
}

/**
 * The run-queue port over BullMQ, one queue per pool, so only workers of a run's pool can take it.
 * The desktop is the only producer: it keeps the waiting list itself and answers `enqueue` at
 * once; a worker taking the job is the admission. At most once: the job id is the run id (a
 * second add is a no-op), attempts is 1, and a stalled job is reported through `onDidLose` as
 * "worker lost", never retried.
 */
export class BullmqRunQueue implements RunQueue {
  readonly #pools = new Map<string, PoolQueue>();
  readonly #base: string;
  private readonly pending = new Map<string, FleetTicket>();
  /** The waiting list as the operator sees it, next first (the port's order rule). */
  private order: WaitingTicket[] = [];
  private readonly active = new Set<string>();
  private readonly admitListeners = new Set<(ticket: QueueTicket) => void>();
  private readonly lostListeners = new Set<(lost: FleetRunLost) => void>();
  private limit: number;
  /** Set by `setMaxConcurrentRuns`: every pool queue gets it as BullMQ's global concurrency. */
  #globalLimit: number | undefined;
  private closed = false;
  readonly #onError = (error: unknown): void => this.options.onError?.(error);

  constructor(private readonly options: BullmqRunQueueOptions) {
    this.#base = options.queueName ?? defaultFleetQueueName;
    this.limit = options.maxConcurrentRuns;
  }

  get maxConcurrentRuns(): number {
    return this.limit;
  }

  get maxQueuedRuns(): number {
    return this.options.maxQueuedRuns;
  }

  /** Resolves once every pool queue in use reads its events, so no admission is missed. */
  async ready(): Promise<void> {
    await Promise.all([...this.#pools.values()].map((pool) => pool.ready));
  }

  /** The BullMQ queue of `pool` (made on first use). */
  queueFor(pool: string): Queue<FleetTicket> {
    return this.#pool(pool).queue;
  }

  /** A run's job, in whichever pool queue holds it. */
  async getJob(runId: string): Promise<Job<FleetTicket> | undefined> {
    for (const { queue } of this.#pools.values()) {
      const job = await queue.getJob(runId);
      if (job) return job;
    }
    return undefined;
  }

  /** BullMQ's global concurrency, per pool queue. */
  setMaxConcurrentRuns(limit: number): void {
    this.limit = limit;
    this.#globalLimit = limit;
    for (const { queue } of this.#pools.values()) void queue.setGlobalConcurrency(limit).catch(this.#onError);
  }

  enqueue(ticket: QueueTicket): Admission {
    if (this.closed || this.pending.size >= this.options.maxQueuedRuns) return 'full';
    const fleet = toFleetTicket(ticket);
    // Pools are checked where they are set (manifest, Settings); a name that could not be a queue's is refused, never sent elsewhere.
    if (!isPoolName(fleet.pool)) {
      this.#onError(new Error(`run ${fleet.runId}: "${fleet.pool}" is not a pool name`));
      return 'full';
    }
    if (this.pending.has(fleet.runId)) return 'queued';
    this.pending.set(fleet.runId, fleet);
    this.order.splice(insertionIndex(this.order, fleet), 0, { ...fleet, waitingFor: 'slot' });
    void this.add(fleet).catch(this.#onError);
    return 'queued';
  }

  private async add(fleet: FleetTicket): Promise<void> {
    const pool = this.#pool(fleet.pool);
    await pool.ready;
    if (pool.events === undefined) throw new Error(`the queue of pool ${fleet.pool} is not ready; the run stays waiting`);
    // Cancelled (or taken) while the pool's events were starting: its removal went to Redis before this add would.
    if (!this.pending.has(fleet.runId)) return;
    const moved = this.order.find((t) => t.runId === fleet.runId)?.moved;
    await pool.queue.add(fleet.pool, fleet, {
      jobId: fleet.runId,
      attempts: 1,
      // BullMQ: 1 is the most urgent.
      priority: moved === 'forward' ? 1 : moved === 'back' ? runPriorityCount + 2 : bullmqPriority(fleet),
      removeOnComplete: true,
      removeOnFail: 1000,
    });
  }

  /**
   * Adds every run still waiting again, each to its pool's queue, after Redis came back empty
   * (restarted without persistence). The job id is the run id, so a job Redis kept is not added
   * twice, and runs a worker already took are not waiting here; the coordinator refuses any
   * second claim anyway.
   */
  async resubmitWaiting(): Promise<number> {
    const waiting = [...this.pending.values()];
    await Promise.all(waiting.map((fleet) => this.add(fleet)));
    return waiting.length;
  }

  cancel(runId: string): boolean {
    const ticket = this.pending.get(runId);
    if (ticket === undefined) return false;
    this.pending.delete(runId);
    this.dropFromOrder(runId);
    void this.#pools.get(ticket.pool)?.queue.remove(runId).catch(this.#onError);
    return true;
  }

  /**
   * Moves a waiting run in the list the desktop shows and, in Redis, changes its BullMQ priority
   * to the most (forward) or least (back) urgent, so workers take it in that order.
   */
  move(runId: string, index: number): boolean {
    const at = this.order.findIndex((t) => t.runId === runId);
    if (at < 0) return false;
    const [ticket] = this.order.splice(at, 1) as [WaitingTicket];
    const to = Math.max(0, Math.min(index, this.order.length));
    const moved = to <= at ? 'forward' : 'back';
    this.order.splice(to, 0, { ...ticket, moved });
    const pool = this.pending.get(runId)?.pool;
    void (pool === undefined ? Promise.resolve(undefined) : this.#pool(pool).queue.getJob(runId))
      .then((job) => job?.changePriority({ priority: moved === 'forward' ? 1 : runPriorityCount + 2 }))
      .catch(this.#onError);
    return true;
  }

  release(runId: string): void {
    this.pending.delete(runId);
    this.active.delete(runId);
    this.dropFromOrder(runId);
  }

  waiting(): readonly WaitingTicket[] {
    return this.order.map((t) => ({ ...t }));
  }

  onDidAdmit(listener: (ticket: QueueTicket) => void): Disposable {
    this.admitListeners.add(listener);
    return { dispose: () => this.admitListeners.delete(listener) };
  }

  /** A remote run ended without finishing (worker lost, or the job failed). */
  onDidLose(listener: (lost: FleetRunLost) => void): Disposable {
    this.lostListeners.add(listener);
    return { dispose: () => this.lostListeners.delete(listener) };
  }

  /** Admits nothing from now on; `shutdown` also waits for every pool's Queue and event stream to close. */
  close(): void {
    void this.shutdown();
  }

  async shutdown(): Promise<void> {
    this.closed = true;
    // A pool whose events are not read yet makes none from now on (#listen checks `closed`).
    await Promise.all([...this.#pools.values()].map((pool) => Promise.all([pool.events?.close(), pool.queue.close()]))).catch(this.#onError);
  }

  #pool(pool: string): PoolQueue {
    const known = this.#pools.get(pool);
    if (known) return known;
    const name = poolQueueName(this.#base, pool);
    const queue = new Queue<FleetTicket>(name, { connection: this.options.connection });
    // Without a listener an 'error' event (Redis restarting) would throw out of the connection's handler.
    queue.on('error', this.#onError);
    if (this.#globalLimit !== undefined) void queue.setGlobalConcurrency(this.#globalLimit).catch(this.#onError);
    const entry: PoolQueue = { queue, events: undefined, ready: Promise.resolve() };
    // Failed (Redis refused us): the next run for the pool makes it again.
    entry.ready = this.#listen(name, entry).catch((error: unknown) => {
      this.#pools.delete(pool);
      void queue.close().catch(() => undefined);
      this.#onError(error);
    });
    this.#pools.set(pool, entry);
    return entry;
  }

  /**
   * Reads the pool's events from the server's present moment: a job added after this resolves
   * cannot have its events missed, even if they come before the stream read starts.
   */
  async #listen(name: string, entry: PoolQueue): Promise<void> {
    const [seconds, micros] = await this.options.connection.time();
    if (this.closed) return;
    const nowMs = Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
    const events = new QueueEvents(name, { connection: this.options.eventsConnection, lastEventId: `${String(nowMs - 1)}-0` });
    events.on('error', this.#onError);
    events.on('active', ({ jobId }) => this.admit(jobId));
    events.on('stalled', ({ jobId }) => this.lose(jobId, 'worker lost', 'the worker stopped renewing its lock'));
    events.on('failed', ({ jobId, failedReason }) => this.lose(jobId, /stalled/i.test(failedReason) ? 'worker lost' : 'failed', failedReason));
    events.on('completed', ({ jobId }) => this.release(jobId));
    entry.events = events;
    await events.waitUntilReady();
  }

  private admit(runId: string): void {
    const ticket = this.pending.get(runId);
    if (ticket === undefined || this.closed || this.active.has(runId)) return;
    this.pending.delete(runId);
    this.dropFromOrder(runId);
    this.active.add(runId);
    for (const listener of this.admitListeners) listener(ticket);
  }

  private dropFromOrder(runId: string): void {
    this.order = this.order.filter((t) => t.runId !== runId);
  }

  private lose(runId: string, reason: FleetRunLost['reason'], detail: string): void {
    const known = this.active.has(runId) || this.pending.has(runId);
    this.release(runId);
    if (!known) return;
    for (const listener of this.lostListeners) listener({ runId, reason, detail });
  }
}

const runPriorityCount = 3;

/** high → 2, normal → 3, low → 4; 1 and 5 are kept for runs the operator moved to the front or back. */
function bullmqPriority(ticket: QueueTicket): number {
  return priorityRank(ticket.priority) + 2;
}

function toFleetTicket(ticket: QueueTicket): FleetTicket {
  const extra = ticket as Partial<FleetTicket>;
  return {
    runId: ticket.runId,
    botId: ticket.botId,
    profileId: ticket.profileId,
    enqueuedAt: ticket.enqueuedAt,
    priority: ticket.priority,
    exclusive: ticket.exclusive,
    companyId: extra.companyId ?? '',
    supervisorId: extra.supervisorId ?? '',
    pool: extra.pool ?? 'default',
    expectedDurationMs: extra.expectedDurationMs ?? 0,
    ...(extra.redaction ? { redaction: extra.redaction } : {}),
  };
}
