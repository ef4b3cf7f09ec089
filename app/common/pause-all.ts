import { hasRunProcess } from './run-status.js';
import type { RunView } from './views.js';

/** Which runs "Pause all" pauses, and which it leaves running and why (for the log). */
export interface PauseAllPlan {
  pause: string[];
  /** Live runs with a process that cannot be paused here (plain bots on Windows). */
  unavailable: string[];
}

/**
 * "Pause all" (global shortcut, tray): every live run with a process that is not paused yet and
 * can be paused on this platform. A run already asked to stop at its safe point is left to stop.
 * Queued runs are not paused: they have no process, and the queue holds them anyway.
 */
export function planPauseAll(runs: readonly RunView[]): PauseAllPlan {
  const plan: PauseAllPlan = { pause: [], unavailable: [] };
  for (const run of runs) {
    if (!hasRunProcess(run.status) || run.status === 'paused' || !run.control || run.control.stopRequested) continue;
    if (run.control.pause === 'unavailable') plan.unavailable.push(run.id);
    else plan.pause.push(run.id);
  }
  return plan;
}
