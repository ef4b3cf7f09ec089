import type { CheckpointAnswer, SupervisionGate } from '../../app/broker/supervision-gate.js';
import type { Disposable } from '../../app/common/contract.js';
import { ListenerSet } from '../../app/common/listener-set.js';
import type { QuestionOutcome, QuestionRequest } from '../../app/supervision/question-board.js';

/** Where a bot's question goes from the worker (worker-questions.ts). */
export interface WorkerQuestionPort {
  ask(runId: string, request: QuestionRequest): Promise<QuestionOutcome>;
  runEnded(runId: string): void;
}

/**
 * The worker broker's supervision side: what the desktop asked over the control channel for each
 * run (pause, resume, stop at safe point), answered at the bot's next `checkpoint()`. Tokens are
 * gated by the lease itself (LeaseSessionAccess), so `hold` never holds. Questions are relayed to
 * the desktop, which alone answers them; without a relay a question is refused as for an unknown run.
 */
export class WorkerGate implements SupervisionGate {
  readonly #answers = new Map<string, CheckpointAnswer>();
  readonly #changes = new ListenerSet<void>();
  readonly #questions: WorkerQuestionPort | undefined;

  constructor(questions?: WorkerQuestionPort) {
    this.#questions = questions;
  }

  hold(): undefined {
    return undefined;
  }

  checkpoint(runId: string): CheckpointAnswer {
    return this.#answers.get(runId) ?? 'continue';
  }

  ask(runId: string, request: QuestionRequest): Promise<QuestionOutcome> | undefined {
    return this.#questions?.ask(runId, request);
  }

  /** `stop` is final for the run: a later resume does not undo a safe stop. */
  set(runId: string, answer: CheckpointAnswer): void {
    if (this.#answers.get(runId) === 'stop') return;
    if (answer === 'continue') this.#answers.delete(runId);
    else this.#answers.set(runId, answer);
    this.#changes.emit();
  }

  /** The run ended on this worker: its checkpoint answer goes, and its open questions end `runFinished`. */
  forget(runId: string): void {
    this.#answers.delete(runId);
    this.#questions?.runEnded(runId);
  }

  onDidChange(listener: () => void): Disposable {
    return this.#changes.add(listener);
  }
}
