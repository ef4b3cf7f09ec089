import type { Disposable } from '../common/contract.js';
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { WorkerBeat } from './worker-beat.js';

/** The approved workers that take a pool, as the roster and the policy list them. */
export interface PoolWorker {
  workerId: string;
  name: string;
}

/** A pool whose approved workers are none of them up: runs wait for it until one starts. */
export interface PoolDown {
  workerNames: string[];
  /** The latest any of them was heard from (a heartbeat or a status), if ever. */
  lastHeardAt?: number;
}

export interface PoolWatchDeps {
  /** Pools that runs wait for now (waiting for a worker, with some worker approved for the pool). */
  waitingPools(): ReadonlySet<string>;
  workersFor(pool: string): readonly PoolWorker[];
  /** Every approved worker: all are read each round, so "last heard from" is true when one goes down. */
  approvedWorkerIds(): readonly string[];
  /** The workers whose heartbeat is there now, with its time; bounded like every Redis read. */
  heartbeats(workerIds: readonly string[]): Promise<ReadonlyMap<string, WorkerBeat>>;
  /** When a worker last wrote a status, which a busy worker does even between heartbeats. */
  lastSeen(workerId: string): number | undefined;
  /** A pool's state changed: the state snapshot (queue entries, Needs attention) is sent again. */
  onChange(): void;
  clock: Clock;
  logger: Logger;
  /** How often the heartbeats are read while runs wait: a third of their 30 s lifetime. */
  intervalMs?: number;
}

/**
 * Which waiting pools have no approved worker up, from the workers' heartbeats
 * (main/worker/worker-heartbeat.ts): one bounded MGET of every approved worker's key a round; a
 * pool is called down only after a read found none of its workers, so a busy worker that is up is
 * never reported, and a Redis that does not answer changes nothing.
 */
export class PoolWatch {
  readonly #deps: PoolWatchDeps;
  readonly #heard = new Map<string, number>();
  #down = new Map<string, PoolDown>();
  #timer: Disposable | undefined;
  #closed = false;
  #failing = false;
  #checked = new Set<string>();
  #running: Promise<void> | undefined;

  constructor(deps: PoolWatchDeps) {
    this.#deps = deps;
  }

  start(): void {
    this.#arm();
  }

  downFor(pool: string): PoolDown | undefined {
    return this.#down.get(pool);
  }

  /**
   * The runs changed: a pool that starts waiting is read at once, so a run started for a pool
   * whose workers are all down says so within moments, not at the next round.
   */
  poke(): void {
    if (this.#closed || this.#running !== undefined) return;
    if ([...this.#deps.waitingPools()].some((pool) => !this.#checked.has(pool))) void this.check();
  }

  /** One round: read the waiting pools' workers' heartbeats and say whether anything changed. */
  check(): Promise<void> {
    this.#running ??= this.#read().finally(() => (this.#running = undefined));
    return this.#running;
  }

  async #read(): Promise<void> {
    const pools = [...this.#deps.waitingPools()];
    this.#checked = new Set(pools);
    const workers = new Map(pools.map((pool) => [pool, this.#deps.workersFor(pool)]));
    const ids = [...new Set([...this.#deps.approvedWorkerIds(), ...[...workers.values()].flat().map((worker) => worker.workerId)])];
    let beats: ReadonlyMap<string, WorkerBeat>;
    try {
      beats = ids.length === 0 ? new Map() : await this.#deps.heartbeats(ids);
    } catch (error) {
      // The pools keep what they were; once in the log per failing stretch, not every round.
      if (!this.#failing) this.#deps.logger.warn('Worker heartbeats not read; pools keep their last state', { error: String(error) });
      this.#failing = true;
      return;
    }
    this.#failing = false;
    if (this.#closed) return;
    for (const [workerId, { heardAt }] of beats) this.#heard.set(workerId, heardAt);
    const next = new Map<string, PoolDown>();
    for (const [pool, list] of workers) {
      if (list.length === 0 || list.some((worker) => beats.has(worker.workerId))) continue;
      const heard = Math.max(0, ...list.map((worker) => Math.max(this.#heard.get(worker.workerId) ?? 0, this.#deps.lastSeen(worker.workerId) ?? 0)));
      next.set(pool, { workerNames: list.map((worker) => worker.name), ...(heard === 0 ? {} : { lastHeardAt: heard }) });
    }
    const changed = JSON.stringify([...this.#down]) !== JSON.stringify([...next]);
    this.#down = next;
    if (changed) this.#deps.onChange();
  }

  dispose(): void {
    this.#closed = true;
    this.#timer?.dispose();
    this.#timer = undefined;
  }

  #arm(): void {
    if (this.#closed) return;
    this.#timer = this.#deps.clock.setTimer(() => {
      void this.check().finally(() => this.#arm());
    }, this.#deps.intervalMs ?? 10_000);
  }
}
