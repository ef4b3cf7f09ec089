import type { CompanyView, SessionCompanyView } from '../common/contract.js';
import { companyRefusalsNeedingAPerson } from '../session/company-denial.js';
import { mayUseCompany } from '../session/company-people.js';

/**
 * The companies of `profileId` whose tokens `subject`'s session is served (S67): those the person
 * connected (or connected too), or all of them for an admin the machine policy names. Each says
 * whether its bots would get a token now, from the company's own view: times and states, never a
 * token.
 */
export function sessionCompanies(companies: readonly CompanyView[], person: { profileId: string; subject: string; isAdmin: boolean }): SessionCompanyView[] {
  const listed: SessionCompanyView[] = [];
  for (const company of companies) {
    if (company.profileId !== person.profileId) continue;
    const connected = mayUseCompany(company, person.subject);
    if (!connected && !person.isAdmin) continue;
    listed.push({ companyId: company.companyId, ...tokenState(company), ...(connected ? {} : { asAdmin: true as const }) });
  }
  return listed;
}

function tokenState(company: CompanyView): Omit<SessionCompanyView, 'companyId' | 'asAdmin'> {
  if (company.status === 'error' && company.error) {
    return { token: companyRefusalsNeedingAPerson.has(company.error.code) ? 'refused' : 'retrying', error: company.error };
  }
  if (company.status === 'tokenValid' && company.tokenExpiresAt !== undefined) return { token: 'live', tokenExpiresAt: company.tokenExpiresAt };
  return { token: 'onRequest' };
}
