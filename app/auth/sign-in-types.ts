import type { ErrorView, UserView } from '../common/contract.js';
import type { ErrorCode } from '../common/error-catalogue.js';
import type { Profile } from '../config/profile.js';
import type { AuthCallback } from '../deep-link/parse-deep-link.js';
import type { Session } from '../session/session.js';
import type { EndCode, EndReason, SignInPurpose } from './sign-in-attempts.js';

/** Stable codes for an ignored answer: none waiting (S7), not ours (S4), or malformed (S8). */
export type IgnoreCode = 'no_pending_sign_in' | 'state_mismatch' | 'invalid_redirect';

export type SignInEvent =
  | { type: 'started'; profileId: string; prompt?: 'login'; purpose: SignInPurpose }
  | { type: 'exchanging'; profileId: string }
  | { type: 'completed'; profileId: string; subject: string; name?: string; reauthenticated: boolean; purpose: SignInPurpose }
  | { type: 'failed'; profileId: string; code: ErrorCode }
  | { type: 'ended'; profileId: string; reason: EndReason; code: EndCode }
  | { type: 'redirectIgnored'; reason: string; code: IgnoreCode };

export type RedirectOutcome =
  /**
   * `companyConnected`: the sign-in connected an HCSS company. With `verifiedBy`, another person
   * was already signed in: the company is theirs, their session stays, and the new sign-in only
   * proved the company's consent.
   */
  | { kind: 'signedIn'; profileId: string; companyConnected?: { companyId: string; person: UserView; verifiedBy?: UserView } }
  | { kind: 'failed'; profileId: string; error: ErrorView }
  | { kind: 'ignored'; reason: string; code: IgnoreCode };

/** A redeemed answer: the new session, not yet in place; `completeSignIn` puts it there. */
export interface Redeemed {
  kind: 'redeemed';
  profile: Profile;
  session: Session;
  purpose: SignInPurpose;
  state: string;
}

export interface StartOptions {
  prompt?: 'login';
  purpose?: SignInPurpose;
  /** Loopback profiles: where the listener hands the answer; true when the sign-in completed. */
  onLoopbackAnswer?: (link: AuthCallback) => Promise<boolean>;
}
