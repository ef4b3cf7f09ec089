import type { Disposable } from '../common/contract.js';
import type { RunPriority } from '../common/run-priority.js';

/** What a queue knows about a run: enough to order and admit it, nothing about how it runs. */
export interface QueueTicket {
  runId: string;
  botId: string;
  profileId: string;
  /** When the run was asked for (epoch ms); the order among equals. */
  enqueuedAt: number;
  /** The manifest's default or the start's override. */
  priority: RunPriority;
  /** The bot uses the screen: at most one exclusive run is admitted at a time, across all bots. */
  exclusive: boolean;
}

/** Why a waiting ticket has not been admitted: every slot is taken, or an exclusive run is live. */
export type WaitReason = 'slot' | 'exclusive';

export type MoveDirection = 'forward' | 'back';

export interface WaitingTicket extends QueueTicket {
  waitingFor: WaitReason;
  /** The operator moved it by hand (`move`) towards the front or the back of the list. */
  moved?: MoveDirection;
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
 *   moment `release`, a raised limit or the end of an exclusive run lets it.
 * - A distributed engine (fleet mode: BullMQ on Redis, workers claiming runs) implements the same
 *   port on the desktop. The desktop is the only producer, so it keeps the waiting list it shows
 *   and answers `enqueue` synchronously (`queued`; the job is added in the background). A worker
 *   claiming the job is the admission, reported through `onDidAdmit`, and the worker's own
 *   launcher starts the bot. `release` is the job finishing; the limit is the workers' global
 *   concurrency.
 *
 * Contract, for every implementation (app/bots/testing/run-queue-contract.ts checks it; run it
 * against any new engine):
 * - The methods are synchronous and never throw for an unknown run id.
 * - `onDidAdmit` never fires during `enqueue` for the ticket being enqueued: the caller creates
 *   the run record right after `enqueue` returns, before any admission can reach it.
 * - A ticket is admitted at most once (no run starts twice); `cancel` and `close` guarantee that
 *   a waiting ticket is never admitted afterwards.
 * - Order. The waiting list is one sequence, and `waiting()` returns it next first. A new ticket
 *   goes after every waiting ticket of the same or a higher priority (`high`, `normal`, `low`),
 *   so runs of one priority keep the order they were asked for. `move` puts a waiting ticket at
 *   an index the operator chose; from then on its place wins over its priority until it starts
 *   (later tickets are placed by the same rule, comparing with its own priority). Nothing else
 *   reorders the list.
 * - Admission. A ticket is admissible when a slot is free and, if it is `exclusive`, no exclusive
 *   ticket is admitted. Whenever something changes, the first admissible waiting ticket in order
 *   is admitted, repeatedly: a waiting exclusive run does not hold back the runs behind it that
 *   may start, and it is first in line once the exclusive run before it ends.
 * - `enqueue` admits at once exactly when the new ticket is admissible: waiting tickets are
 *   admitted as soon as they may be, so none that could start is ever ahead of it (with free
 *   slots, only exclusive tickets wait).
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
  /**
   * Puts a waiting run at `index` of the waiting list (clamped to the list), marking it moved;
   * false when it was not waiting. Admits nothing by itself: order decides only among the
   * admissible.
   */
  move(runId: string, index: number): boolean;
  /** An admitted run has ended: its slot is free for the next waiting run. */
  release(runId: string): void;
  /** The waiting runs, next first, each with why it waits, for the UI. */
  waiting(): readonly WaitingTicket[];
  /** A waiting run's turn came: launch it. */
  onDidAdmit(listener: (ticket: QueueTicket) => void): Disposable;
  /** Admits nothing more (the supervisor is closing); waiting runs stay until cancelled. */
  close(): void;
}
