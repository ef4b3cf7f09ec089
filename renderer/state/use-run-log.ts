import { useEffect, useRef, useState } from 'react';
import type { ErrorView, LogLine } from '../../app/common/contract.js';
import { toErrorView } from '../../app/common/error-view.js';
import { followRunLog } from './follow-run-log.js';
import { findFirstGap, maxLogLinesInMemory, mergeLogLines } from './merge-log-lines.js';
import { useSupervisor } from './supervisor-context.js';

export interface RunLogState {
  lines: readonly LogLine[];
  loading: boolean;
  error: ErrorView | null;
  /**
   * The oldest line the core said it still holds in memory (`LogPage.firstSeq`), or null before
   * the first page. Lines missing before it can no longer be paged in; the log file has them.
   */
  heldFromSeq: number | null;
}

/** Bounds each read: the core answers at most 5,000 lines a page. */
const pageLimit = 5_000;
const maxPages = 40;

/**
 * One run's log: pages already written (`readLog`) merged with live `log` events, deduplicated
 * by `seq`. The core sends live lines only for followed runs (`followLogs`), so the view listens,
 * then follows, then reads: no line falls in the gap.
 * The first read starts at the oldest line the core holds, so the view shows all of it.
 * When the connection reopens (`connectionEpoch` changes) it reads on from the last line it has,
 * because events sent while disconnected are lost. When a flood outruns the core's live batches
 * (it skips the oldest pending lines), the missing stretch is paged back in from the ring buffer,
 * gap after gap, until none is left that the ring still holds. The ring keeps only a run's newest
 * lines, so a gap it has already dropped stays (the view says so and points to Download full
 * log, which reads the run's files: they have every line).
 *
 * Mount it under `key={runId}` so a different run starts from an empty log.
 */
export function useRunLog(runId: string, connectionEpoch: number): RunLogState {
  const { api } = useSupervisor();
  const [lines, setLines] = useState<readonly LogLine[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ErrorView | null>(null);
  const [heldFromSeq, setHeldFromSeq] = useState<number | null>(null);
  const lastSeqRef = useRef<number | null>(null);
  // Gaps at or below this seq were already asked for (the ring may no longer hold them).
  const gapFloorRef = useRef(-1);
  const fillingRef = useRef(false);

  useEffect(() => {
    lastSeqRef.current = lines.at(-1)?.seq ?? null;
  }, [lines]);

  // The ring only ever moves forward; an older answer must not pull it back.
  const noteHeldFrom = (firstSeq: number) => setHeldFromSeq((previous) => (previous === null ? firstSeq : Math.max(previous, firstSeq)));

  useEffect(() => {
    const subscription = api.on('log', (batch) => {
      if (batch.runId === runId) setLines((previous) => mergeLogLines(previous, batch.lines, maxLogLinesInMemory));
    });
    return () => subscription.dispose();
  }, [api, runId]);

  useEffect(() => {
    let cancelled = false;
    // Followed again on every reconnect: a new connection follows nothing.
    const follow = followRunLog(api, runId);
    const readAll = async () => {
      await follow.ready;
      if (cancelled) return;
      // From 0 the core answers from the oldest line it still holds. Live lines that arrived
      // first leave a gap before them, which the gap filler below pages in.
      let fromSeq = lastSeqRef.current === null ? 0 : lastSeqRef.current + 1;
      for (let page = 0; page < maxPages; page++) {
        const result = await api.invoke('readLog', { runId, fromSeq, limit: pageLimit });
        if (cancelled) return;
        noteHeldFrom(result.firstSeq);
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
        setError(toErrorView(failure, 'unexpected'));
        setLoading(false);
      },
    );
    return () => {
      cancelled = true;
      follow.dispose();
    };
  }, [api, runId, connectionEpoch]);

  useEffect(() => {
    if (fillingRef.current) return;
    const gap = findFirstGap(lines, gapFloorRef.current, heldFromSeq ?? undefined);
    if (!gap) return;
    // One page from the gap onwards also covers the gaps after it: a flood leaves many small
    // ones, and the ring buffer only keeps the newest lines, so round trips must be few.
    const lastSeq = lines.at(-1)?.seq ?? gap.fromSeq;
    const limit = Math.max(1, Math.min(lastSeq - gap.fromSeq, pageLimit));
    gapFloorRef.current = gap.fromSeq + limit - 1;
    fillingRef.current = true;
    api.invoke('readLog', { runId, fromSeq: gap.fromSeq, limit }).then(
      (page) => {
        fillingRef.current = false;
        noteHeldFrom(page.firstSeq);
        // Always a new array from here on, so the effect runs again for the next gap.
        setLines((previous) => {
          const merged = mergeLogLines(previous, page.lines, maxLogLinesInMemory);
          return merged === previous ? [...previous] : merged;
        });
      },
      () => {
        // A missing stretch is cosmetic; the live log goes on.
        fillingRef.current = false;
      },
    );
  }, [api, runId, lines, heldFromSeq]);

  return { lines, loading, error, heldFromSeq };
}
