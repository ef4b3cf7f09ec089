import type { Disposable } from '../common/contract.js';
import type { Clock } from '../ports/clock.js';

/** Why the sign-in was started: an ordinary sign-in, or connecting an HCSS company. */
export type SignInPurpose = 'signIn' | 'connectCompany';

/** One sign-in in flight: everything needed to check and redeem its callback. */
export interface PendingAuthorization {
  state: string;
  profileId: string;
  codeVerifier: string;
  nonce: string;
  redirectUri: string;
  authorizationUrl: string;
  createdAt: number;
  expiresAt: number;
  /** Where the callback must arrive: a deep link (custom scheme or bounce page) or the loopback listener. */
  channel?: 'deepLink' | 'loopback';
  purpose?: SignInPurpose;
}

export type EndReason = 'superseded' | 'cancelled' | 'timedOut';

/**
 * One-shot pending sign-ins keyed by state. At most one per profile: adding a new one ends the
 * old one deterministically (S11). `take` deletes on first use, so a replayed callback finds
 * nothing (S5). Expiry is judged from wall-clock time on every lookup; the timer only tidies up.
 */
export class PendingAuthorizations {
  readonly #byState = new Map<string, { entry: PendingAuthorization; timer: Disposable }>();
  readonly #clock: Clock;
  readonly #onEnded: (entry: PendingAuthorization, reason: EndReason) => void;

  constructor(clock: Clock, onEnded: (entry: PendingAuthorization, reason: EndReason) => void) {
    this.#clock = clock;
    this.#onEnded = onEnded;
  }

  add(entry: PendingAuthorization): void {
    const previous = this.forProfile(entry.profileId);
    if (previous) this.#end(previous, 'superseded');
    const timer = this.#clock.setTimer(() => {
      const current = this.#byState.get(entry.state);
      if (current?.entry === entry) this.#end(entry, 'timedOut');
    }, entry.expiresAt - this.#clock.now());
    this.#byState.set(entry.state, { entry, timer });
  }

  /** Removes and returns the entry for `state` if it is still live. */
  take(state: string): PendingAuthorization | undefined {
    const found = this.#byState.get(state);
    if (!found) return undefined;
    if (this.#clock.now() >= found.entry.expiresAt) {
      this.#end(found.entry, 'timedOut');
      return undefined;
    }
    found.timer.dispose();
    this.#byState.delete(state);
    return found.entry;
  }

  /** The live entry for `state`, without using it up. */
  peek(state: string): PendingAuthorization | undefined {
    const found = this.#byState.get(state);
    return found && this.#clock.now() < found.entry.expiresAt ? found.entry : undefined;
  }

  forProfile(profileId: string): PendingAuthorization | undefined {
    for (const { entry } of this.#byState.values()) if (entry.profileId === profileId) return entry;
    return undefined;
  }

  cancel(profileId: string): boolean {
    const entry = this.forProfile(profileId);
    if (!entry) return false;
    this.#end(entry, 'cancelled');
    return true;
  }

  get size(): number {
    return this.#byState.size;
  }

  dispose(): void {
    for (const { timer } of this.#byState.values()) timer.dispose();
    this.#byState.clear();
  }

  #end(entry: PendingAuthorization, reason: EndReason): void {
    const found = this.#byState.get(entry.state);
    if (!found || found.entry !== entry) return;
    found.timer.dispose();
    this.#byState.delete(entry.state);
    this.#onEnded(entry, reason);
  }
}
