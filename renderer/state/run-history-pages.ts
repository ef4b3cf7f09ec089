import type { RunCursor, RunView } from '../../app/common/contract.js';
import { isOlder } from '../../app/common/run-order.js';

/** Runs per page of the Run history screen. Each request asks for one more, to know whether older runs exist. */
export const runHistoryPageSize = 500;

export interface RunHistoryPages {
  /** Newest first, as far back as loaded. */
  runs: readonly RunView[];
  /** Older runs exist than the oldest loaded: the screen offers "Load older runs". */
  hasOlder: boolean;
}

/** Where the next older page starts: the oldest run loaded. */
export function olderCursor(pages: RunHistoryPages): RunCursor | undefined {
  const last = pages.runs.at(-1);
  return pages.hasOlder && last ? { startedAt: last.startedAt, id: last.id } : undefined;
}

/**
 * The newest page read again (a run started or ended). Older pages already loaded stay below it
 * when the two join up, so the user keeps their place; if they do not (more runs started in
 * between than a page holds), the list starts again from the newest page.
 */
export function withNewestPage(previous: RunHistoryPages | undefined, answer: readonly RunView[]): RunHistoryPages {
  const runs = answer.slice(0, runHistoryPageSize);
  const hasOlder = answer.length > runHistoryPageSize;
  const last = runs.at(-1);
  if (!previous || !hasOlder || !last) return { runs, hasOlder };
  const older = previous.runs.filter((run) => isOlder(run, last));
  const joined = older.length < previous.runs.length;
  return joined && older.length > 0 ? { runs: [...runs, ...older], hasOlder: previous.hasOlder } : { runs, hasOlder };
}

/** An older page, asked for from `cursor`, added below the runs loaded (unless they changed meanwhile). */
export function withOlderPage(previous: RunHistoryPages, cursor: RunCursor, answer: readonly RunView[]): RunHistoryPages {
  const last = previous.runs.at(-1);
  if (!last || last.id !== cursor.id || last.startedAt !== cursor.startedAt) return previous;
  const known = new Set(previous.runs.map((run) => run.id));
  const added = answer.slice(0, runHistoryPageSize).filter((run) => !known.has(run.id));
  return { runs: [...previous.runs, ...added], hasOlder: answer.length > runHistoryPageSize };
}
