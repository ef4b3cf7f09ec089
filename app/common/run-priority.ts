/**
 * Run priorities: a small fixed set, so a clinic user can see at a glance why one run goes before
 * another. Shared by the core (manifests, the queue), the contract and the page.
 */
export const runPriorities = ['high', 'normal', 'low'] as const;

export type RunPriority = (typeof runPriorities)[number];

/** Higher runs first: `high` is 0. */
export function priorityRank(priority: RunPriority): number {
  return runPriorities.indexOf(priority);
}
