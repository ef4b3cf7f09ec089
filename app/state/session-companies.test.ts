import { describe, expect, it } from 'vitest';
import type { CompanyView, ErrorView } from '../common/contract.js';
import { sessionCompanies } from './session-companies.js';

const manager = { subject: 'demo-user-0001', name: 'Dr Demo Supervisor' };
const colleague = { subject: 'colleague-0001', name: 'Nurse Demo Colleague' };
const withdrawn: ErrorView = { code: 'company_consent_withdrawn', message: 'Company demo-clinic-1003 no longer allows RPA Supervisor to act for it.' };
const away: ErrorView = { code: 'company_provider_unavailable', message: 'The provider could not be reached.' };

function company(companyId: string, rest: Partial<CompanyView> = {}): CompanyView {
  return { profileId: 'partner', companyId, connectedBy: manager, connectedAt: 1_000, status: 'connected', ...rest };
}

const all: CompanyView[] = [
  company('demo-clinic-1001', { status: 'tokenValid', tokenExpiresAt: 90_000 }),
  company('demo-clinic-1002'),
  company('demo-clinic-1003', { status: 'error', error: withdrawn, errorAt: 5_000 }),
  company('demo-clinic-1004', { status: 'error', error: away, errorAt: 5_000 }),
  company('colleagues-own', { connectedBy: colleague }),
  company('other-profile', { profileId: 'other' }),
];

describe('sessionCompanies', () => {
  it('lists the companies the signed-in person connected on this profile, each with its token state in times and states only', () => {
    expect(sessionCompanies(all, { profileId: 'partner', subject: manager.subject, isAdmin: false })).toEqual([
      { companyId: 'demo-clinic-1001', token: 'live', tokenExpiresAt: 90_000 },
      { companyId: 'demo-clinic-1002', token: 'onRequest' },
      { companyId: 'demo-clinic-1003', token: 'refused', error: withdrawn },
      { companyId: 'demo-clinic-1004', token: 'retrying', error: away },
    ]);
  });

  it('a company someone else connected is listed only once this person connected it too', () => {
    expect(sessionCompanies(all, { profileId: 'partner', subject: colleague.subject, isAdmin: false }).map((c) => c.companyId)).toEqual(['colleagues-own']);
    const shared = [company('demo-clinic-1001', { alsoConnectedBy: [{ ...colleague, connectedAt: 2_000 }] })];
    expect(sessionCompanies(shared, { profileId: 'partner', subject: colleague.subject, isAdmin: false })).toEqual([{ companyId: 'demo-clinic-1001', token: 'onRequest' }]);
  });

  it('an admin named by the machine policy may use every company of the profile, and those they did not connect say so', () => {
    const listed = sessionCompanies(all, { profileId: 'partner', subject: colleague.subject, isAdmin: true });
    expect(listed.map((c) => [c.companyId, c.asAdmin ?? false])).toEqual([
      ['demo-clinic-1001', true],
      ['demo-clinic-1002', true],
      ['demo-clinic-1003', true],
      ['demo-clinic-1004', true],
      ['colleagues-own', false],
    ]);
  });

  it('a client the provider refused needs a person too: Start is refused until the secret is fixed', () => {
    const refusedClient: ErrorView = { code: 'company_client_refused', message: 'HCSS refused the client id or client secret.' };
    expect(sessionCompanies([company('c', { status: 'error', error: refusedClient })], { profileId: 'partner', subject: manager.subject, isAdmin: false })).toEqual([
      { companyId: 'c', token: 'refused', error: refusedClient },
    ]);
  });
});
