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
