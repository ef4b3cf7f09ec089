import type { RunView } from '../common/contract.js';
import { isLiveRunStatus } from '../common/run-status.js';
import type { Logger } from '../ports/logger.js';
import { killRunLeftovers } from './kill-process-tree.js';
import type { RunHistory, StoredRun } from './run-history.js';
import { assertRunTransition } from './run-state.js';

/**
 * Crash recovery, once at start-up: runs the history still holds as live belonged to an instance
 * that died, so they become `interrupted` (S38), and any process still carrying their run id is
 * killed. Each ends when it was last known alive (`lastAliveAt`: the heartbeat or its own log),
 * so its duration is the time it really ran. Returns their views, for the audit trail.
 */
export function recoverInterruptedRuns(history: RunHistory, logger: Logger, lastAliveAt: (run: StoredRun) => number | undefined = () => undefined): RunView[] {
  const interrupted = history
    .all()
    .filter((run) => isLiveRunStatus(run.status))
    .map((run): StoredRun => {
      assertRunTransition(run.status, 'interrupted');
      const { waitingFor: _waitingFor, since: _since, ...rest } = run;
      const alive = lastAliveAt(run);
      return {
        ...rest,
        status: 'interrupted',
        reason: 'RPA Supervisor stopped while this run was live. It was not started again by itself; check what the bot had done, then use Run again if needed.',
        ...(alive === undefined ? {} : { endedAt: Math.max(run.startedAt, alive) }),
      };
    });
  history.upsertMany(interrupted);
  for (const run of interrupted) {
    void killRunLeftovers(run.id).then((killed) => {
      if (killed > 0) logger.warn('Killed processes left over from an interrupted run', { runId: run.id, killed });
    });
  }
  return interrupted.map(({ pid: _pid, ...view }) => view);
}
