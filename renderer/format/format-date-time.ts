/*
 * Absolute times in the user's local time zone, UK style. Formatters are cached because building
 * an Intl.DateTimeFormat is costly and the log renders thousands of timestamps.
 */
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();
const timeFormats = new Map<string, Intl.DateTimeFormat>();
const preciseFormats = new Map<string, Intl.DateTimeFormat>();

/** "22 Nov 2025, 14:05". `timeZone` is for tests; the app always uses the local zone. */
export function formatDateTime(at: number, timeZone?: string): string {
  return cached(dateTimeFormats, timeZone, { dateStyle: 'medium', timeStyle: 'short' }).format(at);
}

/** "22 Nov 2025, 14:05:09", for records where the second matters (the audit trail). */
export function formatPreciseDateTime(at: number, timeZone?: string): string {
  return cached(preciseFormats, timeZone, { dateStyle: 'medium', timeStyle: 'medium' }).format(at);
}

/** "14:05:09", for log lines and run start times. */
export function formatTimeOfDay(at: number, timeZone?: string): string {
  return cached(timeFormats, timeZone, { timeStyle: 'medium' }).format(at);
}

function cached(
  cache: Map<string, Intl.DateTimeFormat>,
  timeZone: string | undefined,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  const key = timeZone ?? '';
  let format = cache.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', timeZone ? { ...options, timeZone } : options);
    cache.set(key, format);
  }
  return format;
}
