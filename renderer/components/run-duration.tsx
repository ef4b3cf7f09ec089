import type { RunView } from '../../app/common/contract.js';
import { isLiveRunStatus } from '../../app/common/run-status.js';
import { formatDuration } from '../../app/common/format-duration.js';
import { useSharedClock } from '../state/use-shared-clock.js';

/** How long a run took, or has taken so far (ticking while it is live). */
export function RunDuration({ run, testId }: { run: RunView; testId?: string }) {
  const ticking = isLiveRunStatus(run.status) && run.endedAt === undefined;
  // Only tick while the run is going; a finished run's duration is fixed. Every live run on the
  // page ticks from the same clock, so they all change in one render.
  const now = useSharedClock(ticking);
  const durationMs = Math.max(0, (run.endedAt ?? (ticking ? now : run.startedAt)) - run.startedAt);
  return (
    <span className="tabular" data-testid={testId}>
      {formatDuration(durationMs)}
    </span>
  );
}
