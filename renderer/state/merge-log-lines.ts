import type { LogLine } from '../../app/common/contract.js';

/**
 * How many lines a run log keeps in the page. The list is virtualised, so this bounds memory
 * (roughly 100 bytes a line), not rendering: a quarter of a million lines stays smooth.
 */
export const maxLogLinesInMemory = 250_000;

/**
 * Merges new lines into a run's log, ordered by `seq`, dropping duplicates and keeping only the
 * newest `maxLines`. Duplicates are normal: the initial `readLog` page and live `log` events
 * overlap, a reconnect re-reads from the last line seen, and a gap is filled by a late page.
 * Returns `existing` unchanged (same reference) when nothing is new, so React can skip a render.
 *
 * Both inputs are sorted, so out-of-order input is a linear merge, never a sort of the whole log.
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
    const sorted = isStrictlyAscendingAfter(incoming, -1) ? incoming : [...incoming].sort((a, b) => a.seq - b.seq);
    merged = [];
    let added = false;
    let i = 0;
    let j = 0;
    while (i < existing.length || j < sorted.length) {
      const mine = existing[i];
      const theirs = sorted[j];
      if (theirs === undefined || (mine !== undefined && mine.seq <= theirs.seq)) {
        merged.push(mine as LogLine);
        i++;
        // The first copy of a seq wins; skip the incoming duplicate.
        if (theirs !== undefined && mine !== undefined && mine.seq === theirs.seq) j++;
      } else {
        if (merged.at(-1)?.seq !== theirs.seq) {
          merged.push(theirs);
          added = true;
        }
        j++;
      }
    }
    if (!added) return existing;
  }
  return merged.length > maxLines ? merged.slice(merged.length - maxLines) : merged;
}

/**
 * The first missing stretch of sequence numbers after `afterSeq`, or null when the lines are
 * contiguous. The core skips the oldest pending lines of a flood in its live batches; the view
 * pages them back in from the ring buffer.
 *
 * `heldFromSeq` is the oldest line the core still holds (`LogPage.firstSeq`): lines between it
 * and the first line the view has are missing too (live lines can arrive before the first page).
 */
export function findFirstGap(lines: readonly LogLine[], afterSeq = -1, heldFromSeq?: number): { fromSeq: number; count: number } | null {
  const first = lines[0];
  if (first !== undefined && heldFromSeq !== undefined) {
    const fromSeq = Math.max(heldFromSeq, afterSeq + 1);
    if (first.seq > fromSeq) return { fromSeq, count: first.seq - fromSeq };
  }
  let previous: number | undefined;
  for (const line of lines) {
    if (previous !== undefined && line.seq > previous + 1 && line.seq > afterSeq) {
      const fromSeq = Math.max(previous + 1, afterSeq + 1);
      if (line.seq > fromSeq) return { fromSeq, count: line.seq - fromSeq };
    }
    previous = line.seq;
  }
  return null;
}

/**
 * The sequence number from which the lines run without a gap to the last one (the first line's
 * seq when there is no gap; 0 for an empty log). Everything before it is incomplete here, though
 * the run's log file has it.
 */
export function gapFreeFromSeq(lines: readonly LogLine[]): number {
  let index = lines.length - 1;
  while (index > 0 && (lines[index - 1] as LogLine).seq === (lines[index] as LogLine).seq - 1) index--;
  return lines[index]?.seq ?? 0;
}

function isStrictlyAscendingAfter(lines: readonly LogLine[], afterSeq: number): boolean {
  let previous = afterSeq;
  for (const line of lines) {
    if (line.seq <= previous) return false;
    previous = line.seq;
  }
  return true;
}
