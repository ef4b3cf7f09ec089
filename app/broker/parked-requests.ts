import type { Disposable } from '../common/contract.js';
import { ListenerSet } from '../common/listener-set.js';
import type { ParkReason } from './supervision-routes.js';

/**
 * Which requests each run has parked in the broker, and for what: the run's view follows it
 * (waiting for sign-in, waiting for the supervisor, holding at a checkpoint).
 */
export class ParkedRequests {
  readonly #parked = new Map<string, ParkReason[]>();
  readonly #changes = new ListenerSet<string>();

  /** Records one parked request; the returned function (idempotent) forgets it. */
  park(runId: string, reason: ParkReason): () => void {
    const list = this.#parked.get(runId) ?? [];
    list.push(reason);
    this.#parked.set(runId, list);
    this.#changes.emit(runId);
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const current = this.#parked.get(runId) ?? [];
      current.splice(current.indexOf(reason), 1);
      if (current.length === 0) this.#parked.delete(runId);
      this.#changes.emit(runId);
    };
  }

  /** The most telling reason among the run's parked requests. */
  reason(runId: string): ParkReason | undefined {
    const reasons = this.#parked.get(runId);
    if (!reasons) return undefined;
    return (['approval', 'presence', 'signIn', 'company', 'answer', 'checkpoint'] as const).find((reason) => reasons.includes(reason));
  }

  onDidChange(listener: (runId: string) => void): Disposable {
    return this.#changes.add(listener);
  }
}

/** What a request the broker could not serve yet waits for, from its refusal code. */
export function parkReasonFor(answer: { kind: 'grant' } | { kind: 'deny'; code: string }): ParkReason {
  if (answer.kind === 'deny' && answer.code === 'approval_pending') return 'approval';
  if (answer.kind === 'deny' && answer.code === 'supervisor_absent') return 'presence';
  // An HCSS company's token: the person's own sign-in is fine, so the run does not wait for one.
  if (answer.kind === 'deny' && answer.code.startsWith('company_')) return 'company';
  return 'signIn';
}
