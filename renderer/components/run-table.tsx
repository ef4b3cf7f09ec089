import { memo } from 'react';
import type { RunView } from '../../app/common/contract.js';
import { copy } from '../copy.js';
import { formatRecentMoment } from '../format/format-date-time.js';
import { runLabel, runStatusTone } from '../format/status-labels.js';
import { RunDuration } from './run-duration.js';
import { StatusBadge } from './status-badge.js';

export interface RunTableProps {
  runs: readonly RunView[];
  selectedRunId: string | null;
  onSelectRun(run: RunView): void;
  /** The filters have changed and the rows have not caught up yet. */
  busy?: boolean;
}

/**
 * The Run history's table: one row per run, its bot a button that opens the run's detail.
 * Memoised: the filters' own render (each keystroke, shown at once) skips it, and only the
 * deferred render with the new rows reaches it (RunsScreen).
 */
export const RunTable = memo(function RunTable({ runs, selectedRunId, onSelectRun, busy = false }: RunTableProps) {
  const columns = copy.history.columns;
  // One "now" for every row of this render: whether a start is today is decided once.
  const now = Date.now();
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={copy.history.heading} aria-busy={busy || undefined} data-testid="history-table-wrap">
      {/* Explicit roles: below 760 px the rows stack (styles.css), and table semantics must survive the change of display. */}
      <table className="table table--stacks" role="table" data-testid="history-table">
        <thead role="rowgroup">
          <tr role="row">
            <th scope="col" role="columnheader">{columns.bot}</th>
            <th scope="col" role="columnheader">{columns.status}</th>
            <th scope="col" role="columnheader">{columns.started}</th>
            <th scope="col" role="columnheader">{columns.duration}</th>
            <th scope="col" role="columnheader">{columns.supervisor}</th>
            <th scope="col" role="columnheader">{columns.exitCode}</th>
            <th scope="col" role="columnheader">{columns.reason}</th>
          </tr>
        </thead>
        <tbody role="rowgroup">
          {runs.map((run) => (
            <RunRow key={run.id} run={run} selected={run.id === selectedRunId} started={formatRecentMoment(run.startedAt, now)} onSelectRun={onSelectRun} />
          ))}
        </tbody>
      </table>
    </div>
  );
});

/**
 * Memoised: with a week's runs loaded, a keystroke in Search or a new state snapshot must not
 * render a thousand unchanged rows again.
 */
const RunRow = memo(function RunRow({ run, selected, started, onSelectRun }: { run: RunView; selected: boolean; started: string; onSelectRun(run: RunView): void }) {
  const columns = copy.history.columns;
  return (
    <tr role="row" className={selected ? 'table__row--selected' : undefined} data-testid={`history-row-${run.id}`} aria-current={selected ? 'true' : undefined}>
      <th scope="row" role="rowheader">
        <button type="button" className="button button--link" onClick={() => onSelectRun(run)} aria-label={copy.history.open(run.botName, started)} data-run-open={run.id}>
          {run.botName}
        </button>
        {run.worker ? <span className="card__hint" data-testid={`history-worker-${run.id}`}> {copy.fleet.onWorker(run.worker.name)}</span> : null}
      </th>
      <td role="cell" data-label={columns.status}>
        <StatusBadge tone={runStatusTone(run.status)}>{runLabel(run)}</StatusBadge>
      </td>
      {/* To the second, and only the time for today's runs: several start within a minute. */}
      <td role="cell" data-label={columns.started} className="nowrap">
        {started}
      </td>
      <td role="cell" data-label={columns.duration}>
        <RunDuration run={run} />
      </td>
      <td role="cell" data-label={columns.supervisor}>{run.supervisor ? (run.supervisor.name ?? run.supervisor.subject) : copy.runLog.notApplicable}</td>
      <td role="cell" data-label={columns.exitCode} className="tabular">{run.exitCode === undefined || run.exitCode === null ? copy.runLog.notApplicable : run.exitCode}</td>
      <td role="cell" data-label={columns.reason} className="table__reason" data-testid={`history-reason-${run.id}`}>
        {run.reason ?? (run.lastError ? null : copy.runLog.notApplicable)}
        {/* Why a failed run failed, in the bot's words: "exited with code 3" alone does not say. */}
        {run.lastError ? (
          <span className="table__last-error" data-testid={`history-last-error-${run.id}`}>
            <span className="visually-hidden">{copy.history.lastErrorPrefix} </span>
            {run.lastError}
          </span>
        ) : null}
      </td>
    </tr>
  );
});
