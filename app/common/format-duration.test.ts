import { describe, expect, it } from 'vitest';
import { formatDuration, formatTimeLeft, isUnderAMinute } from './format-duration.js';

describe('formatDuration', () => {
  it('says "under 1 s" below a second, never "0 s"', () => {
    expect(formatDuration(0)).toBe('under 1 s');
    expect(formatDuration(1)).toBe('under 1 s');
    expect(formatDuration(999)).toBe('under 1 s');
  });

  it('treats negative and non-numbers (clock skew, a missing end) as under a second', () => {
    expect(formatDuration(-10)).toBe('under 1 s');
    expect(formatDuration(Number.NaN)).toBe('under 1 s');
  });

  it('uses whole seconds under a minute, rounded down', () => {
    expect(formatDuration(1_000)).toBe('1 s');
    expect(formatDuration(12_999)).toBe('12 s');
    expect(formatDuration(59_999)).toBe('59 s');
  });

  it('uses minutes and seconds under an hour', () => {
    expect(formatDuration(60_000)).toBe('1 min 0 s');
    expect(formatDuration(185_000)).toBe('3 min 5 s');
  });

  it('drops seconds past an hour', () => {
    expect(formatDuration(3_600_000)).toBe('1 h 0 min');
    expect(formatDuration((2 * 3_600 + 4 * 60 + 59) * 1_000)).toBe('2 h 4 min');
  });
});

describe('formatTimeLeft', () => {
  it('speaks in seconds under a minute, rounded up', () => {
    expect(formatTimeLeft(45_000)).toBe('45 seconds');
    expect(formatTimeLeft(44_001)).toBe('45 seconds');
    expect(formatTimeLeft(1)).toBe('1 second');
    expect(formatTimeLeft(60_000)).toBe('60 seconds');
  });

  it('speaks in minutes under an hour, rounded up so the last minutes never overstate', () => {
    expect(formatTimeLeft(60_001)).toBe('2 minutes');
    expect(formatTimeLeft(15 * 60_000)).toBe('15 minutes');
    expect(formatTimeLeft(59 * 60_000)).toBe('59 minutes');
  });

  it('gives hours and minutes beyond an hour', () => {
    expect(formatTimeLeft(60 * 60_000)).toBe('1 hour');
    expect(formatTimeLeft(125 * 60_000)).toBe('2 hours 5 minutes');
    expect(formatTimeLeft(61 * 60_000)).toBe('1 hour 1 minute');
  });

  it('is zero once the moment has passed', () => {
    expect(formatTimeLeft(0)).toBe('0 seconds');
    expect(formatTimeLeft(-5_000)).toBe('0 seconds');
  });

  it('marks where seconds take over', () => {
    expect(isUnderAMinute(60_000)).toBe(true);
    expect(isUnderAMinute(60_001)).toBe(false);
  });
});
