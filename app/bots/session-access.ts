import type { Disposable, UserView } from '../common/contract.js';
import type { ErrorCode } from '../common/error-catalogue.js';

/**
 * What the bot machinery may ask of the session core. The lead's session manager implements it;
 * bots and the broker only ever see a token through `tokenFor`, so expiry policy stays in one place.
 */
export type TokenGrant =
  | { ok: true; accessToken: string; expiresAt: number; profileId: string; company?: string; supervisor: UserView }
  | {
      ok: false;
      /** The `company_…` codes are about an HCSS company (app/session/company-denial.ts): the session itself is fine. */
      code: 'signed_out' | 'session_expired' | 'insufficient_validity' | 'company_not_yours' | 'company_not_connected' | 'company_token_pending' | 'company_unavailable';
      message: string;
      expiresAt?: number;
      /** `company_not_yours`: who connected the company first, and who connected it too. */
      owner?: string;
      others?: string[];
      /** `company_unavailable`: the catalogue code of what the provider answered. */
      reason?: ErrorCode;
    };

export type TokenDenialCode = Extract<TokenGrant, { ok: false }>['code'];

export interface SessionAccess {
  /**
   * Current token for a profile, if at least minValidityMs remains. With `company` (an HCSS
   * partner bot) the grant is that company's token, served only while the supervisor's own
   * session for the profile is live.
   */
  tokenFor(profileId: string, minValidityMs: number, company?: string): TokenGrant;
  /** Fires whenever any session changes (sign-in, re-auth token swap, expiry, sign-out). */
  onDidChange(listener: (profileId: string) => void): Disposable;
}
