import { describe, expect, it } from 'vitest';
import type { LogLine } from '../../app/common/contract.js';
import { indexOfSeq, stepMatch } from './log-search.js';

const lines = (seqs: number[]): LogLine[] => seqs.map((seq) => ({ seq, at: 0, stream: 'stdout', text: `line ${seq}` }));

describe('stepMatch', () => {
  const matches = lines([3, 8, 20]);

  it('starts at the first match going forward and at the last going back', () => {
    expect(stepMatch(matches, null, 1)).toBe(3);
    expect(stepMatch(matches, null, -1)).toBe(20);
  });

  it('moves to the neighbouring match and wraps at either end', () => {
    expect(stepMatch(matches, 3, 1)).toBe(8);
    expect(stepMatch(matches, 8, -1)).toBe(3);
    expect(stepMatch(matches, 20, 1)).toBe(3);
    expect(stepMatch(matches, 3, -1)).toBe(20);
  });

  it('steps from a line that no longer matches (the query changed) to its nearest match in that direction', () => {
    expect(stepMatch(matches, 10, 1)).toBe(20);
    expect(stepMatch(matches, 10, -1)).toBe(8);
    expect(stepMatch(matches, 25, 1)).toBe(3);
  });

  it('has nothing to step to without matches', () => {
    expect(stepMatch([], null, 1)).toBeNull();
    expect(stepMatch([], 4, -1)).toBeNull();
  });
});

describe('indexOfSeq', () => {
  it('finds a line by its seq in a log with gaps, or says it is not there', () => {
    const log = lines([0, 1, 2, 5, 9, 10]);
    expect(log.map((line) => indexOfSeq(log, line.seq))).toEqual([0, 1, 2, 3, 4, 5]);
    expect(indexOfSeq(log, 4)).toBe(-1);
    expect(indexOfSeq(log, 11)).toBe(-1);
    expect(indexOfSeq([], 0)).toBe(-1);
  });
});
