import { useEffect, useState } from 'react';
import type { ErrorView, RunView } from '../../app/common/contract.js';
import { toErrorView } from '../../app/common/error-view.js';
import { useSupervisor } from './supervisor-context.js';

/** Longer than the snapshot's 200 runs, which is what makes a history screen worth having. */
const historyLimit = 1_000;

export interface RunHistoryState {
  runs: readonly RunView[];
  loading: boolean;
  error: ErrorView | null;
}

/**
 * Past runs from `listRuns`, for one bot or all. Re-read when `refreshKey` changes (a run
 * started or ended), so the list never lags the snapshot by more than one answer.
 */
export function useRunHistory(botId: string, refreshKey: string): RunHistoryState {
  const { api } = useSupervisor();
  const [state, setState] = useState<RunHistoryState>({ runs: [], loading: true, error: null });
  useEffect(() => {
    let cancelled = false;
    setState((previous) => ({ ...previous, loading: true }));
    api.invoke('listRuns', botId === '' ? { limit: historyLimit } : { botId, limit: historyLimit }).then(
      (runs) => {
        if (!cancelled) setState({ runs, loading: false, error: null });
      },
      (error: unknown) => {
        if (!cancelled) setState((previous) => ({ ...previous, loading: false, error: toErrorView(error, 'unexpected') }));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [api, botId, refreshKey]);
  return state;
}
