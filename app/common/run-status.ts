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
