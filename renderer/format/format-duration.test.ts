import { describe, expect, it } from 'vitest';
import { formatDurationMs } from './format-duration.js';

describe('formatDurationMs', () => {
  it('uses seconds under a minute', () => {
    expect(formatDurationMs(0)).toBe('0 s');
    expect(formatDurationMs(12_999)).toBe('12 s');
  });

  it('uses minutes and seconds under an hour', () => {
    expect(formatDurationMs(185_000)).toBe('3 min 5 s');
    expect(formatDurationMs(60_000)).toBe('1 min 0 s');
  });

  it('drops seconds past an hour', () => {
    expect(formatDurationMs((2 * 3_600 + 4 * 60 + 59) * 1_000)).toBe('2 h 4 min');
  });

  it('treats negative durations (clock skew) as zero', () => {
    expect(formatDurationMs(-10)).toBe('0 s');
  });
});
