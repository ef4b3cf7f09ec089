import type { Disposable } from '../common/contract.js';
import { ListenerSet } from '../common/listener-set.js';
import { insertionIndex, isAdmissible } from './queue-order.js';
import type { Admission, MoveDirection, QueueTicket, RunQueue, WaitingTicket } from './run-queue.js';

interface Waiting {
  ticket: QueueTicket;
  moved?: MoveDirection;
}

/**
 * The queue of a single supervisor: in-memory slots; order and admission as the RunQueue
 * contract says (priority, then first come first served; the operator's moves; one exclusive run).
 */
export class LocalRunQueue implements RunQueue {
  readonly maxQueuedRuns: number;
  #maxConcurrentRuns: number;
  readonly #waiting: Waiting[] = [];
  readonly #active = new Map<string, QueueTicket>();
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
    if (this.#admissible(ticket)) {
      this.#active.set(ticket.runId, ticket);
      return 'admitted';
    }
    if (this.#waiting.length >= this.maxQueuedRuns) return 'full';
    const placed = this.#waiting.map((entry) => ({ priority: entry.ticket.priority, moved: entry.moved }));
    this.#waiting.splice(insertionIndex(placed, ticket), 0, { ticket });
    return 'queued';
  }

  cancel(runId: string): boolean {
    const index = this.#indexOf(runId);
    if (index === -1) return false;
    this.#waiting.splice(index, 1);
    return true;
  }

  move(runId: string, index: number): boolean {
    const from = this.#indexOf(runId);
    if (from === -1) return false;
    const to = Math.min(Math.max(0, Math.floor(index)), this.#waiting.length - 1);
    if (to === from) return true;
    const [entry] = this.#waiting.splice(from, 1) as [Waiting];
    entry.moved = to < from ? 'forward' : 'back';
    this.#waiting.splice(to, 0, entry);
    return true;
  }

  release(runId: string): void {
    if (this.#active.delete(runId)) this.#admitWaiting();
  }

  waiting(): readonly WaitingTicket[] {
    const slotFree = this.#active.size < this.#maxConcurrentRuns;
    return this.#waiting.map(({ ticket, moved }) => ({
      ...ticket,
      waitingFor: slotFree && ticket.exclusive ? 'exclusive' : 'slot',
      ...(moved ? { moved } : {}),
    }));
  }

  onDidAdmit(listener: (ticket: QueueTicket) => void): Disposable {
    return this.#admissions.add(listener);
  }

  close(): void {
    this.#closed = true;
    this.#admissions.clear();
  }

  #indexOf(runId: string): number {
    return this.#waiting.findIndex((entry) => entry.ticket.runId === runId);
  }

  #admissible(ticket: QueueTicket): boolean {
    let exclusive = 0;
    for (const active of this.#active.values()) if (active.exclusive) exclusive += 1;
    return isAdmissible(ticket, { count: this.#active.size, exclusive }, this.#maxConcurrentRuns);
  }

  #admitWaiting(): void {
    // Re-entrant: a listener may end its run at once (its session ended while it waited), which
    // releases the slot and admits the next from inside this loop.
    while (!this.#closed) {
      const index = this.#waiting.findIndex((entry) => this.#admissible(entry.ticket));
      if (index === -1) return;
      const [{ ticket }] = this.#waiting.splice(index, 1) as [Waiting];
      this.#active.set(ticket.runId, ticket);
      this.#admissions.emit(ticket);
    }
  }
}

function clampLimit(limit: number): number {
  return Math.max(1, Math.floor(limit));
}
