import type { Disposable } from '../common/contract.js';
import { ListenerSet } from '../common/listener-set.js';
import type { Admission, QueueTicket, RunQueue } from './run-queue.js';

/** The queue of a single supervisor: in-memory slots, first come first served. */
export class LocalRunQueue implements RunQueue {
  readonly maxQueuedRuns: number;
  #maxConcurrentRuns: number;
  readonly #waiting: QueueTicket[] = [];
  readonly #active = new Set<string>();
  readonly #admissions: ListenerSet<QueueTicket>;
  #closed = false;

  constructor(options: { maxConcurrentRuns?: number; maxQueuedRuns?: number; onListenerError?: (error: unknown) => void }) {
    this.#maxConcurrentRuns = clampLimit(options.maxConcurrentRuns ?? 8);
    this.maxQueuedRuns = options.maxQueuedRuns ?? 50;
    this.#admissions = new ListenerSet(options.onListenerError);
  }

  get maxConcurrentRuns(): number {
    return this.#maxConcurrentRuns;
  }

  setMaxConcurrentRuns(limit: number): void {
    this.#maxConcurrentRuns = clampLimit(limit);
    this.#admitWaiting();
  }

  enqueue(ticket: QueueTicket): Admission {
    if (this.#active.size < this.#maxConcurrentRuns) {
      this.#active.add(ticket.runId);
      return 'admitted';
    }
    if (this.#waiting.length >= this.maxQueuedRuns) return 'full';
    this.#waiting.push(ticket);
    return 'queued';
  }

  cancel(runId: string): boolean {
    const index = this.#waiting.findIndex((ticket) => ticket.runId === runId);
    if (index === -1) return false;
    this.#waiting.splice(index, 1);
    return true;
  }

  release(runId: string): void {
    if (this.#active.delete(runId)) this.#admitWaiting();
  }

  waiting(): readonly QueueTicket[] {
    return [...this.#waiting];
  }

  onDidAdmit(listener: (ticket: QueueTicket) => void): Disposable {
    return this.#admissions.add(listener);
  }

  close(): void {
    this.#closed = true;
    this.#admissions.clear();
  }

  #admitWaiting(): void {
    // Re-entrant: a listener may end its run at once (its session ended while it waited), which
    // releases the slot and admits the next from inside this loop.
    while (!this.#closed && this.#waiting.length > 0 && this.#active.size < this.#maxConcurrentRuns) {
      const next = this.#waiting.shift() as QueueTicket;
      this.#active.add(next.runId);
      this.#admissions.emit(next);
    }
  }
}

function clampLimit(limit: number): number {
  return Math.max(1, Math.floor(limit));
}
