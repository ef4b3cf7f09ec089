const weekdays = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;
const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;

/**
 * A date field's `YYYY-MM-DD` in words, UK style: "Wednesday 3 December 2025". A date field
 * shows its value in the browser's own format (12/03/2025 in a US-English one), which a UK reader
 * takes for 12 March; the words cannot be misread. Undefined for an empty or impossible value.
 */
export function formatCalendarDay(value: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  // A calendar day has no time zone: UTC keeps it from moving to the day before or after.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return `${weekdays[date.getUTCDay()]} ${day} ${months[month - 1]} ${year}`;
}
