import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { BotView, RunView } from '../../app/common/contract.js';
import { isLiveRunStatus } from '../../app/common/run-status.js';
import { copy } from '../copy.js';
import { redactionSummary } from '../format/redaction-summary.js';
import { formatDateTime, formatRecentMoment } from '../format/format-date-time.js';
import { runLabel, runStatusTone } from '../format/status-labels.js';
import { gapFreeFromSeq } from '../state/merge-log-lines.js';
import { useRunLog } from '../state/use-run-log.js';
import { ErrorMessage } from './error-message.js';
import { LogViewer } from './log-viewer.js';
import { RunArtifacts } from './run-artifacts.js';
import { RunAgainButton } from './run-again-button.js';
import { RunControls } from './run-controls.js';
import { RunDuration } from './run-duration.js';
import { StatusBadge } from './status-badge.js';

export interface RunDetailProps {
  /** The selected run, or undefined when none is selected. */
  run: RunView | undefined;
  connectionEpoch: number;
  /** What to say when no run is selected. */
  emptyHint?: string;
  /** The bots as they are now, for "Run again"; without them the detail offers no Run again. */
  bots?: readonly BotView[];
  /** A run this detail started (Run again): the screen shows it next. */
  onSelectRun?(run: RunView): void;
  /**
   * Changes each time a run is chosen from a list whose detail may sit below it: focus moves to
   * the detail's heading, so keyboard and screen-reader users land on what they opened.
   */
  focusRequest?: number;
}

/** The selected run's facts (status, exit code, duration, stop reason) and its live log. */
export function RunDetail({ run, connectionEpoch, emptyHint = copy.runLog.noneSelected, bots, onSelectRun, focusRequest }: RunDetailProps) {
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusRequest) headingRef.current?.focus();
  }, [focusRequest]);
  return (
    <section className="panel run-log" aria-labelledby={headingId} data-testid="run-log-panel">
      <h2 ref={headingRef} id={headingId} className="panel__title" tabIndex={-1} data-testid="run-detail-heading">
        {run ? copy.runLog.headingFor(run.botName) : copy.runLog.heading}
      </h2>
      {run ? (
        <>
          <RunFacts run={run} bots={bots} onSelectRun={onSelectRun} />
          <RunArtifacts run={run} connectionEpoch={connectionEpoch} />
          {/* Keyed by run so switching runs starts from an empty log and fresh subscriptions. */}
          <RunLogLines key={run.id} run={run} connectionEpoch={connectionEpoch} />
        </>
      ) : (
        <p className="card__hint">{emptyHint}</p>
      )}
    </section>
  );
}

function RunFacts({ run, bots, onSelectRun }: { run: RunView; bots: readonly BotView[] | undefined; onSelectRun: ((run: RunView) => void) | undefined }) {
  const stopRef = useRef<HTMLButtonElement>(null);
  const runAgainRef = useRef<HTMLButtonElement>(null);
  // After Run again the detail shows the new run: focus follows to its Stop (or Run again, if it
  // has already ended), never back to the top of the page.
  const [startedRunId, setStartedRunId] = useState<string | null>(null);
  const live = isLiveRunStatus(run.status);
  useEffect(() => {
    if (startedRunId === null || run.id !== startedRunId) return;
    setStartedRunId(null);
    (live ? stopRef.current : runAgainRef.current)?.focus();
  }, [startedRunId, run.id, live]);
  // The run's controls go when it ends: focus they held (none is left anywhere) moves to Run again.
  const wasLive = useRef(live);
  useEffect(() => {
    const ended = wasLive.current && !live;
    wasLive.current = live;
    if (ended && (document.activeElement === null || document.activeElement === document.body)) runAgainRef.current?.focus();
  }, [live]);
  const exitCode = run.exitCode === undefined || run.exitCode === null ? copy.runLog.notApplicable : String(run.exitCode);
  const queued = run.status === 'queued';
  return (
    <>
      <dl className="facts facts--inline">
        <div className="facts__row">
          <dt>{copy.runLog.status}</dt>
          <dd>
            <StatusBadge tone={runStatusTone(run.status)} testId="run-status" live>
              {runLabel(run)}
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
        {/* A queued run has not started: its times say how long it has waited, and since when. */}
        <div className="facts__row">
          <dt>{queued ? copy.runLog.queuedFor : copy.runLog.duration}</dt>
          <dd>
            <RunDuration run={run} testId="run-duration" />
          </dd>
        </div>
        <div className="facts__row">
          <dt>{queued ? copy.runLog.queuedAt : copy.runLog.startedAt}</dt>
          <dd data-testid="run-started-at">{formatRecentMoment(run.startedAt, Date.now())}</dd>
        </div>
        {run.pool ? (
          <div className="facts__row">
            <dt>{copy.fleet.worker}</dt>
            <dd data-testid="run-worker">{run.worker ? copy.fleet.workerInPool(run.worker.name, run.pool) : copy.fleet.waitingForWorker(run.pool)}</dd>
          </div>
        ) : null}
        {run.supervisor ? (
          <div className="facts__row">
            <dt>{copy.runLog.supervisor}</dt>
            <dd data-testid="run-supervisor">{run.supervisor.name ?? run.supervisor.subject}</dd>
          </div>
        ) : null}
        {run.reason ? (
          <div className="facts__row facts__row--wide">
            <dt>{copy.runLog.reason}</dt>
            <dd data-testid="run-reason">{run.reason}</dd>
          </div>
        ) : null}
        {run.lastError ? (
          <div className="facts__row facts__row--wide">
            <dt>{copy.runLog.lastError}</dt>
            <dd className="facts__quote" data-testid="run-last-error">
              {run.lastError}
            </dd>
          </div>
        ) : null}
        <div className="facts__row facts__row--wide">
          <dt>{copy.runLog.redactions}</dt>
          <dd data-testid="run-redactions">{redactionSummary(run.redactions)}</dd>
        </div>
      </dl>
      {run.logDeletedAt !== undefined ? (
        <p className="card__hint" data-testid="run-log-deleted">
          {copy.runLog.logDeleted(formatDateTime(run.logDeletedAt))}
        </p>
      ) : null}
      {live ? (
        <RunControls run={run} stopRef={stopRef} />
      ) : bots && onSelectRun ? (
        <div className="actions">
          <RunAgainButton
            run={run}
            bots={bots}
            buttonRef={runAgainRef}
            onStarted={(started) => {
              setStartedRunId(started.id);
              onSelectRun(started);
            }}
          />
        </div>
      ) : null}
    </>
  );
}

function RunLogLines({ run, connectionEpoch }: { run: RunView; connectionEpoch: number }) {
  const { lines, loading, error, heldFromSeq } = useRunLog(run.id, connectionEpoch);
  const firstSeq = lines[0]?.seq ?? 0;
  const lastSeq = lines.at(-1)?.seq;
  const gapFreeFrom = useMemo(() => gapFreeFromSeq(lines), [lines]);
  // A stretch the core had already dropped from memory when the view asked for it. While the
  // run is live a gap is usually still being filled, so only a finished run says so.
  const incomplete = !isLiveRunStatus(run.status) && heldFromSeq !== null && gapFreeFrom > firstSeq && gapFreeFrom <= heldFromSeq;
  return (
    // Where the view's lines run without a gap, for the e2e volume test; `display: contents`.
    <div
      className="run-log__body"
      data-testid="run-log-view"
      data-first-seq={lines.length > 0 ? firstSeq : undefined}
      data-last-seq={lastSeq}
      data-gap-free-from={lines.length > 0 ? gapFreeFrom : undefined}
      data-held-from={heldFromSeq ?? undefined}
    >
      {error ? <ErrorMessage error={error} testId="run-log-error" /> : null}
      {firstSeq > 0 ? <p className="card__hint">{copy.runLog.earlierHidden(lines.length)}</p> : null}
      {incomplete ? (
        <p className="card__hint" data-testid="run-log-incomplete">
          {copy.runLog.earlierIncomplete}
        </p>
      ) : null}
      {lines.length === 0 && !error ? <p className="card__hint">{loading ? copy.runLog.loading : copy.runLog.empty}</p> : null}
      <LogViewer runId={run.id} lines={lines} fileStem={`${run.botId}-${run.id}`} />
    </div>
  );
}
