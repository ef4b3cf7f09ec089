/**
 * The sentences a run's own lines and its stop reason use when a person acted on it, naming them
 * (docs/ui.md, "Who acted on a run"). One place for local and fleet runs, so the run log, the run
 * detail, Run history, its CSV and the audit trail's "ended" record say the same words. `by` is
 * the person's name as `personName` gives it (app/audit/current-person.ts).
 */
export const actedByWords = {
  stopped: (by: string) => `Stopped by ${by}.`,
  stoppedAll: (by: string) => `Stopped by ${by} (stop all).`,
  stoppedAtSafePoint: (by: string) => `Stopped by ${by} at a safe point.`,
  cancelledWhileQueued: (by: string) => `Cancelled by ${by} while it waited in the queue.`,
  /** Sign out halts the profile's runs; `by` is the human whose session it was. */
  signedOut: (by: string) => `${by} signed out.`,
  /** A bot without checkpoints, held by a signal. */
  paused: (by: string) => `Paused by ${by}: the bot is stopped until Resume.`,
  /** A bot with checkpoints holds at its next one. */
  pauseAsked: (by: string) => `Pause asked for by ${by}: the bot holds at its next checkpoint.`,
  resumed: (by: string) => `Resumed by ${by}.`,
  safeStopAsked: (by: string) => `Stop at the next safe point asked for by ${by}.`,
  /** The same controls carried to the run's worker. */
  onWorker: {
    pause: (by: string) => `Pause asked for on the worker by ${by}.`,
    resume: (by: string) => `Resume asked for on the worker by ${by}.`,
    safeStop: (by: string) => `Stop at the next safe point asked for on the worker by ${by}.`,
  },
} as const;
