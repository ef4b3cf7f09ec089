import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { RunView, SupervisorState } from '../../app/common/contract.js';
import { ErrorMessage } from '../components/error-message.js';
import { FormField } from '../components/form-field.js';
import { RunDetail } from '../components/run-detail.js';
import { RunDuration } from '../components/run-duration.js';
import { StatusBadge } from '../components/status-badge.js';
import { copy } from '../copy.js';
import { emptyRunFilter, filterRuns, isFilterActive, mergeRuns, runOutcomeFilters, type RunFilter, type RunOutcomeFilter } from '../format/filter-runs.js';
import { formatRecentMoment } from '../format/format-date-time.js';
import { runLabel, runStatusTone } from '../format/status-labels.js';
import { useRunHistory } from '../state/use-run-history.js';

export interface RunsScreenProps {
  state: SupervisorState;
  selectedRun: RunView | undefined;
  connectionEpoch: number;
  onSelectRun(run: RunView): void;
}

/** Every past run, filterable by bot, outcome and text, with the chosen run's detail and log. */
export function RunsScreen({ state, selectedRun, connectionEpoch, onSelectRun }: RunsScreenProps) {
  const headingId = useId();
  const [filter, setFilter] = useState<RunFilter>(emptyRunFilter);
  // Choosing a run from the table moves focus to its detail: beside the table on wide screens,
  // below it (and scrolled into view by the focus) on narrower ones.
  const [focusRequest, setFocusRequest] = useState(0);
  const openRun = (run: RunView) => {
    onSelectRun(run);
    setFocusRequest((count) => count + 1);
  };
  // A run starting, ending or changing status re-reads the history.
  const refreshKey = state.runs.map((run) => `${run.id}:${run.status}`).join(',');
  const history = useRunHistory(filter.botId, refreshKey);
  const fromState = filter.botId === '' ? state.runs : state.runs.filter((run) => run.botId === filter.botId);
  const all = useMemo(() => mergeRuns(history.runs, fromState), [history.runs, fromState]);
  const shown = useMemo(() => filterRuns(all, filter), [all, filter]);
  // After "Load older runs", keyboard users carry on from the first older run the filters show;
  // if they show none, focus stays on the button, or moves to the count once there is nothing older.
  const panelRef = useRef<HTMLElement>(null);
  const [focusAfterLoad, setFocusAfterLoad] = useState<{ runId: string | null; request: number } | null>(null);
  const focusedAfterLoad = useRef(0);
  const loadOlder = () => {
    void history.loadOlder().then(({ added, hasOlder }) => {
      const first = filterRuns(added, filter)[0];
      if (first || !hasOlder) setFocusAfterLoad((previous) => ({ runId: first?.id ?? null, request: (previous?.request ?? 0) + 1 }));
    });
  };
  useEffect(() => {
    if (focusAfterLoad === null || focusedAfterLoad.current === focusAfterLoad.request) return;
    const { runId } = focusAfterLoad;
    const target = panelRef.current?.querySelector<HTMLElement>(runId === null ? '[data-testid="history-count"]' : `[data-run-open="${CSS.escape(runId)}"]`);
    if (!target) return;
    target.focus();
    focusedAfterLoad.current = focusAfterLoad.request;
  }, [focusAfterLoad, shown]);
  const bots = useMemo(() => {
    const names = new Map<string, string>();
    for (const bot of state.bots) names.set(bot.id, bot.name);
    for (const run of all) if (!names.has(run.botId)) names.set(run.botId, run.botName);
    return [...names].sort((a, b) => a[1].localeCompare(b[1], 'en-GB'));
  }, [state.bots, all]);

  return (
    <div className="layout layout--history">
      <section className="panel" aria-labelledby={headingId} ref={panelRef}>
        <h2 id={headingId} className="panel__title">
          {copy.history.heading}
        </h2>
        <fieldset className="filters">
          <legend className="visually-hidden">{copy.history.filtersLabel}</legend>
          <FormField label={copy.history.bot}>
            {(control) => (
              <select {...control} className="input" value={filter.botId} onChange={(event) => setFilter({ ...filter, botId: event.target.value })} data-testid="history-bot">
                <option value="">{copy.history.allBots}</option>
                {bots.map(([id, name]) => (
                  <option key={id} value={id}>
                    {name}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          <FormField label={copy.history.outcome}>
            {(control) => (
              <select
                {...control}
                className="input"
                value={filter.outcome}
                onChange={(event) => setFilter({ ...filter, outcome: event.target.value as RunOutcomeFilter })}
                data-testid="history-outcome"
              >
                {runOutcomeFilters.map((outcome) => (
                  <option key={outcome} value={outcome}>
                    {copy.history.outcomes[outcome]}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          <FormField label={copy.history.search} hint={copy.history.searchHint}>
            {(control) => (
              <input {...control} type="search" className="input" value={filter.text} onChange={(event) => setFilter({ ...filter, text: event.target.value })} data-testid="history-search" />
            )}
          </FormField>
          {isFilterActive(filter) ? (
            <div className="filters__clear">
              <button type="button" className="button" onClick={() => setFilter(emptyRunFilter)}>
                {copy.history.clearFilters}
              </button>
            </div>
          ) : null}
        </fieldset>
        <p role="status" className="card__hint" data-testid="history-count" tabIndex={-1}>
          {history.loading && all.length === 0 ? copy.history.loading : copy.history.count(shown.length, all.length, history.hasOlder)}
        </p>
        {history.error ? <ErrorMessage error={history.error} /> : null}
        {!history.loading && all.length === 0 ? (
          <p className="card__hint empty-state">{copy.history.none}</p>
        ) : shown.length === 0 && all.length > 0 ? (
          <p className="card__hint empty-state">{history.hasOlder ? copy.history.noMatchLoaded : copy.history.noMatch}</p>
        ) : (
          <RunTable runs={shown} selectedRunId={selectedRun?.id ?? null} onSelectRun={openRun} />
        )}
        {history.hasOlder ? (
          <div className="actions">
            {/* Stays focusable while it loads (aria-disabled, not disabled), so focus is not dropped. */}
            <button type="button" className="button" onClick={loadOlder} aria-disabled={history.loadingOlder} data-testid="history-older">
              {history.loadingOlder ? copy.history.loadingOlder : copy.history.loadOlder}
            </button>
          </div>
        ) : null}
      </section>
      <div className="layout__column">
        <RunDetail run={selectedRun} connectionEpoch={connectionEpoch} emptyHint={copy.history.selectHint} bots={state.bots} onSelectRun={onSelectRun} focusRequest={focusRequest} />
      </div>
    </div>
  );
}

function RunTable({ runs, selectedRunId, onSelectRun }: { runs: readonly RunView[]; selectedRunId: string | null; onSelectRun(run: RunView): void }) {
  const columns = copy.history.columns;
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={copy.history.heading}>
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
          {runs.map((run) => {
            // To the second, and only the time for today's runs: several start within a minute.
            const started = formatRecentMoment(run.startedAt, Date.now());
            return (
              <tr role="row" key={run.id} className={run.id === selectedRunId ? 'table__row--selected' : undefined} data-testid={`history-row-${run.id}`} aria-current={run.id === selectedRunId ? 'true' : undefined}>
                <th scope="row" role="rowheader">
                  <button type="button" className="button button--link" onClick={() => onSelectRun(run)} aria-label={copy.history.open(run.botName, started)} data-run-open={run.id}>
                    {run.botName}
                  </button>
                  {run.worker ? <span className="card__hint" data-testid={`history-worker-${run.id}`}> {copy.fleet.onWorker(run.worker.name)}</span> : null}
                </th>
                <td role="cell" data-label={columns.status}>
                  <StatusBadge tone={runStatusTone(run.status)}>{runLabel(run)}</StatusBadge>
                </td>
                <td role="cell" data-label={columns.started} className="nowrap">
                  {started}
                </td>
                <td role="cell" data-label={columns.duration}>
                  <RunDuration run={run} />
                </td>
                <td role="cell" data-label={columns.supervisor}>{run.supervisor ? (run.supervisor.name ?? run.supervisor.subject) : copy.runLog.notApplicable}</td>
                <td role="cell" data-label={columns.exitCode} className="tabular">{run.exitCode === undefined || run.exitCode === null ? copy.runLog.notApplicable : run.exitCode}</td>
                <td role="cell" data-label={columns.reason} className="table__reason" data-testid={`history-reason-${run.id}`}>
                  {run.reason ?? copy.runLog.notApplicable}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
