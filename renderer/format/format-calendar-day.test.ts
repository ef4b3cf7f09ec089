import { describe, expect, it } from 'vitest';
import { formatCalendarDay } from './format-calendar-day.js';

describe('formatCalendarDay', () => {
  it('says the day in words, so 3 December is never read as 12 March', () => {
    expect(formatCalendarDay('2025-12-03')).toBe('Wednesday 3 December 2025');
    expect(formatCalendarDay('2025-03-12')).toBe('Wednesday 12 March 2025');
  });

  it('keeps the calendar day whatever the time zone, across the clocks going back', () => {
    expect(formatCalendarDay('2025-10-26')).toBe('Sunday 26 October 2025');
    expect(formatCalendarDay('2024-02-29')).toBe('Thursday 29 February 2024');
  });

  it('gives nothing for an empty or impossible value', () => {
    expect(formatCalendarDay('')).toBeUndefined();
    expect(formatCalendarDay('2025-02-30')).toBeUndefined();
    expect(formatCalendarDay('03/12/2025')).toBeUndefined();
  });
});
