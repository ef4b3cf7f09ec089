import type { NextScheduledView, RunStatus, RunView, TodaySummaryView } from '../common/contract.js';
import { isLiveRunStatus } from '../common/run-status.js';
import { localDay } from './local-day.js';

export interface TodaySummaryInput {
  /** Recent runs in any order; those started before local midnight are ignored. */
  runs: readonly RunView[];
  now: number;
  /** IANA time zone whose midnight starts the day; default the computer's own. */
  timeZone?: string | undefined;
  nextScheduled?: NextScheduledView | undefined;
}

type Bucket = 'succeeded' | 'failed' | 'running' | 'waiting' | 'stopped';

/**
 * Which count a run adds to. Statuses not named here are sorted by whether they are live: a live
 * run that is neither starting nor running is waiting for something (a slot, a sign-in, the
 * supervisor); a finished one was stopped.
 */
function bucketOf(status: RunStatus): Bucket {
  switch (status) {
    case 'succeeded':
      return 'succeeded';
    case 'failed':
    case 'timedOut':
      return 'failed';
    case 'starting':
    case 'running':
      return 'running';
    default:
      return isLiveRunStatus(status) ? 'waiting' : 'stopped';
  }
}

/** The "Today" summary: runs started since local midnight, by outcome, and what is scheduled next. */
export function summariseToday(input: TodaySummaryInput): TodaySummaryView {
  const day = localDay(input.now, input.timeZone);
  const counts: Record<Bucket, number> = { succeeded: 0, failed: 0, running: 0, waiting: 0, stopped: 0 };
  let runs = 0;
  for (const run of input.runs) {
    if (run.startedAt < day.startAt || run.startedAt >= day.endAt) continue;
    runs++;
    counts[bucketOf(run.status)]++;
  }
  return {
    dayStartedAt: day.startAt,
    dayEndsAt: day.endAt,
    runs,
    ...counts,
    ...(input.nextScheduled ? { nextScheduled: input.nextScheduled } : {}),
  };
}
