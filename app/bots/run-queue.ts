import type { Disposable } from '../common/contract.js';

/** What a queue knows about a run: enough to order and admit it, nothing about how it runs. */
export interface QueueTicket {
  runId: string;
  botId: string;
  profileId: string;
  /** When the run was asked for (epoch ms); the order among equals. */
  enqueuedAt: number;
}

/**
 * The answer to `enqueue`: `admitted` (a slot is taken; launch it now), `queued` (it waits;
 * `onDidAdmit` says when its turn comes) or `full` (refused; the caller creates no run).
 */
export type Admission = 'admitted' | 'queued' | 'full';

/**
 * Decides when a run may start: admission, the concurrency limit and the order of waiting runs.
 * It knows tickets, not processes, so the launcher never depends on which queue is in use.
 *
 * - `LocalRunQueue` (this process): slots are counted in memory; a waiting run is admitted the
 *   moment `release` or a raised limit frees a slot, first come first served.
 * - A distributed engine (fleet mode: BullMQ on Redis, workers claiming runs) implements the same
 *   port on the desktop. The desktop is the only producer, so it keeps the waiting list it shows
 *   and answers `enqueue` synchronously (`queued`; the job is added in the background). A worker
 *   claiming the job is the admission, reported through `onDidAdmit`, and the worker's own
 *   launcher starts the bot. `release` is the job finishing; the limit is the workers' global
 *   concurrency.
 *
 * Contract, for every implementation:
 * - The methods are synchronous and never throw for an unknown run id.
 * - `onDidAdmit` never fires during `enqueue` for the ticket being enqueued: the caller creates
 *   the run record right after `enqueue` returns, before any admission can reach it.
 * - A ticket is admitted at most once (no run starts twice); `cancel` and `close` guarantee that
 *   a waiting ticket is never admitted afterwards.
 *
 * Planned, and the reason tickets carry more than an id: priorities and reordering (a `priority`
 * on the ticket, a `move` method); an `exclusive` flag (one screen-using bot at a time, which
 * makes admission a predicate over the active tickets rather than a count); pause and resume
 * (like `close`, but reversible); runs waiting for sign-in (held in the queue until their
 * profile's session is live, instead of being halted at admission); remote runs on worker hosts.
 */
export interface RunQueue {
  /** Runs executing at once (admitted and not yet released). */
  readonly maxConcurrentRuns: number;
  /** Runs that may wait; beyond this `enqueue` answers `full`. */
  readonly maxQueuedRuns: number;
  /** Applies at once: a raise admits waiting runs; a cut lets admitted runs finish. */
  setMaxConcurrentRuns(limit: number): void;
  enqueue(ticket: QueueTicket): Admission;
  /** Takes a waiting run out of the queue; false when it was not waiting (admitted, or unknown). */
  cancel(runId: string): boolean;
  /** An admitted run has ended: its slot is free for the next waiting run. */
  release(runId: string): void;
  /** The waiting runs, next first, for the UI. */
  waiting(): readonly QueueTicket[];
  /** A waiting run's turn came: launch it. */
  onDidAdmit(listener: (ticket: QueueTicket) => void): Disposable;
  /** Admits nothing more (the supervisor is closing); waiting runs stay until cancelled. */
  close(): void;
}
