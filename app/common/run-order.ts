import type { RunCursor } from './views.js';

/**
 * The order of every run list: newest start first, the run id breaking ties, so a page's last run
 * is a cursor that names one place in the order however many runs started in the same millisecond.
 */
export function newestFirst(a: RunCursor, b: RunCursor): number {
  return b.startedAt - a.startedAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

/** Whether `run` comes after `cursor` in that order (is older); every run does without a cursor. */
export function isOlder(run: RunCursor, cursor: RunCursor | undefined): boolean {
  return cursor === undefined || newestFirst(cursor, run) < 0;
}
