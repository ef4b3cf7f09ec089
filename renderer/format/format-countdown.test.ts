import { describe, expect, it } from 'vitest';
import { formatCountdown } from './format-countdown.js';

describe('formatCountdown', () => {
  it('shows a full day as 24:00:00', () => {
    expect(formatCountdown(24 * 60 * 60 * 1_000)).toBe('24:00:00');
  });

  it('pads each part to two digits', () => {
    expect(formatCountdown((1 * 3_600 + 2 * 60 + 3) * 1_000)).toBe('01:02:03');
  });

  it('rounds partial seconds up so it reaches zero exactly at expiry', () => {
    expect(formatCountdown(59_001)).toBe('00:01:00');
    expect(formatCountdown(1)).toBe('00:00:01');
    expect(formatCountdown(0)).toBe('00:00:00');
  });

  it('never goes negative', () => {
    expect(formatCountdown(-5_000)).toBe('00:00:00');
  });

  it('keeps counting hours past 99', () => {
    expect(formatCountdown(100 * 3_600 * 1_000)).toBe('100:00:00');
  });
});
