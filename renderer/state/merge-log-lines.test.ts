import { describe, expect, it } from 'vitest';
import type { LogLine } from '../../app/common/contract.js';
import { findFirstGap, gapFreeFromSeq, mergeLogLines } from './merge-log-lines.js';

function lines(...seqs: number[]): LogLine[] {
  return seqs.map((seq) => ({ seq, at: 1_000 + seq, stream: 'stdout', text: `line ${seq}` }));
}

const seqs = (log: readonly LogLine[]) => log.map((line) => line.seq);

describe('mergeLogLines', () => {
  it('appends lines that follow the tail', () => {
    expect(seqs(mergeLogLines(lines(0, 1), lines(2, 3)))).toEqual([0, 1, 2, 3]);
  });

  it('drops lines it already has (page and live events overlap)', () => {
    expect(seqs(mergeLogLines(lines(0, 1, 2), lines(1, 2, 3)))).toEqual([0, 1, 2, 3]);
  });

  it('places a late page before live lines that arrived first', () => {
    expect(seqs(mergeLogLines(lines(5, 6), lines(0, 1, 2, 3, 4)))).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('returns the same array when nothing is new, so React can skip a render', () => {
    const existing = lines(0, 1);
    expect(mergeLogLines(existing, lines(0, 1))).toBe(existing);
    expect(mergeLogLines(existing, [])).toBe(existing);
  });

  it('keeps only the newest lines beyond the limit', () => {
    expect(seqs(mergeLogLines(lines(0, 1, 2), lines(3, 4), 3))).toEqual([2, 3, 4]);
    expect(seqs(mergeLogLines(lines(3, 4), lines(0, 1, 2), 3))).toEqual([2, 3, 4]);
  });

  it('keeps the first copy of a duplicated seq', () => {
    const [first] = mergeLogLines(lines(0), [{ seq: 0, at: 0, stream: 'stderr', text: 'other' }]);
    expect(first?.text).toBe('line 0');
  });
});

describe('mergeLogLines with large and unordered input', () => {
  it('merges an unsorted batch in order without duplicates', () => {
    expect(seqs(mergeLogLines(lines(0, 2, 4), lines(5, 3, 1, 2)))).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('fills a gap in the middle of a long log', () => {
    const existing = mergeLogLines([], [...lines(...range(0, 50_000)), ...lines(...range(60_000, 100_000))]);
    const filled = mergeLogLines(existing, lines(...range(50_000, 60_000)));
    expect(filled).toHaveLength(100_000);
    expect(filled.every((line, index) => line.seq === index)).toBe(true);
  });
});

describe('findFirstGap', () => {
  it('finds the first missing stretch', () => {
    expect(findFirstGap(lines(0, 1, 5, 6, 9))).toEqual({ fromSeq: 2, count: 3 });
  });

  it('ignores gaps at or before afterSeq', () => {
    expect(findFirstGap(lines(0, 1, 5, 6, 9), 5)).toEqual({ fromSeq: 7, count: 2 });
  });

  it('reports null for contiguous lines', () => {
    expect(findFirstGap(lines(3, 4, 5))).toBeNull();
    expect(findFirstGap([])).toBeNull();
  });

  it('finds lines missing before the first one while the core still holds them', () => {
    expect(findFirstGap(lines(500, 501), -1, 0)).toEqual({ fromSeq: 0, count: 500 });
    expect(findFirstGap(lines(500, 501), -1, 200)).toEqual({ fromSeq: 200, count: 300 });
  });

  it('does not ask again for a head already asked for, or for lines the core no longer holds', () => {
    expect(findFirstGap(lines(500, 501), 499, 0)).toBeNull();
    expect(findFirstGap(lines(500, 501), -1, 500)).toBeNull();
    expect(findFirstGap(lines(500, 501, 505), 100, 0)).toEqual({ fromSeq: 101, count: 399 });
  });
});

describe('gapFreeFromSeq', () => {
  it('is the first seq of a contiguous log', () => {
    expect(gapFreeFromSeq(lines(0, 1, 2))).toBe(0);
    expect(gapFreeFromSeq(lines(7, 8))).toBe(7);
    expect(gapFreeFromSeq([])).toBe(0);
  });

  it('is where the last gap ends', () => {
    expect(gapFreeFromSeq(lines(0, 1, 5, 6, 9, 10, 11))).toBe(9);
    expect(gapFreeFromSeq(lines(0, 1, 2, 4))).toBe(4);
  });
});

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, index) => from + index);
}
