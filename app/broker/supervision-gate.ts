import type { Disposable } from '../common/contract.js';
import type { QuestionOutcome, QuestionRequest } from '../supervision/question-board.js';

/** Why the broker holds a run's token back although its session could serve it. */
export type SupervisionHold = 'approval_pending' | 'run_refused' | 'supervisor_absent';

/** What a bot's `checkpoint()` hears. */
export type CheckpointAnswer = 'continue' | 'hold' | 'stop';

/**
 * The supervisor's side of the broker (app/supervision/): approvals, presence, questions, and
 * the operator's pause and safe stop. The broker only asks; it never decides.
 */
export interface SupervisionGate {
  /** Asked on every token request: undefined serves the token. The first request of a run that needs approval opens it. */
  hold(runId: string, profileId: string): SupervisionHold | undefined;
  checkpoint(runId: string, profileId: string): CheckpointAnswer;
  /** Opens the bot's question; undefined when the run is unknown (it ended). `hungUp` aborts when the bot stops waiting. */
  ask(runId: string, request: QuestionRequest, hungUp?: AbortSignal): Promise<QuestionOutcome> | undefined;
  /** Anything `hold` or `checkpoint` answer may have changed. */
  onDidChange(listener: () => void): Disposable;
}
