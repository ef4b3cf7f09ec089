import { afterEach, describe, expect, it } from 'vitest';
import { localDay } from './local-day.js';

const iso = (at: number) => new Date(at).toISOString();

describe('localDay', () => {
  it('starts at UTC midnight in UTC', () => {
    const day = localDay(Date.UTC(2026, 11, 4, 21, 30), 'UTC');
    expect(iso(day.startAt)).toBe('2026-12-04T00:00:00.000Z');
    expect(iso(day.endAt)).toBe('2026-12-05T00:00:00.000Z');
  });

  it('follows British Summer Time: local midnight is 23:00 UTC the evening before', () => {
    const day = localDay(Date.UTC(2026, 6, 15, 8, 0), 'Europe/London');
    expect(iso(day.startAt)).toBe('2026-07-14T23:00:00.000Z');
    expect(iso(day.endAt)).toBe('2026-07-15T23:00:00.000Z');
  });

  it('a moment just after local midnight belongs to the new day, just before to the old one', () => {
    const justAfter = localDay(Date.UTC(2026, 6, 14, 23, 0, 1), 'Europe/London');
    expect(iso(justAfter.startAt)).toBe('2026-07-14T23:00:00.000Z');
    const justBefore = localDay(Date.UTC(2026, 6, 14, 22, 59, 59), 'Europe/London');
    expect(iso(justBefore.endAt)).toBe('2026-07-14T23:00:00.000Z');
  });

  it('the clocks-go-forward day in London is 23 hours long, the clocks-go-back day 25', () => {
    const spring = localDay(Date.UTC(2026, 2, 29, 12), 'Europe/London');
    expect(spring.endAt - spring.startAt).toBe(23 * 3_600_000);
    const autumn = localDay(Date.UTC(2026, 9, 25, 12), 'Europe/London');
    expect(autumn.endAt - autumn.startAt).toBe(25 * 3_600_000);
  });

  it('where a zone skips midnight, the day starts at the first instant that exists', () => {
    // Chile moved its clocks from 00:00 to 01:00 on 2026-09-06 (America/Santiago).
    const day = localDay(Date.UTC(2026, 8, 6, 15), 'America/Santiago');
    const wall = new Intl.DateTimeFormat('en-GB', { timeZone: 'America/Santiago', hour: 'numeric', minute: 'numeric', hourCycle: 'h23' }).format(day.startAt);
    expect(wall).toBe('01:00');
    expect(day.endAt - day.startAt).toBe(23 * 3_600_000);
  });

  it('handles zones east of Greenwich and month ends', () => {
    const day = localDay(Date.UTC(2026, 11, 31, 20, 0), 'Asia/Kolkata');
    expect(iso(day.startAt)).toBe('2026-12-31T18:30:00.000Z');
    expect(iso(day.endAt)).toBe('2027-01-01T18:30:00.000Z');
  });

  it('a moment in the same day gets the same bounds, and the next day its own', () => {
    const first = localDay(Date.UTC(2026, 6, 15, 8, 0), 'Europe/London');
    expect(localDay(Date.UTC(2026, 6, 15, 8, 0, 30), 'Europe/London')).toEqual(first);
    const next = localDay(first.endAt, 'Europe/London');
    expect(next.startAt).toBe(first.endAt);
    expect(iso(next.endAt)).toBe('2026-07-16T23:00:00.000Z');
  });
});

/**
 * The computer's own zone is read through Date, not Intl (cold start); it must give the same days
 * as Intl does for that zone. Node applies a new `TZ` at once, so the test sets it per zone.
 */
describe('localDay in the computer’s own zone', () => {
  const originalTimeZone = process.env.TZ;
  afterEach(() => {
    if (originalTimeZone === undefined) delete process.env.TZ;
    else process.env.TZ = originalTimeZone;
  });

  const moments = [
    Date.UTC(2026, 6, 15, 8, 0),
    Date.UTC(2026, 6, 14, 23, 0, 1),
    Date.UTC(2026, 6, 14, 22, 59, 59),
    Date.UTC(2026, 2, 29, 12),
    Date.UTC(2026, 9, 25, 12),
    Date.UTC(2026, 8, 6, 15),
    Date.UTC(2026, 8, 6, 3, 59),
    Date.UTC(2026, 11, 31, 20, 0),
    Date.UTC(2027, 0, 1, 0, 0),
  ];

  for (const zone of ['UTC', 'Europe/London', 'America/Santiago', 'Asia/Kolkata', 'Pacific/Chatham']) {
    it(`matches Intl's days in ${zone}`, () => {
      process.env.TZ = zone;
      for (const at of moments) expect({ at: iso(at), ...localDay(at) }).toEqual({ at: iso(at), ...localDay(at, zone) });
    });
  }

  it('follows a change of zone at once', () => {
    const at = Date.UTC(2026, 6, 15, 8, 0);
    process.env.TZ = 'UTC';
    expect(iso(localDay(at).startAt)).toBe('2026-07-15T00:00:00.000Z');
    process.env.TZ = 'Europe/London';
    expect(iso(localDay(at).startAt)).toBe('2026-07-14T23:00:00.000Z');
  });
});
