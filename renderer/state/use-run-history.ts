import { useCallback, useEffect, useState } from 'react';
import type { ErrorView, RunView } from '../../app/common/contract.js';
import { toErrorView } from '../../app/common/error-view.js';
import { olderCursor, runHistoryPageSize, withNewestPage, withOlderPage, type RunHistoryPages } from './run-history-pages.js';
import { useSupervisor } from './supervisor-context.js';

export interface RunHistoryState extends RunHistoryPages {
  loading: boolean;
  loadingOlder: boolean;
  error: ErrorView | null;
}

interface Loaded extends RunHistoryState {
  /** The bot the runs are of ('' for all): a new choice starts from the newest page. */
  botId: string;
}

export interface OlderPage {
  added: readonly RunView[];
  hasOlder: boolean;
}

const empty = (botId: string): Loaded => ({ botId, runs: [], hasOlder: false, loading: true, loadingOlder: false, error: null });

/**
 * Past runs from `listRuns`, for one bot or all, a page at a time back through the run archive.
 * The newest page is re-read when `refreshKey` changes (a run started or ended), so the list
 * never lags the snapshot by more than one answer; older pages loaded stay. `loadOlder` resolves
 * to the runs it added (none if it failed) and whether still older ones exist.
 */
export function useRunHistory(botId: string, refreshKey: string): RunHistoryState & { loadOlder(): Promise<OlderPage> } {
  const { api } = useSupervisor();
  const [state, setState] = useState<Loaded>(() => empty(botId));

  useEffect(() => {
    let cancelled = false;
    setState((previous) => (previous.botId === botId ? { ...previous, loading: true } : empty(botId)));
    api.invoke('listRuns', { ...(botId === '' ? {} : { botId }), limit: runHistoryPageSize + 1 }).then(
      (answer) => {
        if (!cancelled) setState((previous) => ({ ...previous, ...withNewestPage(previous.botId === botId ? previous : undefined, answer), botId, loading: false, error: null }));
      },
      (error: unknown) => {
        if (!cancelled) setState((previous) => ({ ...previous, loading: false, error: toErrorView(error, 'unexpected') }));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [api, botId, refreshKey]);

  const loadOlder = useCallback(async (): Promise<OlderPage> => {
    const before = olderCursor(state);
    if (before === undefined || state.loadingOlder || state.botId !== botId) return { added: [], hasOlder: state.hasOlder };
    setState((previous) => ({ ...previous, loadingOlder: true }));
    try {
      const answer = await api.invoke('listRuns', { ...(botId === '' ? {} : { botId }), before, limit: runHistoryPageSize + 1 });
      setState((previous) => (previous.botId === botId ? { ...previous, ...withOlderPage(previous, before, answer), loadingOlder: false, error: null } : previous));
      return { added: answer.slice(0, runHistoryPageSize), hasOlder: answer.length > runHistoryPageSize };
    } catch (error) {
      setState((previous) => ({ ...previous, loadingOlder: false, error: toErrorView(error, 'unexpected') }));
      return { added: [], hasOlder: true };
    }
  }, [api, botId, state]);

  return { runs: state.runs, hasOlder: state.hasOlder, loading: state.loading, loadingOlder: state.loadingOlder, error: state.error, loadOlder };
}
