import { useCallback, useDeferredValue, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { RunView, SupervisorState } from '../../app/common/contract.js';
import { ErrorMessage } from '../components/error-message.js';
import { RunDetail } from '../components/run-detail.js';
import { RunFilters } from '../components/run-filters.js';
import { RunTable } from '../components/run-table.js';
import { RunsExport } from '../components/runs-export.js';
import { copy } from '../copy.js';
import { filterRuns, mergeRuns, type RunFilter } from '../format/filter-runs.js';
import { formatDateTime } from '../format/format-date-time.js';
import { isInRange, runDateRange } from '../format/run-date-range.js';
import { useRunHistory } from '../state/use-run-history.js';

export interface RunsScreenProps {
  state: SupervisorState;
  selectedRun: RunView | undefined;
  connectionEpoch: number;
  onSelectRun(run: RunView): void;
  /** Held by the App, so the filters outlive a visit to another section (docs/ui.md). */
  filter: RunFilter;
  onFilterChange(filter: RunFilter): void;
}

/** The count of runs shown: where the Overview's Today links leave keyboard focus. */
export const historyCountId = 'run-history-count';

/** Every past run, filterable by bot, outcome, dates and text, with the chosen run's detail and log. */
export function RunsScreen({ state, selectedRun, connectionEpoch, onSelectRun, filter, onFilterChange }: RunsScreenProps) {
  const headingId = useId();
  // Choosing a run from the table moves focus to its detail: beside the table on wide screens,
  // below it (and scrolled into view by the focus) on narrower ones.
  const [focusRequest, setFocusRequest] = useState(0);
  const openRun = useCallback(
    (run: RunView) => {
      onSelectRun(run);
      setFocusRequest((count) => count + 1);
    },
    [onSelectRun],
  );
  // A run starting, ending or changing status re-reads the history.
  const refreshKey = state.runs.map((run) => `${run.id}:${run.status}`).join(',');
  // The filters echo each keystroke at once; the list follows in an interruptible render, so with
  // a week of runs loaded typing is not held up by a thousand rows coming and going.
  const listed = useDeferredValue(filter);
  const stale = listed !== filter;
  const history = useRunHistory(listed.botId, refreshKey);
  const all = useMemo(() => mergeRuns(history.runs, listed.botId === '' ? state.runs : state.runs.filter((run) => run.botId === listed.botId)), [history.runs, state.runs, listed.botId]);
  const shown = useMemo(() => filterRuns(all, listed), [all, listed]);
  const range = useMemo(() => runDateRange(listed.from, listed.to), [listed.from, listed.to]);
  // With From (or only To) set, the runs of those days are fetched, a page at a time, without
  // "Load older runs": a filter must not quietly leave out the runs it asks for.
  const oldest = history.runs.at(-1);
  const reachBackTo = range.fromAt ?? range.untilAt;
  const lookingBack = reachBackTo !== undefined && history.hasOlder && oldest !== undefined && oldest.startedAt >= reachBackTo && history.error === null;
  const { loadOlder: loadOlderPage, loadingOlder } = history;
  useEffect(() => {
    if (lookingBack && !loadingOlder) void loadOlderPage();
  }, [lookingBack, loadingOlder, loadOlderPage]);
  // Older runs than those loaded could still match unless From is set and reached.
  const more = history.hasOlder && range.fromAt === undefined;
  const inRange = useMemo(() => (range.fromAt === undefined && range.untilAt === undefined ? all : all.filter((run) => isInRange(run.startedAt, range))), [all, range]);
  // After "Load older runs", keyboard users carry on from the first older run the filters show;
  // if they show none, focus stays on the button, or moves to the count once there is nothing older.
  const panelRef = useRef<HTMLElement>(null);
  const [focusAfterLoad, setFocusAfterLoad] = useState<{ runId: string | null; request: number } | null>(null);
  const focusedAfterLoad = useRef(0);
  const loadOlder = () => {
    void history.loadOlder().then(({ added, hasOlder }) => {
      const first = filterRuns(added, listed)[0];
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
  const countText =
    history.loading && all.length === 0
      ? copy.history.loading
      : lookingBack && reachBackTo !== undefined
        ? copy.history.lookingBack(formatDateTime(reachBackTo))
        : copy.history.count(shown.length, inRange.length, more);

  return (
    <div className="layout layout--history">
      <section className="panel" aria-labelledby={headingId} ref={panelRef}>
        <h2 id={headingId} className="panel__title">
          {copy.history.heading}
        </h2>
        <RunFilters filter={filter} onChange={onFilterChange} bots={bots} />
        <p role="status" className="card__hint" id={historyCountId} data-testid="history-count" tabIndex={-1}>
          {countText}
        </p>
        {history.error ? <ErrorMessage error={history.error} /> : null}
        {!history.loading && all.length === 0 ? (
          <p className="card__hint empty-state">{copy.history.none}</p>
        ) : shown.length === 0 && all.length > 0 ? (
          lookingBack ? null : <p className="card__hint empty-state">{more ? copy.history.noMatchLoaded : copy.history.noMatch}</p>
        ) : (
          <>
            <RunsExport runs={shown} />
            <RunTable runs={shown} selectedRunId={selectedRun?.id ?? null} onSelectRun={openRun} busy={stale} />
          </>
        )}
        {more ? (
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
