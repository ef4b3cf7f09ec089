import { describe, expect, it } from 'vitest';
import { mayUseCompany, withConnection } from './company-people.js';

const ids = { profileId: 'hcss', companyId: 'clinic-1' };
const manager = { subject: 'manager', name: 'Dr Manager' };
const colleague = { subject: 'colleague', name: 'Nurse Colleague' };

describe('who may use a connected HCSS company', () => {
  it('a colleague connecting the company is added, never takes it from the one who connected it first', () => {
    const first = withConnection(undefined, ids, { person: manager, at: 1 });
    const both = withConnection(first, ids, { person: colleague, at: 2 });
    expect(both).toEqual({ ...ids, connectedBy: manager, connectedAt: 1, alsoConnectedBy: [{ ...colleague, connectedAt: 2 }] });
    expect(mayUseCompany(both, 'manager')).toBe(true);
    expect(mayUseCompany(both, 'colleague')).toBe(true);
    expect(mayUseCompany(both, 'someone-else')).toBe(false);
    // Connecting again renews the same person's entry in place; nobody is listed twice.
    const again = withConnection(both, ids, { person: colleague, at: 3 });
    expect(again.alsoConnectedBy).toEqual([{ ...colleague, connectedAt: 3 }]);
  });

  it('the account that proved consent is kept while it differs, and forgotten when the person connects with their own', () => {
    const proof = { subject: 'manager-at-clinic-2', name: 'Dr Manager' };
    const verified = withConnection(undefined, ids, { person: manager, at: 1, verifiedBy: proof });
    expect(verified).toMatchObject({ connectedBy: manager, verifiedBy: proof });
    expect(withConnection(verified, ids, { person: manager, at: 2 })).toEqual({ ...ids, connectedBy: manager, connectedAt: 2 });
  });
});
