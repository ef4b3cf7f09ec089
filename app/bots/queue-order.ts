import { priorityRank } from '../common/run-priority.js';
import type { QueueTicket, WaitingTicket } from './run-queue.js';

type Placed = Pick<WaitingTicket, 'priority' | 'moved'>;

/**
 * The order rule of the RunQueue contract, shared by every engine: the index at which a new
 * ticket joins the waiting list, after every ticket of the same or a higher priority. A ticket
 * the operator moved forward counts as the highest priority, one moved back as the lowest.
 */
export function insertionIndex(waiting: readonly Placed[], ticket: Pick<QueueTicket, 'priority'>): number {
  const rank = priorityRank(ticket.priority);
  for (let index = waiting.length - 1; index >= 0; index -= 1) {
    if (effectiveRank(waiting[index] as Placed) <= rank) return index + 1;
  }
  return 0;
}

function effectiveRank(placed: Placed): number {
  if (placed.moved === 'forward') return -1;
  if (placed.moved === 'back') return Number.POSITIVE_INFINITY;
  return priorityRank(placed.priority);
}

/** The admission rule: a free slot, and no second exclusive run. */
export function isAdmissible(ticket: Pick<QueueTicket, 'exclusive'>, active: { count: number; exclusive: number }, maxConcurrentRuns: number): boolean {
  if (active.count >= maxConcurrentRuns) return false;
  return !ticket.exclusive || active.exclusive === 0;
}
