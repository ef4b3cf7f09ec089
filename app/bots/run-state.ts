import type { RunStatus } from '../common/contract.js';
import { supervisorError } from '../error-catalogue.js';

/**
 * The run lifecycle as an explicit state machine. Every status change in RunManager goes through
 * `assertRunTransition`, so an impossible history (a succeeded run becoming cancelled, say) is a
 * loud bug rather than a quietly wrong audit trail.
 *
 * queued → starting → running → succeeded | failed | cancelled | timedOut | halted | interrupted
 */
export const runTransitions: Readonly<Record<RunStatus, readonly RunStatus[]>> = {
  // A queued run never had a process, so it can only start or be called off.
  queued: ['starting', 'cancelled', 'halted', 'interrupted'],
  // `failed` here is a spawn error (command missing, not executable); `timedOut` cannot happen
  // before the process exists because the timeout is armed on spawn.
  starting: ['running', 'failed', 'cancelled', 'halted', 'interrupted'],
  running: ['succeeded', 'failed', 'cancelled', 'timedOut', 'halted', 'interrupted'],
  succeeded: [],
  failed: [],
  cancelled: [],
  timedOut: [],
  halted: [],
  interrupted: [],
};

/** Live statuses are shared with the renderer, so they live in app/common/run-status.ts. */
export { isLiveRunStatus } from '../common/run-status.js';

export function isTerminalRunStatus(status: RunStatus): boolean {
  return runTransitions[status].length === 0;
}

export function canTransitionRun(from: RunStatus, to: RunStatus): boolean {
  return runTransitions[from].includes(to);
}

/** Throws `invalid_run_transition` when the move is not in the table. */
export function assertRunTransition(from: RunStatus, to: RunStatus): void {
  if (!canTransitionRun(from, to)) throw supervisorError('invalid_run_transition', from, to);
}
