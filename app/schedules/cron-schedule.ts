import { Cron } from 'croner';

const partsWanted = 'a pattern has five (minute hour day month weekday), or six with seconds first';
// Any moment will do: without a year field, a pattern that never matches from here never matches.
const referenceAt = Date.UTC(2026, 0, 1);

/**
 * Cron patterns, parsed by croner (never by hand): five fields (minute hour day month weekday),
 * or six with seconds first, in the computer's local time zone, or one of croner's nicknames
 * (`@daily`). Croner's seventh (year) field is refused: the app promises five or six, and a
 * schedule that ends with a year would stop without a word.
 */
export function cronProblem(pattern: string): string | undefined {
  const parts = pattern.trim().split(/\s+/).filter((part) => part !== '');
  if (parts.length === 0) return `it is empty; ${partsWanted}`;
  // Croner's own words here echo the input and offer the year field.
  if (!parts[0]?.startsWith('@') && parts.length !== 5 && parts.length !== 6) return `it has ${parts.length} parts; ${partsWanted}`;
  let cron: Cron;
  try {
    cron = new Cron(pattern, { paused: true });
  } catch (error) {
    return error instanceof Error ? error.message.replace(/^CronPattern:\s*/, '') : String(error);
  }
  // 30 February: accepted by croner, but the bot would show a schedule and never run.
  return cron.nextRun(new Date(referenceAt)) === null ? 'no date matches it, so it would never run' : undefined;
}

/** The first time the pattern fires strictly after `afterAt` (epoch ms), or undefined if never. */
export function nextFireAt(pattern: string, afterAt: number): number | undefined {
  const next = new Cron(pattern, { paused: true }).nextRun(new Date(afterAt));
  return next === null ? undefined : next.getTime();
}
