import { Cron } from 'croner';

/**
 * Cron patterns, parsed by croner (never by hand): five fields (minute hour day month weekday),
 * or six with seconds first, in the computer's local time zone.
 */
export function cronProblem(pattern: string): string | undefined {
  try {
    new Cron(pattern, { paused: true });
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message.replace(/^CronPattern:\s*/, '') : String(error);
  }
}

/** The first time the pattern fires strictly after `afterAt` (epoch ms), or undefined if never. */
export function nextFireAt(pattern: string, afterAt: number): number | undefined {
  const next = new Cron(pattern, { paused: true }).nextRun(new Date(afterAt));
  return next === null ? undefined : next.getTime();
}
