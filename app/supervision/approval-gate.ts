import type { ApprovalView, Disposable, UserView } from '../common/contract.js';
import { ListenerSet } from '../common/listener-set.js';
import { supervisorError } from '../error-catalogue.js';
import type { Clock } from '../ports/clock.js';

/** Where one run stands: not asked yet (no token requested), waiting for the human, decided. */
type Entry = { view: Omit<ApprovalView, 'requestedAt'>; phase: 'notRequested' } | { view: ApprovalView; phase: 'requested' | 'approved' | 'refused' };

export type ApprovalEvent =
  | { type: 'requested'; approval: ApprovalView }
  | { type: 'approved' | 'refused'; approval: ApprovalView; by: UserView };

/** What the broker hears about a run's first token request. */
export type ApprovalState = 'none' | 'waiting' | 'approved' | 'refused';

/**
 * Runs that need the supervisor's approval before they get a token (a manifest's
 * `requiresApproval`, or the machine policy). The first token request asks; the page decides once.
 */
export class ApprovalGate {
  readonly #clock: Clock;
  readonly #entries = new Map<string, Entry>();
  readonly #events: ListenerSet<ApprovalEvent>;

  constructor(options: { clock: Clock; onListenerError?: (error: unknown) => void }) {
    this.#clock = options.clock;
    this.#events = new ListenerSet(options.onListenerError);
  }

  /** The run will need approval; nothing is shown until its first token request. */
  require(view: Omit<ApprovalView, 'requestedAt'>): void {
    this.#entries.set(view.runId, { view, phase: 'notRequested' });
  }

  /** A token request: the first one opens the approval; later ones hear where it stands. */
  request(runId: string): ApprovalState {
    const entry = this.#entries.get(runId);
    if (!entry) return 'none';
    if (entry.phase === 'notRequested') {
      const approval: ApprovalView = { ...entry.view, requestedAt: this.#clock.now() };
      this.#entries.set(runId, { view: approval, phase: 'requested' });
      this.#events.emit({ type: 'requested', approval });
      return 'waiting';
    }
    return entry.phase === 'requested' ? 'waiting' : entry.phase;
  }

  state(runId: string): ApprovalState {
    const entry = this.#entries.get(runId);
    if (!entry) return 'none';
    return entry.phase === 'notRequested' || entry.phase === 'requested' ? 'waiting' : entry.phase;
  }

  decide(runId: string, decision: 'approved' | 'refused', by: UserView): ApprovalView {
    const entry = this.#entries.get(runId);
    if (!entry || entry.phase !== 'requested') throw supervisorError('approval_not_pending');
    this.#entries.set(runId, { view: entry.view, phase: decision });
    this.#events.emit({ type: decision, approval: entry.view, by });
    return entry.view;
  }

  get(runId: string): ApprovalView | undefined {
    const entry = this.#entries.get(runId);
    return entry?.phase === 'requested' ? entry.view : undefined;
  }

  /** Approvals waiting for the human, oldest first. */
  pending(): ApprovalView[] {
    return [...this.#entries.values()].flatMap((entry) => (entry.phase === 'requested' ? [entry.view] : []));
  }

  release(runId: string): void {
    this.#entries.delete(runId);
  }

  onDidEvent(listener: (event: ApprovalEvent) => void): Disposable {
    return this.#events.add(listener);
  }
}
