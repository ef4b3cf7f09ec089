import type { RunView } from '../common/contract.js';
import type { Logger } from '../ports/logger.js';
import { killRunLeftovers } from './kill-process-tree.js';
import type { RunHistory } from './run-history.js';
import { isLiveRunStatus } from '../common/run-status.js';
import { assertRunTransition } from './run-state.js';

/**
 * Crash recovery, once at start-up: runs the history still holds as live belonged to an instance
 * that died, so they become `interrupted` (S38), and any process still carrying their run id is
 * killed. Returns their views, for the audit trail.
 */
export function recoverInterruptedRuns(history: RunHistory, logger: Logger): RunView[] {
  const interrupted = history
    .all()
    .filter((run) => isLiveRunStatus(run.status))
    .map((run) => {
      assertRunTransition(run.status, 'interrupted');
      return { ...run, status: 'interrupted' as const, reason: 'RPA Supervisor stopped while this run was live.' };
    });
  history.upsertMany(interrupted);
  for (const run of interrupted) {
    void killRunLeftovers(run.id).then((killed) => {
      if (killed > 0) logger.warn('Killed processes left over from an interrupted run', { runId: run.id, killed });
    });
  }
  return interrupted.map(({ pid: _pid, ...view }) => view);
}
