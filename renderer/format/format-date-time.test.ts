import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatClockSoon, formatDateTime, formatPreciseDateTime, formatRecentMoment, formatTimeOfDay } from './format-date-time.js';

const at = Date.UTC(2025, 10, 22, 14, 5, 9);
/** Node follows TZ as soon as it is assigned; the page's zone is the machine's, as here. */
function inZone(zone: string): void {
  vi.stubEnv('TZ', zone);
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('formatDateTime', () => {
  it('uses the UK medium date and short time', () => {
    inZone('UTC');
    expect(formatDateTime(at)).toBe('22 Nov 2025, 14:05');
  });

  it('honours the local time zone (BST in summer)', () => {
    inZone('Europe/London');
    expect(formatDateTime(Date.UTC(2025, 6, 1, 8, 0))).toBe('1 Jul 2025, 09:00');
  });
});

describe('formatTimeOfDay', () => {
  it('uses a 24-hour clock with seconds', () => {
    inZone('UTC');
    expect(formatTimeOfDay(at)).toBe('14:05:09');
  });
});

describe('formatPreciseDateTime', () => {
  it('adds the seconds, for audit records', () => {
    inZone('UTC');
    expect(formatPreciseDateTime(at)).toBe('22 Nov 2025, 14:05:09');
  });
});

describe('formatRecentMoment', () => {
  it('gives only the time for a moment earlier the same local day, and the date too for another day', () => {
    inZone('Europe/London');
    const lateEvening = Date.UTC(2025, 6, 1, 22, 30, 5); // 23:30:05 BST on 1 July
    expect(formatRecentMoment(lateEvening, Date.UTC(2025, 6, 1, 22, 59))).toBe('23:30:05');
    // Past midnight in London, though still 1 July in UTC.
    expect(formatRecentMoment(lateEvening, Date.UTC(2025, 6, 1, 23, 1))).toBe('1 Jul 2025, 23:30:05');
  });
});

describe('formatClockSoon', () => {
  it('gives hours and minutes for a moment later the same local day, and the date too for another day', () => {
    inZone('Europe/London');
    const lateEvening = Date.UTC(2025, 6, 1, 22, 30, 5); // 23:30:05 BST on 1 July
    expect(formatClockSoon(lateEvening, Date.UTC(2025, 6, 1, 21, 0))).toBe('23:30');
    // A token live past midnight says which day.
    expect(formatClockSoon(Date.UTC(2025, 6, 1, 23, 30), Date.UTC(2025, 6, 1, 22, 59))).toBe('2 Jul 2025, 00:30');
  });
});

describe('the same text as Intl en-GB', () => {
  // Every month (September is "Sept"), both clock changes in London, a zone with a half-hour
  // offset and one west of Greenwich, midnight, and single-digit days.
  // Minutes behind UTC in mid-January, to prove the zone took effect.
  const zones: [string, number][] = [['Europe/London', 0], ['UTC', 0], ['Asia/Kolkata', -330], ['America/New_York', 300], ['Australia/Lord_Howe', -660]];
  const instants: number[] = [];
  for (let month = 0; month < 12; month++) instants.push(Date.UTC(2026, month, 1, 0, 0, 0), Date.UTC(2026, month, 9, 23, 59, 59), Date.UTC(2026, month, 28, 12, 30, 5));
  instants.push(Date.UTC(2026, 2, 29, 0, 59, 59), Date.UTC(2026, 2, 29, 1, 0, 0), Date.UTC(2026, 9, 25, 0, 59, 59), Date.UTC(2026, 9, 25, 1, 0, 0));
  for (let step = 0; step < 200; step++) instants.push(Date.UTC(2024, 0, 1) + step * 7_919_993_117);

  it.each(zones)('in %s', (zone, januaryOffset) => {
    inZone(zone);
    expect(new Date(Date.UTC(2026, 0, 15)).getTimezoneOffset()).toBe(januaryOffset);
    const intl = {
      dateTime: new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' }),
      precise: new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'medium' }),
      time: new Intl.DateTimeFormat('en-GB', { timeStyle: 'medium' }),
    };
    for (const instant of instants) {
      expect(formatDateTime(instant), String(instant)).toBe(intl.dateTime.format(instant));
      expect(formatPreciseDateTime(instant), String(instant)).toBe(intl.precise.format(instant));
      expect(formatTimeOfDay(instant), String(instant)).toBe(intl.time.format(instant));
    }
  });
});
