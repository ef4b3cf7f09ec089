/**
 * Durations and time left in words a clinic user reads at a glance, shared by the bot cards,
 * the header, the run detail and the history table (and the core where it writes for people).
 * Plain functions, free of DOM, Node and zod like the rest of app/common/.
 */
import { formatCount } from './format-count.js';

const secondMs = 1_000;
const minuteMs = 60 * secondMs;

/**
 * How long something took (or has taken so far), as a person says it: "under 1 s", "45 s",
 * "1 min", "1 min 5 s", "2 h", "2 h 3 min". Rounded down, so a running duration never runs
 * ahead of the clock; seconds go once a run passes an hour, because nobody supervises at that
 * precision, and a unit that comes to zero is left out. A negative duration (clock skew) reads
 * as "under 1 s".
 */
export function formatDuration(durationMs: number): string {
  if (!(durationMs >= secondMs)) return 'under 1 s';
  return inUnits(Math.floor(durationMs / secondMs));
}

/**
 * A countdown in the same words as `formatDuration` ("1 min 5 s", "45 s", "2 h 3 min"), for the
 * time a question or a "Still supervising?" check has left. Rounded up to the second, so it
 * reaches "0 s" exactly at the deadline rather than a second early.
 */
export function formatCountdownWords(remainingMs: number): string {
  if (!(remainingMs > 0)) return '0 s';
  return inUnits(Math.ceil(remainingMs / secondMs));
}

/**
 * Time left until a moment, rounded up so it never overstates how long is left and reaches zero
 * exactly at the end: "45 seconds" under a minute, "12 minutes" under an hour, then
 * "2 hours 5 minutes". Words rather than symbols, because it ends a sentence ("ends in …").
 */
export function formatTimeLeft(remainingMs: number): string {
  if (!(remainingMs > 0)) return '0 seconds';
  if (remainingMs <= minuteMs) return plural(Math.ceil(remainingMs / secondMs), 'second');
  const totalMinutes = Math.ceil(remainingMs / minuteMs);
  if (totalMinutes < 60) return plural(totalMinutes, 'minute');
  const hours = Math.floor(totalMinutes / 60);
  const minutes = totalMinutes % 60;
  return minutes === 0 ? plural(hours, 'hour') : `${plural(hours, 'hour')} ${plural(minutes, 'minute')}`;
}

/**
 * Time left said so it never promises more than there is, for a sentence that weighs it against a
 * need ("your sign-in has 12 minutes left"): rounded down, "less than a minute" at the end.
 */
export function formatTimeLeftAtMost(remainingMs: number): string {
  if (!(remainingMs >= minuteMs)) return 'less than a minute';
  const totalMinutes = Math.floor(remainingMs / minuteMs);
  if (totalMinutes < 60) return plural(totalMinutes, 'minute');
  const minutes = totalMinutes % 60;
  const hours = plural(Math.floor(totalMinutes / 60), 'hour');
  return minutes === 0 ? hours : `${hours} ${plural(minutes, 'minute')}`;
}

/** A configured length in words, exact to the second: "10 minutes", "45 seconds", "1 minute 30 seconds". */
export function formatPeriodWords(periodMs: number): string {
  const totalSeconds = Math.max(0, Math.round(periodMs / secondMs));
  const parts = [
    [Math.floor(totalSeconds / 3600), 'hour'],
    [Math.floor(totalSeconds / 60) % 60, 'minute'],
    [totalSeconds % 60, 'second'],
  ] as const;
  const said = parts.filter(([count]) => count > 0).map(([count, unit]) => plural(count, unit));
  return said.length === 0 ? '0 seconds' : said.join(' ');
}

/** Whether `remainingMs` is short enough that `formatTimeLeft` speaks in seconds. */
export function isUnderAMinute(remainingMs: number): boolean {
  return remainingMs <= minuteMs;
}

function inUnits(totalSeconds: number): string {
  if (totalSeconds < 60) return `${totalSeconds} s`;
  const totalMinutes = Math.floor(totalSeconds / 60);
  if (totalMinutes < 60) return joinUnits(totalMinutes, 'min', totalSeconds % 60, 's');
  return joinUnits(Math.floor(totalMinutes / 60), 'h', totalMinutes % 60, 'min');
}

/** "1 min 5 s", or "1 min" when the smaller unit is zero: nobody says "1 min 0 s". */
function joinUnits(large: number, largeUnit: string, small: number, smallUnit: string): string {
  return small === 0 ? `${large} ${largeUnit}` : `${large} ${largeUnit} ${small} ${smallUnit}`;
}

function plural(count: number, unit: string): string {
  return `${formatCount(count)} ${count === 1 ? unit : `${unit}s`}`;
}
