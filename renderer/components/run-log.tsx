import { useId } from 'react';
import type { RunView } from '../../app/contract.js';
import { copy } from '../copy.js';
import { formatDateTime } from '../format/format-date-time.js';
import { formatDurationMs } from '../format/format-duration.js';
import { isRunLive, runStatusLabel, runStatusTone } from '../format/status-labels.js';
import { useNow } from '../state/use-now.js';
import { useRunLog } from '../state/use-run-log.js';
import { LogLineList } from './log-line-list.js';
import { StatusBadge } from './status-badge.js';

export interface RunLogProps {
  /** The selected run, or undefined when none is selected. */
  run: RunView | undefined;
  connectionEpoch: number;
}

/** The selected run's facts and its log, following live output. */
export function RunLog({ run, connectionEpoch }: RunLogProps) {
  const headingId = useId();
  return (
    <section className="panel run-log" aria-labelledby={headingId} data-testid="run-log-panel">
      <h2 id={headingId} className="panel__title">
        {run ? copy.runLog.headingFor(run.botName) : copy.runLog.heading}
      </h2>
      {run ? (
        <>
          <RunFacts run={run} />
          {/* Keyed by run so switching runs starts from an empty log and fresh subscriptions. */}
          <RunLogLines key={run.id} runId={run.id} connectionEpoch={connectionEpoch} />
        </>
      ) : (
        <p className="card__hint">{copy.runLog.noneSelected}</p>
      )}
    </section>
  );
}

function RunFacts({ run }: { run: RunView }) {
  const live = isRunLive(run.status);
  // Only tick while the run is going; a finished run's duration is fixed.
  const now = useNow(1_000, { enabled: live && run.endedAt === undefined, alignTo: run.startedAt });
  const durationMs = (run.endedAt ?? now) - run.startedAt;
  const exitCode = run.exitCode === undefined || run.exitCode === null ? copy.runLog.notApplicable : String(run.exitCode);

  return (
    <dl className="facts facts--inline">
      <div className="facts__row">
        <dt>{copy.runLog.status}</dt>
        <dd>
          <StatusBadge tone={runStatusTone(run.status)} testId="run-status" live>
            {runStatusLabel(run.status)}
          </StatusBadge>
        </dd>
      </div>
      <div className="facts__row">
        <dt>{copy.runLog.exitCode}</dt>
        <dd className="tabular" data-testid="run-exit-code">
          {exitCode}
        </dd>
      </div>
      {run.signal ? (
        <div className="facts__row">
          <dt>{copy.runLog.signal}</dt>
          <dd data-testid="run-signal">{run.signal}</dd>
        </div>
      ) : null}
      <div className="facts__row">
        <dt>{copy.runLog.duration}</dt>
        <dd className="tabular" data-testid="run-duration">
          {formatDurationMs(durationMs)}
        </dd>
      </div>
      <div className="facts__row">
        <dt>{copy.runLog.startedAt}</dt>
        <dd>{formatDateTime(run.startedAt)}</dd>
      </div>
      {run.supervisor ? (
        <div className="facts__row">
          <dt>{copy.runLog.supervisor}</dt>
          <dd>{run.supervisor.name ?? run.supervisor.subject}</dd>
        </div>
      ) : null}
      {run.reason ? (
        <div className="facts__row facts__row--wide">
          <dt>{copy.runLog.reason}</dt>
          <dd data-testid="run-reason">{run.reason}</dd>
        </div>
      ) : null}
    </dl>
  );
}

function RunLogLines({ runId, connectionEpoch }: { runId: string; connectionEpoch: number }) {
  const { lines, loading, error } = useRunLog(runId, connectionEpoch);
  const firstSeq = lines[0]?.seq ?? 0;
  return (
    <>
      {error ? (
        <p className="card__message card__message--danger" data-testid="run-log-error">
          {error.message}
        </p>
      ) : null}
      {firstSeq > 0 ? <p className="card__hint">{copy.runLog.earlierHidden(lines.length)}</p> : null}
      {lines.length === 0 && !error ? <p className="card__hint">{loading ? copy.runLog.loading : copy.runLog.empty}</p> : null}
      <LogLineList lines={lines} />
    </>
  );
}
