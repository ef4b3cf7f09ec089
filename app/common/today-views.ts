/** The next run a schedule will start, for the "Today" summary. */
export interface NextScheduledView {
  botName: string;
  at: number;
}

/**
 * "Today" on the Overview: the runs started since local midnight, by outcome, and the next
 * scheduled run. Counted by the core from the run history (app/state/today-summary.ts).
 */
export interface TodaySummaryView {
  /** Local midnight that began the day counted here. */
  dayStartedAt: number;
  /** The next local midnight: the page asks for a fresh snapshot then. */
  dayEndsAt: number;
  /** Every run started today, whatever became of it. */
  runs: number;
  succeeded: number;
  /** Failed or timed out. */
  failed: number;
  /** Starting or running now. */
  running: number;
  /** Waiting to start or to continue: queued, or held until somebody acts. */
  waiting: number;
  /** Stopped by a person, halted at sign-out or interrupted. */
  stopped: number;
  /** Absent when no run is scheduled. */
  nextScheduled?: NextScheduledView;
}
