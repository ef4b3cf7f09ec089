import type { Disposable, ErrorView, PreflightView } from '../common/contract.js';
import type { CallbackRoute } from '../deep-link/parse-deep-link.js';
import { supervisorError } from '../error-catalogue.js';

/** Why a sign-in was started: an ordinary sign-in, or connecting an HCSS company. */
export type SignInPurpose = 'signIn' | 'connectCompany';

/** A sign-in waiting for the provider's answer: everything needed to check and redeem it. */
export interface WaitingForBrowser {
  phase: 'waitingForBrowser';
  profileId: string;
  purpose: SignInPurpose;
  /** One-shot key of the attempt: the answer must carry it (S4), and it is taken once (S5). */
  state: string;
  codeVerifier: string;
  nonce: string;
  redirectUri: string;
  /** Where the answer must arrive: a loopback sign-in never answers on the custom scheme. */
  route: CallbackRoute;
  authorizationUrl: string;
  startedAt: number;
  expiresAt: number;
  /** Ends the attempt at `expiresAt`; disposed whenever the attempt leaves this phase. */
  timer: Disposable;
  /** The loopback listener, closed whenever the attempt leaves this phase without its answer (S9). */
  loopback?: { close(): Promise<void> };
  /** What the pre-flight found wrong before the browser opened (S55); absent when all was well. */
  preflight?: PreflightView;
}

/** The answer was taken; the code is being redeemed at the token endpoint. */
export interface Exchanging {
  phase: 'exchanging';
  profileId: string;
  purpose: SignInPurpose;
  state: string;
}

/**
 * One profile's sign-in attempt. Each member carries exactly its own data; the verifier and
 * nonce exist only while the attempt waits for its answer.
 */
export type SignInAttempt = { phase: 'idle' } | WaitingForBrowser | Exchanging | { phase: 'failed'; error: ErrorView };

export type SignInPhase = SignInAttempt['phase'];

/** What a view may know about a profile's attempt: never the verifier, nonce or state. */
export type SignInPhaseView =
  | { phase: 'idle' }
  | { phase: 'waitingForBrowser'; authorizationUrl: string; signInExpiresAt: number; preflight?: PreflightView }
  | { phase: 'exchanging' }
  | { phase: 'failed'; error: ErrorView };

export function phaseView(attempt: SignInAttempt): SignInPhaseView {
  switch (attempt.phase) {
    case 'waitingForBrowser':
      return {
        phase: 'waitingForBrowser',
        authorizationUrl: attempt.authorizationUrl,
        signInExpiresAt: attempt.expiresAt,
        ...(attempt.preflight ? { preflight: attempt.preflight } : {}),
      };
    case 'exchanging':
      return { phase: 'exchanging' };
    default:
      return attempt;
  }
}

/** How a waiting attempt ended without an answer, and its stable code (app/error-catalogue.ts). */
export type EndReason = 'superseded' | 'cancelled' | 'timedOut';
export type EndCode = 'sign_in_superseded' | 'sign_in_cancelled' | 'sign_in_timed_out';
export const endCodes: Record<EndReason, EndCode> = { superseded: 'sign_in_superseded', cancelled: 'sign_in_cancelled', timedOut: 'sign_in_timed_out' };

/**
 * Allowed moves (docs/architecture.md has the diagram). A start supersedes a waiting attempt
 * (waitingForBrowser → waitingForBrowser, S11) and may begin while a code is still being
 * redeemed; cancel ends a waiting or redeeming attempt and forgets a failed one (sign-out, so no stale error
 * remains); otherwise a failed attempt stays failed until the next start.
 */
export const signInTransitions: Readonly<Record<SignInPhase, readonly SignInPhase[]>> = {
  // Start, or a start that fails before the browser opens (discovery, loopback port).
  idle: ['waitingForBrowser', 'failed'],
  // Superseded by a new start; answer taken; cancelled; timed out, refused, or a new start failed.
  waitingForBrowser: ['waitingForBrowser', 'exchanging', 'idle', 'failed'],
  // A new start meanwhile; signed in, or cancelled (sign-out, S124); the exchange failed.
  exchanging: ['waitingForBrowser', 'idle', 'failed'],
  // A new start, a start that fails again, or cancelled: forgotten at sign-out (no stale error).
  failed: ['waitingForBrowser', 'failed', 'idle'],
};

export function canTransitionSignIn(from: SignInPhase, to: SignInPhase): boolean {
  return signInTransitions[from].includes(to);
}

/** An impossible move is a bug in this app, never the user's doing. */
export function assertSignInTransition(from: SignInPhase, to: SignInPhase): void {
  if (!canTransitionSignIn(from, to)) throw supervisorError('internal_error', { cause: new Error(`sign-in attempt cannot go from ${from} to ${to}`) });
}

export type TakeResult =
  | { kind: 'taken'; attempt: WaitingForBrowser }
  | { kind: 'expired'; attempt: WaitingForBrowser }
  | { kind: 'wrongRoute' }
  | { kind: 'none' };

/**
 * Every profile's attempt, and the only place an attempt changes. Leaving `waitingForBrowser`
 * always disposes its timer and closes its loopback listener, except when the answer arrived
 * through that listener, which answers the browser and then closes itself.
 */
export class SignInAttempts {
  readonly #byProfile = new Map<string, SignInAttempt>();

  get(profileId: string): SignInAttempt {
    return this.#byProfile.get(profileId) ?? { phase: 'idle' };
  }

  move(profileId: string, next: SignInAttempt): void {
    const current = this.get(profileId);
    assertSignInTransition(current.phase, next.phase);
    if (current.phase === 'waitingForBrowser') release(current, next.phase === 'exchanging' && current.route === 'loopback');
    this.#byProfile.set(profileId, next);
  }

  /**
   * Takes the waiting attempt whose state is `state`, once: it moves to `exchanging`, so a replay
   * finds nothing (S5). Expiry is judged from `now`, not from whether the timer has fired (sleep).
   * An answer by the wrong route leaves the attempt waiting.
   */
  take(state: string | undefined, route: CallbackRoute, now: number): TakeResult {
    const attempt = state === undefined ? undefined : this.#waiting().find((a) => a.state === state);
    if (!attempt) return { kind: 'none' };
    if (now >= attempt.expiresAt) return { kind: 'expired', attempt };
    if (attempt.route !== route) return { kind: 'wrongRoute' };
    this.move(attempt.profileId, { phase: 'exchanging', profileId: attempt.profileId, purpose: attempt.purpose, state: attempt.state });
    return { kind: 'taken', attempt };
  }

  hasWaiting(): boolean {
    return this.#waiting().length > 0;
  }

  /** Ends every attempt without an answer, e.g. at shutdown. */
  dispose(): void {
    for (const attempt of this.#byProfile.values()) if (attempt.phase === 'waitingForBrowser') release(attempt, false);
    this.#byProfile.clear();
  }

  #waiting(): WaitingForBrowser[] {
    return [...this.#byProfile.values()].filter((a): a is WaitingForBrowser => a.phase === 'waitingForBrowser');
  }
}

function release(attempt: WaitingForBrowser, answeredThroughLoopback: boolean): void {
  attempt.timer.dispose();
  if (!answeredThroughLoopback) void attempt.loopback?.close();
}
