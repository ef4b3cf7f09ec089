import type { RunView } from '../../app/common/contract.js';
import { isLiveRunStatus } from '../../app/common/run-status.js';
import { formatDuration } from '../../app/common/format-duration.js';
import { useNow } from '../state/use-now.js';

/** How long a run took, or has taken so far (ticking while it is live). */
export function RunDuration({ run, testId }: { run: RunView; testId?: string }) {
  const ticking = isLiveRunStatus(run.status) && run.endedAt === undefined;
  // Only tick while the run is going; a finished run's duration is fixed.
  const now = useNow(1_000, { enabled: ticking, alignTo: run.startedAt });
  const durationMs = (run.endedAt ?? (ticking ? now : run.startedAt)) - run.startedAt;
  return (
    <span className="tabular" data-testid={testId}>
      {formatDuration(durationMs)}
    </span>
  );
}
