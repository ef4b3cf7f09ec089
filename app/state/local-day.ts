/**
 * The bounds of the local calendar day that contains a moment, in a given IANA time zone (the
 * computer's own by default), so "today" starts at local midnight whatever the zone and across
 * daylight-saving changes. Uses Intl only; no date library.
 */
export interface LocalDay {
  /** The first instant of the local day. */
  startAt: number;
  /** The first instant of the next local day. */
  endAt: number;
}

export function localTimeZone(): string {
  return new Intl.DateTimeFormat('en-GB').resolvedOptions().timeZone;
}

export function localDay(at: number, timeZone: string = localTimeZone()): LocalDay {
  const format = formatterFor(timeZone);
  const { year, month, day } = wallClock(format, at);
  return { startAt: firstInstantOf(format, year, month, day), endAt: firstInstantOf(format, year, month, day + 1) };
}

interface WallClock {
  year: number;
  month: number;
  day: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' });
    formatters.set(timeZone, format);
  }
  return format;
}

function wallClock(format: Intl.DateTimeFormat, at: number): WallClock {
  const parts: Record<string, number> = {};
  for (const part of format.formatToParts(at)) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  return { year: parts.year ?? 0, month: parts.month ?? 1, day: parts.day ?? 1 };
}

/**
 * The first instant whose local date is year-month-day (day may overflow into the next month):
 * local midnight, or, where a zone skips midnight (a daylight-saving jump at 00:00), the first
 * instant that exists. A binary search over whole minutes within a day and a half of UTC
 * midnight, which covers every zone's offset; local dates only grow as time goes on.
 */
function firstInstantOf(format: Intl.DateTimeFormat, year: number, month: number, day: number): number {
  const target = new Date(Date.UTC(year, month - 1, day));
  const targetKey = dateKey(target.getUTCFullYear(), target.getUTCMonth() + 1, target.getUTCDate());
  const minuteMs = 60_000;
  let low = target.getTime() / minuteMs - 18 * 60; // before the day starts anywhere
  let high = target.getTime() / minuteMs + 18 * 60; // after it has started everywhere
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    const wall = wallClock(format, middle * minuteMs);
    if (dateKey(wall.year, wall.month, wall.day) >= targetKey) high = middle;
    else low = middle;
  }
  return high * minuteMs;
}

function dateKey(year: number, month: number, day: number): number {
  return year * 10_000 + month * 100 + day;
}
