import type { RunStatus } from './views.js';

/**
 * Runs that still have a process, or are about to: they can be stopped, their log grows, and a
 * supervisor that dies while they are live marks them `interrupted` on the next start. The run
 * state machine (app/bots/run-state.ts) makes every other status terminal.
 */
export const liveRunStatuses = ['queued', 'starting', 'running', 'waitingForSignIn', 'waitingForSupervisor', 'paused'] as const satisfies readonly RunStatus[];

export function isLiveRunStatus(status: RunStatus): boolean {
  return (liveRunStatuses as readonly RunStatus[]).includes(status);
}

/**
 * Live statuses whose process exists: the bot is working, waiting for a token or the human, or
 * paused. Pause, Resume and "Stop at next safe point" apply only to these.
 */
export const processRunStatuses = ['running', 'waitingForSignIn', 'waitingForSupervisor', 'paused'] as const satisfies readonly RunStatus[];

export function hasRunProcess(status: RunStatus): boolean {
  return (processRunStatuses as readonly RunStatus[]).includes(status);
}

/** What became of a run, as the Overview's Today counts and the Run history's Outcome group it. */
export type RunOutcome = 'succeeded' | 'failed' | 'running' | 'waiting' | 'stopped';

/**
 * A live run that is neither starting nor running is waiting for something (a slot, a sign-in,
 * the supervisor, Resume); a finished run that neither succeeded nor failed was stopped.
 */
export function runOutcomeOf(status: RunStatus): RunOutcome {
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

/**
 * How the core's own sentences (the run log's last line, the audit trail's "ended") say how a run
 * ended, in the words of the window's status labels: a `cancelled` run shows as "Stopped", so its
 * sentences say "stopped", not the status name.
 */
export function endedRunWords(status: RunStatus): string {
  switch (status) {
    case 'cancelled':
      return 'stopped';
    case 'timedOut':
      return 'timed out';
    case 'halted':
      return 'halted (the session ended)';
    default:
      return status;
  }
}
