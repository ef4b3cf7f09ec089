/**
 * The Run history's From and To dates (`YYYY-MM-DD`, local calendar days, as `<input type="date">`
 * gives them) as instants: From's local midnight, and the local midnight after To, so the To day
 * is included whole however long a change of clocks makes it.
 */
export interface RunDateRange {
  fromAt?: number;
  untilAt?: number;
}

export function runDateRange(from: string, to: string): RunDateRange {
  const fromAt = localDayStart(from);
  const toStart = localDayStart(to);
  const untilAt = toStart === undefined ? undefined : nextLocalMidnight(toStart);
  return { ...(fromAt === undefined ? {} : { fromAt }), ...(untilAt === undefined ? {} : { untilAt }) };
}

/** Both dates set, From after To: no run can match, and the field says so. */
export function isRangeReversed(from: string, to: string): boolean {
  const fromAt = localDayStart(from);
  const toAt = localDayStart(to);
  return fromAt !== undefined && toAt !== undefined && fromAt > toAt;
}

export function isInRange(startedAt: number, range: RunDateRange): boolean {
  return (range.fromAt === undefined || startedAt >= range.fromAt) && (range.untilAt === undefined || startedAt < range.untilAt);
}

/** `2026-12-07`: the local calendar day of a moment, in the date field's format. */
export function localDateOf(at: number): string {
  const date = new Date(at);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

/** Local midnight of a `YYYY-MM-DD` day, or undefined for an empty or malformed value. */
function localDayStart(day: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return undefined;
  return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3])).getTime();
}

function nextLocalMidnight(dayStart: number): number {
  const date = new Date(dayStart);
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() + 1).getTime();
}
