import type { RunStatus } from '../common/contract.js';
import { isLiveRunStatus } from '../common/run-status.js';
import { supervisorError } from '../error-catalogue.js';

/**
 * A run's phase: the statuses a view shows, plus `stopping`, which only the core sees. A stopping
 * run still shows `running` until its process has exited and the run has ended.
 */
export type RunPhase = RunStatus | 'stopping';

/** Phases in which the bot's process exists and works, waits or is paused. */
const withProcess = ['running', 'waitingForSignIn', 'waitingForSupervisor', 'paused'] as const;

/** From a phase with a process: to the other such phases, to its end, or to a stop. */
const fromProcess = (self: RunPhase): RunPhase[] => [...withProcess.filter((phase) => phase !== self), 'stopping', 'succeeded', 'failed', 'interrupted'];

/**
 * The run lifecycle as an explicit state machine. Every phase change goes through
 * `assertRunTransition`, so an impossible history (a succeeded run becoming cancelled, say) is a
 * loud bug rather than a quietly wrong audit trail.
 *
 * queued → starting → running ⇄ waitingForSignIn ⇄ waitingForSupervisor ⇄ paused (each to each)
 *                        └─(any of those four)─▶ succeeded | failed, or stopping → cancelled | timedOut | halted
 * A run the history file holds as live (`stopping` is stored as `running`) becomes `interrupted`
 * at the next start when the supervisor died under it.
 */
export const runTransitions: Readonly<Record<RunPhase, readonly RunPhase[]>> = {
  // A queued run never had a process, so it can only start or be called off.
  queued: ['starting', 'cancelled', 'halted', 'interrupted'],
  // `failed`: the command could not be spawned. `halted`: the session ended while the run waited.
  // A stop asked for while the process is being created waits for it to exist (then `stopping`).
  starting: ['running', 'failed', 'halted', 'interrupted'],
  // The process ended on its own; somebody, or the time limit, asked it to stop; or it now waits
  // for a sign-in or the supervisor, or the operator paused it. Its process can exit in any of them.
  running: fromProcess('running'),
  waitingForSignIn: fromProcess('waitingForSignIn'),
  waitingForSupervisor: fromProcess('waitingForSupervisor'),
  paused: fromProcess('paused'),
  // Whoever asked first decides how the run ends, whatever the exit code.
  stopping: ['cancelled', 'timedOut', 'halted'],
  succeeded: [],
  failed: [],
  cancelled: [],
  timedOut: [],
  halted: [],
  interrupted: [],
};

/**
 * Phases in which a run holds a slot, a queue place or a process: the live statuses the renderer
 * knows (app/common/run-status.ts), plus `stopping`, which only the core sees.
 */
export function isLiveRunPhase(phase: RunPhase): boolean {
  return phase === 'stopping' || isLiveRunStatus(phase);
}

export function isTerminalRunStatus(status: RunPhase): boolean {
  return runTransitions[status].length === 0;
}

export function canTransitionRun(from: RunPhase, to: RunPhase): boolean {
  return runTransitions[from].includes(to);
}

/** Throws `invalid_run_transition` when the move is not in the table. */
export function assertRunTransition(from: RunPhase, to: RunPhase): void {
  if (!canTransitionRun(from, to)) throw supervisorError('invalid_run_transition', from, to);
}

/** What a view (and the history file) shows for a phase. */
export function viewStatusOf(phase: RunPhase): RunStatus {
  return phase === 'stopping' ? 'running' : phase;
}
