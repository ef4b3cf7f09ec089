import { describe, expect, it } from 'vitest';
import type { SessionCompanyView } from '../../app/common/contract.js';
import { sessionCompanyRows } from './session-company-rows.js';

const company = (companyId: string): SessionCompanyView => ({ companyId, token: 'onRequest' });

describe('sessionCompanyRows', () => {
  it('marks the company the person signed in with and puts it first, keeping the others in order', () => {
    const [first, second, third] = [company('clinic-1'), company('clinic-2'), company('clinic-3')];
    expect(sessionCompanyRows([first, second, third], 'clinic-2')).toEqual([
      { companyId: 'clinic-2', ownSignIn: true, company: second },
      { companyId: 'clinic-1', ownSignIn: false, company: first },
      { companyId: 'clinic-3', ownSignIn: false, company: third },
    ]);
  });

  it('lists the sign-in’s own company even when it is not connected, without a token state', () => {
    expect(sessionCompanyRows([company('clinic-1')], 'clinic-9')).toEqual([
      { companyId: 'clinic-9', ownSignIn: true },
      { companyId: 'clinic-1', ownSignIn: false, company: company('clinic-1') },
    ]);
    expect(sessionCompanyRows([], 'clinic-9')).toEqual([{ companyId: 'clinic-9', ownSignIn: true }]);
  });

  it('a sign-in with no company claim marks nothing', () => {
    expect(sessionCompanyRows([company('clinic-1')], undefined)).toEqual([{ companyId: 'clinic-1', ownSignIn: false, company: company('clinic-1') }]);
    expect(sessionCompanyRows([], undefined)).toEqual([]);
  });
});
