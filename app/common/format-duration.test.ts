import { describe, expect, it } from 'vitest';
import { formatCountdownWords, formatDuration, formatPeriodWords, formatTimeLeft, formatTimeLeftAtMost, isUnderAMinute } from './format-duration.js';

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
    expect(formatDuration(185_000)).toBe('3 min 5 s');
  });

  it('drops seconds past an hour', () => {
    expect(formatDuration((2 * 3_600 + 4 * 60 + 59) * 1_000)).toBe('2 h 4 min');
  });

  // As a person would say them: a unit that comes to zero is left out ("1 min", never "1 min 0 s").
  it.each([
    [45_000, '45 s'],
    [60_000, '1 min'],
    [60_999, '1 min'],
    [65_000, '1 min 5 s'],
    [119_000, '1 min 59 s'],
    [120_000, '2 min'],
    [59 * 60_000 + 59_000, '59 min 59 s'],
    [3_600_000, '1 h'],
    [3_600_000 + 59_000, '1 h'],
    [3_660_000, '1 h 1 min'],
    [(2 * 60 + 3) * 60_000, '2 h 3 min'],
    [(2 * 60 + 3) * 60_000 + 45_000, '2 h 3 min'],
    [24 * 3_600_000, '24 h'],
  ])('formatDuration(%i) is "%s"', (durationMs, expected) => {
    expect(formatDuration(durationMs)).toBe(expected);
  });
});

describe('formatCountdownWords', () => {
  // The same words as formatDuration, rounded up so a countdown reaches "0 s" at the deadline.
  it.each([
    [45_000, '45 s'],
    [44_001, '45 s'],
    [1, '1 s'],
    [59_001, '1 min'],
    [60_000, '1 min'],
    [64_001, '1 min 5 s'],
    [65_000, '1 min 5 s'],
    [3_600_000, '1 h'],
    [(2 * 60 + 3) * 60_000, '2 h 3 min'],
  ])('formatCountdownWords(%i) is "%s"', (remainingMs, expected) => {
    expect(formatCountdownWords(remainingMs)).toBe(expected);
  });

  it('is "0 s" at and after the deadline, and for a missing deadline', () => {
    expect(formatCountdownWords(0)).toBe('0 s');
    expect(formatCountdownWords(-5_000)).toBe('0 s');
    expect(formatCountdownWords(Number.NaN)).toBe('0 s');
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

describe('formatTimeLeftAtMost', () => {
  it('never promises more time than is left', () => {
    expect(formatTimeLeftAtMost(59_999)).toBe('less than a minute');
    expect(formatTimeLeftAtMost(0)).toBe('less than a minute');
    expect(formatTimeLeftAtMost(60_000)).toBe('1 minute');
    expect(formatTimeLeftAtMost(119_999)).toBe('1 minute');
    expect(formatTimeLeftAtMost(12 * 60_000 + 59_000)).toBe('12 minutes');
    expect(formatTimeLeftAtMost(3 * 3_600_000)).toBe('3 hours');
    expect(formatTimeLeftAtMost(3_600_000 + 61_000)).toBe('1 hour 1 minute');
  });
});

describe('formatPeriodWords', () => {
  it('says a configured length exactly, in the units it has', () => {
    expect(formatPeriodWords(10_000)).toBe('10 seconds');
    expect(formatPeriodWords(60_000)).toBe('1 minute');
    expect(formatPeriodWords(90_000)).toBe('1 minute 30 seconds');
    expect(formatPeriodWords(600_000)).toBe('10 minutes');
    expect(formatPeriodWords(3_600_000)).toBe('1 hour');
    expect(formatPeriodWords(0)).toBe('0 seconds');
  });
});
