import type { SessionCompanyView } from '../../app/common/contract.js';

/** One line of a partner sign-in card's company list. */
export interface SessionCompanyRow {
  companyId: string;
  /** The company the person signed in with (the sign-in's own CompanyId claim). */
  ownSignIn: boolean;
  /** Absent for a sign-in's own company that is not connected: only bots naming no company act for it. */
  company?: SessionCompanyView;
}

/**
 * The card's one list of companies: the ones this person may use, with the company they signed in
 * with marked and first, so the card needs no separate "Company" line. That company joins the list
 * even when it is not connected (removed in Settings while signed in), because bots that name no
 * company still act for it with the person's own sign-in.
 */
export function sessionCompanyRows(companies: readonly SessionCompanyView[], ownCompany: string | undefined): SessionCompanyRow[] {
  const rows = companies.map((company) => ({ companyId: company.companyId, ownSignIn: company.companyId === ownCompany, company }));
  const own = rows.filter((row) => row.ownSignIn);
  const others = rows.filter((row) => !row.ownSignIn);
  if (ownCompany !== undefined && own.length === 0) return [{ companyId: ownCompany, ownSignIn: true }, ...others];
  return [...own, ...others];
}
