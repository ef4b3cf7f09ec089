import { describe, expect, it, onTestFinished, vi } from 'vitest';
import type { LogLine } from '../../app/common/contract.js';
import { filterLogLines, logLinesAsText, splitOnMatches } from './log-text.js';

const at = Date.UTC(2025, 10, 22, 14, 5, 9);
const log: LogLine[] = [
  { seq: 0, at, stream: 'system', text: 'Starting Bot' },
  { seq: 1, at, stream: 'stdout', text: 'Processing CLAIM 42' },
  { seq: 2, at, stream: 'stderr', text: '\u001b[31mclaim rejected\u001b[0m' },
];

describe('filterLogLines', () => {
  it('keeps lines containing the query, ignoring case', () => {
    expect(filterLogLines(log, 'claim').map((line) => line.seq)).toEqual([1, 2]);
  });

  it('returns the same array for an empty or blank query', () => {
    expect(filterLogLines(log, '')).toBe(log);
    expect(filterLogLines(log, '   ')).toBe(log);
  });

  it('filters 100,000 lines reading each line once, so it can run on each keystroke', () => {
    // Counted, not timed: a filter that went back over earlier lines would read far more.
    let reads = 0;
    const many: LogLine[] = Array.from({ length: 100_000 }, (_, seq) => ({
      seq,
      at,
      stream: 'stdout',
      get text() {
        reads += 1;
        return `line ${seq} of the flood`;
      },
    }));
    const found = filterLogLines(many, 'line 99999 ');
    expect(found.map((line) => line.seq)).toEqual([99_999]);
    expect(reads).toBe(100_000);
  });
});

describe('logLinesAsText', () => {
  it('writes time, stream and stripped text, one line each', () => {
    vi.stubEnv('TZ', 'UTC');
    onTestFinished(() => {
      vi.unstubAllEnvs();
    });
    expect(logLinesAsText(log).split('\n')).toEqual([
      '14:05:09 [supervisor] Starting Bot',
      '14:05:09 Processing CLAIM 42',
      '14:05:09 [stderr] claim rejected',
    ]);
  });
});

describe('splitOnMatches', () => {
  it('puts matches at odd indexes', () => {
    expect(splitOnMatches('Claim 1, claim 2', 'CLAIM')).toEqual(['', 'Claim', ' 1, ', 'claim', ' 2']);
  });

  it('returns the whole text when there is no query or no match', () => {
    expect(splitOnMatches('abc', '')).toEqual(['abc']);
    expect(splitOnMatches('abc', 'x')).toEqual(['abc']);
  });
});
