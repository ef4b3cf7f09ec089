import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isInRange, isRangeReversed, localDateOf, runDateRange } from './run-date-range.js';

/** The page's dates are local: these run in the clinic's zone, across both clock changes. */
describe('runDateRange in Europe/London', () => {
  // Node applies a new TZ at once.
  beforeEach(() => {
    vi.stubEnv('TZ', 'Europe/London');
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('runs from From’s local midnight to the midnight after To, the To day included whole', () => {
    // Summer: London midnight is 23:00 UTC the evening before.
    expect(runDateRange('2026-07-14', '2026-07-15')).toEqual({ fromAt: Date.UTC(2026, 6, 13, 23), untilAt: Date.UTC(2026, 6, 15, 23) });
    expect(isInRange(Date.UTC(2026, 6, 13, 22, 59, 59), runDateRange('2026-07-14', ''))).toBe(false);
    expect(isInRange(Date.UTC(2026, 6, 13, 23, 30), runDateRange('2026-07-14', ''))).toBe(true);
  });

  it('keeps a day of 23 or 25 hours whole across the clock changes', () => {
    const spring = runDateRange('2026-03-29', '2026-03-29');
    expect(spring).toEqual({ fromAt: Date.UTC(2026, 2, 29, 0), untilAt: Date.UTC(2026, 2, 29, 23) });
    const autumn = runDateRange('2026-10-25', '2026-10-25');
    expect(autumn).toEqual({ fromAt: Date.UTC(2026, 9, 24, 23), untilAt: Date.UTC(2026, 9, 26, 0) });
    // 23:30 UTC on the 25th is still the 25th in London once the clocks have gone back.
    expect(isInRange(Date.UTC(2026, 9, 25, 23, 30), autumn)).toBe(true);
  });

  it('ignores an empty or half-typed date, and knows a reversed range', () => {
    expect(runDateRange('', '')).toEqual({});
    expect(runDateRange('2026-1', '')).toEqual({});
    expect(isRangeReversed('2026-12-07', '2026-12-01')).toBe(true);
    expect(isRangeReversed('2026-12-01', '2026-12-01')).toBe(false);
    expect(isRangeReversed('2026-12-07', '')).toBe(false);
  });

  it('names a moment’s local day as the date field does', () => {
    expect(localDateOf(Date.UTC(2026, 6, 14, 23, 30))).toBe('2026-07-15');
    expect(localDateOf(Date.UTC(2026, 11, 6, 23, 30))).toBe('2026-12-06');
  });
});
