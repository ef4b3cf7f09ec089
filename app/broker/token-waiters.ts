import type { ServerResponse } from 'node:http';
import type { Clock } from '../ports/clock.js';
import { runFinished, type DenyAnswer } from './broker-denial.js';
import type { TokenGrant } from '../bots/session-access.js';
import { parkReasonFor, type ParkedRequests } from './parked-requests.js';

export type BrokerAnswer = { kind: 'grant'; grant: Extract<TokenGrant, { ok: true }> } | DenyAnswer;

/**
 * A refused run, or a company someone removed, is not waited out: the bot hears it at once,
 * whether the refusal arrives while its request is parked or was already there when it asked.
 */
export function isFinalRefusal(answer: BrokerAnswer): boolean {
  return answer.kind === 'deny' && (answer.code === 'run_refused' || answer.code === 'company_not_connected');
}

/** One parked token request: who asks, for what, and how to answer it once. */
interface Waiter {
  runId: string;
  profileId: string;
  company: string | undefined;
  minValidityMs: number;
  settle: (answer: BrokerAnswer) => void;
  unpark: () => void;
}

export interface TokenWaitersDeps {
  clock: Clock;
  parked: ParkedRequests;
  /** What the broker would answer this run right now. */
  ask: (runId: string, profileId: string, minValidityMs: number, company?: string) => BrokerAnswer;
  /** Writes the answer to the bot. */
  answer: (res: ServerResponse, answer: BrokerAnswer, runId: string) => void;
}

/**
 * The broker's long-polls (`waitMs`): token requests parked until the session becomes usable
 * (sign-in, re-authentication), the run is revoked, or their bound passes. Driven by session and
 * supervision changes, never by polling.
 */
export class TokenWaiters {
  readonly #deps: TokenWaitersDeps;
  readonly #byProfile = new Map<string, Set<Waiter>>();

  constructor(deps: TokenWaitersDeps) {
    this.#deps = deps;
  }

  wait(res: ServerResponse, runId: string, profileId: string, company: string | undefined, minValidityMs: number, waitMs: number): void {
    const { ask, answer, clock, parked } = this.#deps;
    let settled = false;
    let waiters = this.#byProfile.get(profileId);
    if (!waiters) {
      waiters = new Set();
      this.#byProfile.set(profileId, waiters);
    }
    const set = waiters;
    const cleanup = () => {
      settled = true;
      timer.dispose();
      waiter.unpark();
      set.delete(waiter);
      if (set.size === 0 && this.#byProfile.get(profileId) === set) this.#byProfile.delete(profileId);
    };
    const waiter: Waiter = {
      runId,
      profileId,
      company,
      minValidityMs,
      unpark: parked.park(runId, parkReasonFor(ask(runId, profileId, minValidityMs, company))),
      settle: (reply) => {
        if (settled) return;
        cleanup();
        answer(res, reply, runId);
      },
    };
    const timer = clock.setTimer(() => waiter.settle(ask(runId, profileId, minValidityMs, company)), waitMs);
    set.add(waiter);
    // The bot gave up (or died): forget it without answering.
    res.once('close', () => {
      if (!settled) cleanup();
    });
  }

  /** The profile's session (or its supervision) changed: answer whoever can now be answered. */
  sessionChanged(profileId: string): void {
    const waiters = this.#byProfile.get(profileId);
    if (!waiters) return;
    for (const waiter of [...waiters]) {
      const reply = this.#deps.ask(waiter.runId, profileId, waiter.minValidityMs, waiter.company);
      if (reply.kind === 'grant' || isFinalRefusal(reply)) waiter.settle(reply);
      else {
        // Still waiting, perhaps for something else now (the sign-in came back, the supervisor did not).
        waiter.unpark();
        waiter.unpark = this.#deps.parked.park(waiter.runId, parkReasonFor(reply));
      }
    }
  }

  /** Supervision changed for everyone: re-ask every parked request. */
  everythingChanged(): void {
    for (const profileId of [...this.#byProfile.keys()]) this.sessionChanged(profileId);
  }

  /** The run's secret was revoked: its parked requests are answered `run_finished`. */
  runRevoked(runId: string): void {
    for (const waiters of this.#byProfile.values()) {
      for (const waiter of [...waiters]) {
        if (waiter.runId === runId) waiter.settle(runFinished());
      }
    }
  }

  get count(): number {
    let count = 0;
    for (const waiters of this.#byProfile.values()) count += waiters.size;
    return count;
  }
}
