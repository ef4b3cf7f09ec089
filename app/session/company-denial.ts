import type { ErrorCode } from '../common/error-catalogue.js';

/**
 * Why a company's token cannot be served, in the company's own terms: never a session code, since
 * the person's sign-in is fine. `company_unavailable` carries the catalogue code of what the
 * provider answered (`reason`), so Start can be refused when only a person can put it right.
 */
export type CompanyDenial =
  /** `owner` connected the company first; `others` connected it too. */
  | { ok: false; code: 'company_not_yours'; message: string; owner: string; others?: string[] }
  | { ok: false; code: 'company_not_connected' | 'company_token_pending'; message: string }
  | { ok: false; code: 'company_unavailable'; message: string; reason: ErrorCode };

export type CompanyDenialCode = CompanyDenial['code'];

/** Refusals only a person can put right: the company adding the app again, or the admin fixing the client. */
export const companyRefusalsNeedingAPerson: ReadonlySet<ErrorCode> = new Set(['company_consent_withdrawn', 'company_client_refused']);
