import { describe, expect, it } from 'vitest';
import { formatCount } from './format-count.js';

describe('formatCount', () => {
  it('groups thousands with commas, as en-GB does', () => {
    expect(formatCount(0)).toBe('0');
    expect(formatCount(999)).toBe('999');
    expect(formatCount(1000)).toBe('1,000');
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatCount(-45000)).toBe('-45,000');
  });

  it('matches Intl en-GB for whole numbers of every length, and for what it hands to Intl', () => {
    const samples = [Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 1.5, 1234.5678, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 60];
    for (let digits = 1; digits <= 16; digits++) {
      const base = 10 ** (digits - 1);
      samples.push(base, base * 9 + 7, -base - 3);
    }
    for (const count of samples) expect(formatCount(count), String(count)).toBe(count.toLocaleString('en-GB'));
  });
});
