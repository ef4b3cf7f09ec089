import { describe, expect, it } from 'vitest';
import { formatDateTime, formatPreciseDateTime, formatTimeOfDay } from './format-date-time.js';

const at = Date.UTC(2025, 10, 22, 14, 5, 9);

describe('formatDateTime', () => {
  it('uses the UK medium date and short time', () => {
    expect(formatDateTime(at, 'UTC')).toBe('22 Nov 2025, 14:05');
  });

  it('honours the time zone (BST in summer)', () => {
    expect(formatDateTime(Date.UTC(2025, 6, 1, 8, 0), 'Europe/London')).toBe('1 Jul 2025, 09:00');
  });
});

describe('formatTimeOfDay', () => {
  it('uses a 24-hour clock with seconds', () => {
    expect(formatTimeOfDay(at, 'UTC')).toBe('14:05:09');
  });
});

describe('formatPreciseDateTime', () => {
  it('adds the seconds, for audit records', () => {
    expect(formatPreciseDateTime(at, 'UTC')).toBe('22 Nov 2025, 14:05:09');
  });
});
