/*
 * Absolute times in the user's local time zone, UK style, built from the Date's own local fields
 * rather than Intl.DateTimeFormat: the first Intl call in a page loads ICU's data, 15–30 ms that
 * Chromium would otherwise spend on the app's first paint (docs/benchmarks.md, cold start). The
 * output is Intl's en-GB medium styles exactly (format-date-time.test.ts compares them).
 */

/** CLDR's en-GB abbreviations, September included. */
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sept', 'Oct', 'Nov', 'Dec'] as const;

/** "22 Nov 2025, 14:05". */
export function formatDateTime(at: number): string {
  const date = new Date(at);
  return `${dayOf(date)}, ${twoDigits(date.getHours())}:${twoDigits(date.getMinutes())}`;
}

/** "22 Nov 2025, 14:05:09", for records where the second matters (the audit trail). */
export function formatPreciseDateTime(at: number): string {
  const date = new Date(at);
  return `${dayOf(date)}, ${clockOf(date)}`;
}

/** "14:05:09", for log lines and run start times. */
export function formatTimeOfDay(at: number): string {
  return clockOf(new Date(at));
}

/**
 * "14:05:09" for a moment earlier today, "21 Nov 2025, 14:05:09" for one on another day: for
 * items that stay on screen past midnight, such as a failed run's attention item.
 */
export function formatRecentMoment(at: number, now: number): string {
  const date = new Date(at);
  return dayOf(date) === dayOf(new Date(now)) ? clockOf(date) : `${dayOf(date)}, ${clockOf(date)}`;
}

/**
 * "14:05" for a moment later today, "23 Nov 2025, 00:30" for one on another day: for times soon
 * to come, such as until when a company token is live.
 */
export function formatClockSoon(at: number, now: number): string {
  const date = new Date(at);
  return dayOf(date) === dayOf(new Date(now)) ? `${twoDigits(date.getHours())}:${twoDigits(date.getMinutes())}` : formatDateTime(at);
}

function dayOf(date: Date): string {
  return `${date.getDate()} ${months[date.getMonth()]} ${date.getFullYear()}`;
}

function clockOf(date: Date): string {
  return `${twoDigits(date.getHours())}:${twoDigits(date.getMinutes())}:${twoDigits(date.getSeconds())}`;
}

function twoDigits(value: number): string {
  return value < 10 ? `0${value}` : String(value);
}
