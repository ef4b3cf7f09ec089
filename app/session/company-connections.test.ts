import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { companyIdFromTokens } from './company-connections.js';

const key = new TextEncoder().encode('k'.repeat(32));
const jwt = (claims: Record<string, unknown>) => new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).sign(key);

describe('companyIdFromTokens', () => {
  it('reads the configured claim from the access-token JWT first, then the ID token', async () => {
    const access = await jwt({ CompanyId: 'from-access', Tenant: 't-1' });
    const id = await jwt({ CompanyId: 'from-id', Other: 'o-1' });
    expect(companyIdFromTokens('CompanyId', { accessToken: access, idToken: id })).toBe('from-access');
    expect(companyIdFromTokens('Other', { accessToken: access, idToken: id })).toBe('o-1');
    expect(companyIdFromTokens('Tenant', { accessToken: 'opaque', idToken: id })).toBeUndefined();
    expect(companyIdFromTokens('CompanyId', { accessToken: 'opaque', idToken: id })).toBe('from-id');
    expect(companyIdFromTokens('CompanyId', { accessToken: 'opaque' })).toBeUndefined();
  });

  it('accepts numeric company ids', async () => {
    expect(companyIdFromTokens('CompanyId', { accessToken: await jwt({ CompanyId: 1001 }) })).toBe('1001');
  });
});
