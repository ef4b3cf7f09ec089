import { Queue, QueueEvents } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Disposable } from '../common/contract.js';
import type { Admission, QueueTicket, RunQueue, WaitingTicket } from '../bots/run-queue.js';
import { insertionIndex } from '../bots/queue-order.js';
import { priorityRank } from '../common/run-priority.js';

/** What a remote run carries to the worker that claims it; never a token, code or run secret. */
export interface FleetTicket extends QueueTicket {
  companyId: string;
  /** The named human who supervises the run from the desktop. */
  supervisorId: string;
  /** Worker pool that may take it. */
  pool: string;
  expectedDurationMs: number;
}

/** Why a remote run ended without finishing: the engine never retries it. */
export interface FleetRunLost {
  runId: string;
  reason: 'worker lost' | 'failed';
  detail: string;
}

export interface BullmqRunQueueOptions {
  /** Explicit clients: one for commands, one blocking connection for the event stream. */
  connection: Redis;
  eventsConnection: Redis;
  queueName?: string;
  maxConcurrentRuns: number;
  maxQueuedRuns: number;
  /** Background failures (Redis down while adding a job); the run stays listed as waiting. */
  onError?: (error: unknown) => void;
}

export const defaultFleetQueueName = 'rpa-runs';

/**
 * The run-queue port over BullMQ. The desktop is the only producer: it keeps the waiting list
 * itself and answers `enqueue` at once; a worker taking the job is the admission. At most once:
 * the job id is the run id (a second add is a no-op), attempts is 1, and a stalled job is
 * reported through `onDidLose` as "worker lost", never retried.
 */
export class BullmqRunQueue implements RunQueue {
  readonly queue: Queue;
  private readonly events: QueueEvents;
  private readonly pending = new Map<string, FleetTicket>();
  /** The waiting list as the operator sees it, next first (the port's order rule). */
  private order: WaitingTicket[] = [];
  private readonly active = new Set<string>();
  private readonly admitListeners = new Set<(ticket: QueueTicket) => void>();
  private readonly lostListeners = new Set<(lost: FleetRunLost) => void>();
  private limit: number;
  private closed = false;

  constructor(private readonly options: BullmqRunQueueOptions) {
    const name = options.queueName ?? defaultFleetQueueName;
    this.limit = options.maxConcurrentRuns;
    this.queue = new Queue(name, { connection: options.connection });
    this.events = new QueueEvents(name, { connection: options.eventsConnection });
    this.events.on('active', ({ jobId }) => this.admit(jobId));
    this.events.on('stalled', ({ jobId }) => this.lose(jobId, 'worker lost', 'the worker stopped renewing its lock'));
    this.events.on('failed', ({ jobId, failedReason }) =>
      this.lose(jobId, /stalled/i.test(failedReason) ? 'worker lost' : 'failed', failedReason),
    );
    this.events.on('completed', ({ jobId }) => this.release(jobId));
  }

  get maxConcurrentRuns(): number {
    return this.limit;
  }

  get maxQueuedRuns(): number {
    return this.options.maxQueuedRuns;
  }

  /** Resolves once the event stream listens, so no admission is missed. */
  async ready(): Promise<void> {
    await this.events.waitUntilReady();
    await this.queue.waitUntilReady();
  }

  setMaxConcurrentRuns(limit: number): void {
    this.limit = limit;
    void this.queue.setGlobalConcurrency(limit).catch((error: unknown) => this.options.onError?.(error));
  }

  enqueue(ticket: QueueTicket): Admission {
    if (this.closed || this.pending.size >= this.options.maxQueuedRuns) return 'full';
    const fleet = toFleetTicket(ticket);
    if (this.pending.has(fleet.runId)) return 'queued';
    this.pending.set(fleet.runId, fleet);
    this.order.splice(insertionIndex(this.order, fleet), 0, { ...fleet, waitingFor: 'slot' });
    void this.add(fleet).catch((error: unknown) => this.options.onError?.(error));
    return 'queued';
  }

  private async add(fleet: FleetTicket): Promise<void> {
    const moved = this.order.find((t) => t.runId === fleet.runId)?.moved;
    await this.queue.add(fleet.pool, fleet, {
      jobId: fleet.runId,
      attempts: 1,
      // BullMQ: 1 is the most urgent.
      priority: moved === 'forward' ? 1 : moved === 'back' ? runPriorityCount + 2 : bullmqPriority(fleet),
      removeOnComplete: true,
      removeOnFail: 1000,
    });
  }

  /**
   * Adds every run still waiting again, after Redis came back empty (restarted without
   * persistence). The job id is the run id, so a job Redis kept is not added twice, and runs a
   * worker already took are not waiting here; the coordinator refuses any second claim anyway.
   */
  async resubmitWaiting(): Promise<number> {
    const waiting = [...this.pending.values()];
    await Promise.all(waiting.map((fleet) => this.add(fleet)));
    return waiting.length;
  }

  cancel(runId: string): boolean {
    if (!this.pending.delete(runId)) return false;
    this.dropFromOrder(runId);
    void this.queue.remove(runId).catch((error: unknown) => this.options.onError?.(error));
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
    void this.queue
      .getJob(runId)
      .then((job) => job?.changePriority({ priority: moved === 'forward' ? 1 : runPriorityCount + 2 }))
      .catch((error: unknown) => this.options.onError?.(error));
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

  close(): void {
    this.closed = true;
    void Promise.all([this.events.close(), this.queue.close()]).catch((error: unknown) => this.options.onError?.(error));
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
  };
}
