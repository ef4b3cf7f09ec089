import type { LogLine } from '../../app/common/contract.js';

/**
 * The seq of the match after (`direction` 1) or before (-1) the line `fromSeq`, wrapping round at
 * either end; the first or last match when there is no current one; null without matches.
 * Works by seq, not position, so a live log that grows (or a query that changes) keeps the place.
 */
export function stepMatch(matches: readonly LogLine[], fromSeq: number | null, direction: 1 | -1): number | null {
  const first = matches[0];
  const last = matches.at(-1);
  if (first === undefined || last === undefined) return null;
  if (fromSeq === null) return (direction === 1 ? first : last).seq;
  // The first match after fromSeq; the one before it is the last match at or before fromSeq.
  const after = firstIndexAfter(matches, fromSeq);
  if (direction === 1) return (matches[after] ?? first).seq;
  const before = matches[after - 1]?.seq === fromSeq ? after - 2 : after - 1;
  return (matches[before] ?? last).seq;
}

/** The index of the line with `seq` in lines sorted by seq, or -1. */
export function indexOfSeq(lines: readonly LogLine[], seq: number): number {
  const index = firstIndexAfter(lines, seq - 1);
  return lines[index]?.seq === seq ? index : -1;
}

/** The index of the first line whose seq is greater than `seq` (lines.length when none). */
function firstIndexAfter(lines: readonly LogLine[], seq: number): number {
  let low = 0;
  let high = lines.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((lines[middle] as LogLine).seq <= seq) low = middle + 1;
    else high = middle;
  }
  return low;
}
