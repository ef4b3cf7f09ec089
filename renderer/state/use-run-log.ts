import { useEffect, useRef, useState } from 'react';
import type { ErrorView, LogLine } from '../../app/contract.js';
import { toErrorView } from '../format/to-error-view.js';
import { maxLogLinesInMemory, mergeLogLines } from './merge-log-lines.js';
import { useSupervisor } from './supervisor-context.js';

export interface RunLogState {
  lines: readonly LogLine[];
  loading: boolean;
  error: ErrorView | null;
}

/** Bounds the initial read: enough pages to reach the tail of any log we would keep anyway. */
const pageLimit = 5_000;
const maxPages = 40;

/**
 * One run's log: pages already written (`readLog`) merged with live `log` events, deduplicated
 * by `seq`. Live events are subscribed before the first read so no line falls in the gap.
 * When the connection reopens (`connectionEpoch` changes) it reads on from the last line it has,
 * because events sent while disconnected are lost.
 *
 * Mount it under `key={runId}` so a different run starts from an empty log.
 */
export function useRunLog(runId: string, connectionEpoch: number): RunLogState {
  const { api } = useSupervisor();
  const [lines, setLines] = useState<readonly LogLine[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ErrorView | null>(null);
  const lastSeqRef = useRef<number | null>(null);

  useEffect(() => {
    lastSeqRef.current = lines.at(-1)?.seq ?? null;
  }, [lines]);

  useEffect(() => {
    const subscription = api.on('log', (batch) => {
      if (batch.runId === runId) setLines((previous) => mergeLogLines(previous, batch.lines));
    });
    return () => subscription.dispose();
  }, [api, runId]);

  useEffect(() => {
    let cancelled = false;
    const readAll = async () => {
      let fromSeq = lastSeqRef.current === null ? undefined : lastSeqRef.current + 1;
      for (let page = 0; page < maxPages; page++) {
        const result = await api.invoke('readLog', fromSeq === undefined ? { runId, limit: pageLimit } : { runId, fromSeq, limit: pageLimit });
        if (cancelled) return;
        setLines((previous) => mergeLogLines(previous, result.lines, maxLogLinesInMemory));
        if (result.nextSeq === null || result.lines.length === 0) break;
        fromSeq = result.nextSeq;
      }
    };
    readAll().then(
      () => {
        if (cancelled) return;
        setError(null);
        setLoading(false);
      },
      (failure: unknown) => {
        if (cancelled) return;
        setError(toErrorView(failure));
        setLoading(false);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [api, runId, connectionEpoch]);

  return { lines, loading, error };
}
