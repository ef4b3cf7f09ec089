import { poolNamePattern } from '../common/worker-views.js';

// Kept in app/common so Settings → Workers checks pools at the field by the same rule.
export { poolNamePattern };

/** The fleet's base queue name (`--queue`); each pool has its own BullMQ queue under it. */
export const defaultFleetQueueName = 'rpa-runs';

export function isPoolName(pool: string): boolean {
  return poolNamePattern.test(pool);
}

/**
 * The BullMQ queue of one pool (`rpa-runs-ward`). One queue per pool because a BullMQ worker
 * takes any job of the queues it reads: a worker reads only its own pools' queues, so a run is
 * never taken by a worker outside its pool. The pattern keeps the name free of `:` and spaces,
 * which BullMQ uses in its keys.
 */
export function poolQueueName(base: string, pool: string): string {
  if (!isPoolName(pool)) throw new Error(`"${pool}" is not a pool name (lower-case letters, digits and dashes)`);
  return `${base}-${pool}`;
}
