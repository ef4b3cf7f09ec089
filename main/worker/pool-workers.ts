import { Job, WaitingError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { FleetTicket } from '../../app/fleet/bullmq-run-queue.js';
import { outageLog, type OutageLog } from '../../app/fleet/outage-log.js';
import { poolQueueName } from '../../app/fleet/pool-queue-name.js';

export interface PoolWorkersOptions {
  /** The fleet's base queue name; each pool is `<queueName>-<pool>`. */
  queueName: string;
  pools: readonly string[];
  /** BullMQ copies it for each Worker's blocking connection. */
  connection: Redis;
  /** Runs at once on this worker, across all its pools. */
  concurrency: number;
  lockDurationMs: number;
  process: (job: Job<FleetTicket>) => Promise<{ exitCode: number | null }>;
  onLockLost: (runIds: string[]) => void;
  /** Errors of the Workers; connection errors at most once a minute while Redis is away. */
  onError: (error: unknown) => void;
}

/**
 * One BullMQ Worker per pool the worker serves, so it takes only its own pools' runs, under one
 * shared limit: at most `concurrency` runs at once across all pools (a worker's screen or
 * machine is one, whichever pool a bot comes from). With one pool the Worker's own concurrency
 * is that limit. With several, every Worker stops fetching while all slots are busy and starts
 * again when one frees; a job a Worker was already fetching at that moment goes back to its
 * queue untouched (no attempt used, nothing claimed), for another worker of its pool.
 */
export class PoolWorkers {
  readonly #o: PoolWorkersOptions;
  readonly #workers: Worker<FleetTicket>[] = [];
  readonly #errors: OutageLog;
  #busy = 0;
  #stopping = false;

  constructor(options: PoolWorkersOptions) {
    this.#o = options;
    this.#errors = outageLog({ now: () => Date.now(), unreachable: (error) => options.onError(error), other: (error) => options.onError(error) });
  }

  async start(): Promise<void> {
    const { lockDurationMs } = this.#o;
    for (const pool of this.#o.pools) {
      const worker = new Worker<FleetTicket>(poolQueueName(this.#o.queueName, pool), (job, token) => this.#take(job, token), {
        connection: this.#o.connection,
        concurrency: this.#o.concurrency,
        // At most once: a stalled job is never handed to another worker.
        maxStalledCount: 0,
        lockDuration: lockDurationMs,
        stalledInterval: Math.max(100, Math.floor(lockDurationMs / 2)),
      });
      worker.on('error', (error) => this.#errors.report(error));
      worker.on('lockRenewalFailed', (jobIds) => this.#o.onLockLost(jobIds));
      this.#workers.push(worker);
    }
    await Promise.all(this.#workers.map((worker) => worker.waitUntilReady()));
  }

  /** A run's job as the queue now knows it, from whichever pool it came. */
  async job(runId: string): Promise<Job<FleetTicket> | undefined> {
    for (const worker of this.#workers) {
      const job = await Job.fromId<FleetTicket>(worker, runId).catch(() => undefined);
      if (job) return job;
    }
    return undefined;
  }

  /** No new runs from any pool (the worker is stopping); runs under way go on until they end. */
  async stopTaking(): Promise<void> {
    this.#stopping = true;
    await Promise.all(this.#workers.map((worker) => worker.pause(true)));
  }

  async close(): Promise<void> {
    await Promise.all(this.#workers.map((worker) => worker.close(true)));
  }

  async #take(job: Job<FleetTicket>, token: string | undefined): Promise<{ exitCode: number | null }> {
    if (this.#busy >= this.#o.concurrency || this.#stopping) {
      // Fetched while another pool's run took the last slot, or as the worker stops: back to its queue before anything is claimed.
      await job.moveToWait(token);
      throw new WaitingError();
    }
    this.#busy += 1;
    try {
      if (this.#busy >= this.#o.concurrency && this.#workers.length > 1) await Promise.all(this.#workers.map((worker) => worker.pause(true)));
      return await this.#o.process(job);
    } finally {
      this.#busy -= 1;
      if (this.#workers.length > 1 && !this.#stopping) for (const worker of this.#workers) if (worker.isPaused()) void worker.resume();
    }
  }
}
