import type { NextScheduledView, RunView, TodaySummaryView } from '../common/contract.js';
import { runOutcomeOf, type RunOutcome } from '../common/run-status.js';
import { localDay } from './local-day.js';

export interface TodaySummaryInput {
  /** Recent runs in any order; those started before local midnight are ignored. */
  runs: readonly RunView[];
  now: number;
  /** IANA time zone whose midnight starts the day; default the computer's own. */
  timeZone?: string | undefined;
  nextScheduled?: NextScheduledView | undefined;
}

/** The "Today" summary: runs started since local midnight, by outcome, and what is scheduled next. */
export function summariseToday(input: TodaySummaryInput): TodaySummaryView {
  const day = localDay(input.now, input.timeZone);
  const counts: Record<RunOutcome, number> = { succeeded: 0, failed: 0, running: 0, waiting: 0, stopped: 0 };
  let runs = 0;
  for (const run of input.runs) {
    if (run.startedAt < day.startAt || run.startedAt >= day.endAt) continue;
    runs++;
    counts[runOutcomeOf(run.status)]++;
  }
  return {
    dayStartedAt: day.startAt,
    dayEndsAt: day.endAt,
    runs,
    ...counts,
    ...(input.nextScheduled ? { nextScheduled: input.nextScheduled } : {}),
  };
}
