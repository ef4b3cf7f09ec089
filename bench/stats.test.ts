import { describe, expect, it } from 'vitest';
import { median, percentile, ratio, summarize } from './stats.js';

describe('stats', () => {
  it('takes nearest-rank percentiles, so every reported value was measured', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(sorted, 95)).toBe(95);
    expect(percentile(sorted, 99)).toBe(99);
    expect(percentile([7, 9], 50)).toBe(7);
    expect(percentile([3], 99)).toBe(3);
    expect(percentile([], 50)).toBeNaN();
  });

  it('averages the two middle samples for an even count', () => {
    expect(median([1, 2, 3, 4])).toBe(2.5);
    expect(median([1, 2, 3])).toBe(2);
  });

  it('summarises unsorted samples', () => {
    expect(summarize([5, 1, 3])).toMatchObject({ count: 3, median: 3, min: 1, max: 5, mean: 3 });
  });

  it('refuses to divide by a missing or zero baseline', () => {
    expect(ratio(3, 2)).toBe(1.5);
    expect(ratio(3, 0)).toBeNaN();
    expect(ratio(Number.NaN, 2)).toBeNaN();
  });
});
