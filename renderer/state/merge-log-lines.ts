import type { LogLine } from '../../app/contract.js';

/** How many lines the run log keeps on screen until it is virtualised. */
export const maxLogLinesInMemory = 5_000;

/**
 * Merges new lines into a run's log, ordered by `seq`, dropping duplicates and keeping only the
 * newest `maxLines`. Duplicates are normal: the initial `readLog` page and live `log` events
 * overlap, and a reconnect re-reads from the last line seen. Returns `existing` unchanged (same
 * reference) when nothing is new, so React can skip a render.
 */
export function mergeLogLines(
  existing: readonly LogLine[],
  incoming: readonly LogLine[],
  maxLines: number = maxLogLinesInMemory,
): readonly LogLine[] {
  if (incoming.length === 0) return existing;
  const lastSeq = existing.at(-1)?.seq ?? -1;

  let merged: LogLine[];
  if (isStrictlyAscendingAfter(incoming, lastSeq)) {
    // The common case: live lines arrive in order after everything we have.
    merged = existing.concat(incoming);
  } else {
    const bySeq = new Map<number, LogLine>();
    for (const line of existing) bySeq.set(line.seq, line);
    let added = false;
    for (const line of incoming) {
      if (!bySeq.has(line.seq)) {
        bySeq.set(line.seq, line);
        added = true;
      }
    }
    if (!added) return existing;
    merged = [...bySeq.values()].sort((a, b) => a.seq - b.seq);
  }
  return merged.length > maxLines ? merged.slice(merged.length - maxLines) : merged;
}

function isStrictlyAscendingAfter(lines: readonly LogLine[], afterSeq: number): boolean {
  let previous = afterSeq;
  for (const line of lines) {
    if (line.seq <= previous) return false;
    previous = line.seq;
  }
  return true;
}
