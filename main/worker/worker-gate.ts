import type { CheckpointAnswer, SupervisionGate } from '../../app/broker/supervision-gate.js';
import type { Disposable } from '../../app/common/contract.js';
import { ListenerSet } from '../../app/common/listener-set.js';
import type { QuestionOutcome } from '../../app/supervision/question-board.js';

/**
 * The worker broker's supervision side: what the desktop asked over the control channel for each
 * run (pause, resume, stop at safe point), answered at the bot's next `checkpoint()`. Tokens are
 * gated by the lease itself (LeaseSessionAccess), so `hold` never holds; questions are answered
 * on the desktop only, so a remote bot's question is refused as for an unknown run.
 */
export class WorkerGate implements SupervisionGate {
  readonly #answers = new Map<string, CheckpointAnswer>();
  readonly #changes = new ListenerSet<void>();

  hold(): undefined {
    return undefined;
  }

  checkpoint(runId: string): CheckpointAnswer {
    return this.#answers.get(runId) ?? 'continue';
  }

  ask(): Promise<QuestionOutcome> | undefined {
    return undefined;
  }

  /** `stop` is final for the run: a later resume does not undo a safe stop. */
  set(runId: string, answer: CheckpointAnswer): void {
    if (this.#answers.get(runId) === 'stop') return;
    if (answer === 'continue') this.#answers.delete(runId);
    else this.#answers.set(runId, answer);
    this.#changes.emit();
  }

  forget(runId: string): void {
    this.#answers.delete(runId);
  }

  onDidChange(listener: () => void): Disposable {
    return this.#changes.add(listener);
  }
}
