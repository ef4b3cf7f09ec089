/**
 * The bounds of the local calendar day that contains a moment, in a given IANA time zone (the
 * computer's own by default), so "today" starts at local midnight whatever the zone and across
 * daylight-saving changes. No date library.
 *
 * The computer's own zone is read through `Date`'s local-time fields, not Intl: the first
 * `Intl.DateTimeFormat` loads ICU's locale and calendar data, a cost the first state of every
 * start would otherwise pay (docs/benchmarks.md, cold start). A named zone needs Intl.
 */
export interface LocalDay {
  /** The first instant of the local day. */
  startAt: number;
  /** The first instant of the next local day. */
  endAt: number;
}

interface WallClock {
  year: number;
  month: number;
  day: number;
}

type WallClockAt = (at: number) => WallClock;

/**
 * A computed day is reused while the moment asked about falls inside it, for at most a minute:
 * the computer's zone can change under a running app (an administrator, a laptop carried across
 * zones; Node re-reads it when `TZ` is set), and a minute is as late as "Today" may notice.
 */
const recheckMs = 60_000;
const recent = new Map<string, { day: LocalDay; checkedAt: number }>();

export function localDay(at: number, timeZone?: string): LocalDay {
  // `TZ` in the key: Node applies a new value at once, and the day must follow it.
  const key = timeZone === undefined ? `local:${process.env.TZ ?? ''}` : timeZone;
  const cached = recent.get(key);
  if (cached && at >= cached.day.startAt && at < cached.day.endAt && Math.abs(at - cached.checkedAt) < recheckMs) return cached.day;
  const wallClock = timeZone === undefined ? localWallClock : zoneWallClock(timeZone);
  const { year, month, day } = wallClock(at);
  const bounds = { startAt: firstInstantOf(wallClock, year, month, day), endAt: firstInstantOf(wallClock, year, month, day + 1) };
  recent.set(key, { day: bounds, checkedAt: at });
  return bounds;
}

function localWallClock(at: number): WallClock {
  const date = new Date(at);
  return { year: date.getFullYear(), month: date.getMonth() + 1, day: date.getDate() };
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function zoneWallClock(timeZone: string): WallClockAt {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' });
    formatters.set(timeZone, format);
  }
  const zoned = format;
  return (at) => {
    const parts: Record<string, number> = {};
    for (const part of zoned.formatToParts(at)) if (part.type !== 'literal') parts[part.type] = Number(part.value);
    return { year: parts.year ?? 0, month: parts.month ?? 1, day: parts.day ?? 1 };
  };
}

/**
 * The first instant whose local date is year-month-day (day may overflow into the next month):
 * local midnight, or, where a zone skips midnight (a daylight-saving jump at 00:00), the first
 * instant that exists. A binary search over whole minutes within a day and a half of UTC
 * midnight, which covers every zone's offset; local dates only grow as time goes on.
 */
function firstInstantOf(wallClock: WallClockAt, year: number, month: number, day: number): number {
  const target = new Date(Date.UTC(year, month - 1, day));
  const targetKey = dateKey(target.getUTCFullYear(), target.getUTCMonth() + 1, target.getUTCDate());
  const minuteMs = 60_000;
  let low = target.getTime() / minuteMs - 18 * 60; // before the day starts anywhere
  let high = target.getTime() / minuteMs + 18 * 60; // after it has started everywhere
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    const wall = wallClock(middle * minuteMs);
    if (dateKey(wall.year, wall.month, wall.day) >= targetKey) high = middle;
    else low = middle;
  }
  return high * minuteMs;
}

function dateKey(year: number, month: number, day: number): number {
  return year * 10_000 + month * 100 + day;
}
