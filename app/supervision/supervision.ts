import type { Disposable } from '../common/contract.js';
import { ListenerSet } from '../common/listener-set.js';
import type { CheckpointAnswer, SupervisionGate, SupervisionHold } from '../broker/supervision-gate.js';
import type { RunControls } from '../bots/run-controls.js';
import type { EffectiveSupervision } from '../policy/supervision-policy.js';
import type { Clock } from '../ports/clock.js';
import { ApprovalGate } from './approval-gate.js';
import { PresenceMonitor } from './presence-monitor.js';
import { QuestionBoard, type QuestionContext, type QuestionOutcome, type QuestionRequest, type RedactText } from './question-board.js';

export interface SupervisionDeps {
  clock: Clock;
  policy: EffectiveSupervision;
  /** Pause and safe stop, set by the run manager from the operator's commands. */
  controls: RunControls;
  /** The run a bot's question is about; undefined once it ended. */
  runContext: (runId: string) => QuestionContext | undefined;
  /** Questions and typed answers are redacted as the run's output is (QuestionBoard). */
  redactText?: RedactText;
  /** Idle counts from the start, not from the first presence signal (PresenceMonitor). */
  idleFromStart?: boolean;
  onListenerError?: (error: unknown) => void;
}

/**
 * The supervisor's presence, bots' questions and run approvals, and the broker's view of them
 * (`SupervisionGate`). Only the page acts on them, through contract commands; the broker can
 * ask, hold and report, never answer or approve (S57).
 */
export class Supervision implements SupervisionGate {
  readonly presence: PresenceMonitor;
  readonly questions: QuestionBoard;
  readonly approvals: ApprovalGate;
  readonly policy: EffectiveSupervision;
  readonly #deps: SupervisionDeps;
  readonly #changes: ListenerSet<void>;
  readonly #subscriptions: Disposable[];

  constructor(deps: SupervisionDeps) {
    this.#deps = deps;
    this.policy = deps.policy;
    const { clock, onListenerError } = deps;
    this.#changes = new ListenerSet(onListenerError);
    this.presence = new PresenceMonitor({ clock, policy: deps.policy, idleFromStart: deps.idleFromStart === true, ...(onListenerError ? { onListenerError } : {}) });
    this.questions = new QuestionBoard({ clock, ...(deps.redactText ? { redact: deps.redactText } : {}), ...(onListenerError ? { onListenerError } : {}) });
    this.approvals = new ApprovalGate({ clock, ...(onListenerError ? { onListenerError } : {}) });
    const changed = () => this.#changes.emit();
    this.#subscriptions = [this.presence.onDidChange(changed), this.approvals.onDidEvent(changed), deps.controls.onDidChange(changed), this.questions.onDidEvent(changed)];
  }

  hold(runId: string, _profileId: string): SupervisionHold | undefined {
    const approval = this.approvals.request(runId);
    if (approval === 'refused') return 'run_refused';
    if (approval === 'waiting') return 'approval_pending';
    // Whatever the absence policy: runs that will be halted are not served meanwhile either.
    if (!this.presence.present) return 'supervisor_absent';
    return undefined;
  }

  checkpoint(runId: string, _profileId: string): CheckpointAnswer {
    return this.#deps.controls.checkpoint(runId, !this.presence.present);
  }

  ask(runId: string, request: QuestionRequest, hungUp?: AbortSignal): Promise<QuestionOutcome> | undefined {
    const context = this.#deps.runContext(runId);
    if (!context) return undefined;
    return this.questions.ask(context, request, hungUp).outcome;
  }

  onDidChange(listener: () => void): Disposable {
    return this.#changes.add(listener);
  }

  /** The run ended: its questions are answered `runFinished`, its approval forgotten. */
  releaseRun(runId: string): void {
    this.questions.closeForRun(runId);
    this.approvals.release(runId);
  }

  dispose(): void {
    for (const subscription of this.#subscriptions) subscription.dispose();
    this.questions.dispose();
    this.presence.dispose();
    this.#changes.clear();
  }
}
