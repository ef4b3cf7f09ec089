import { describe, expect, it } from 'vitest';
import { discoverProvider } from '../auth/provider-discovery.js';
import { useMisbehavingProvider } from '../auth/test-support/use-misbehaving-provider.js';
import type { MisbehavingProvider } from '../auth/test-support/misbehaving-provider.js';
import { validateProfile } from './profile-validation.js';

/**
 * Provider guides give the discovery document's address (Healthcode: "…/.well-known/
 * openid-configuration"), and admins paste it where the issuer goes. openid-client takes a URL
 * with `/.well-known/` in it as the document itself and then skips the issuer check (S14), so
 * such an issuer must never reach discovery: the suffix is taken off, and any other
 * `/.well-known/` address is refused.
 */
const base = { id: 'clinic', name: 'Clinic', preset: 'custom', clientId: 'rpa' };

describe('an issuer pasted as the discovery document’s address', () => {
  it.each([
    ['https://auth.uat.healthcode.co.uk/.well-known/openid-configuration', 'https://auth.uat.healthcode.co.uk'],
    ['https://auth.uat.healthcode.co.uk/.well-known/openid-configuration/', 'https://auth.uat.healthcode.co.uk'],
    ['https://api.hcssapps.com/identity/.well-known/openid-configuration', 'https://api.hcssapps.com/identity'],
    ['https://auth.example.org/', 'https://auth.example.org/'],
  ])('%s is saved as the issuer %s', (pasted, issuer) => {
    const result = validateProfile({ ...base, issuer: pasted }, { asEntered: true });
    expect(result).toMatchObject({ ok: true, profile: { issuer } });
  });

  it('another /.well-known/ address is refused with what to enter instead', () => {
    const result = validateProfile({ ...base, issuer: 'https://auth.example.org/.well-known/oauth-authorization-server' }, { asEntered: true });
    expect(result).toEqual({ ok: false, fields: { issuer: expect.stringContaining('leave out /.well-known/') } });
  });
});

let provider: MisbehavingProvider;
useMisbehavingProvider({}, (started) => {
  provider = started;
});

describe('through a provider whose discovery document names another issuer', () => {
  it('S14 the pasted discovery address does not bypass the issuer check', async () => {
    provider.rewrite('/.well-known/openid-configuration', (upstream) => ({ body: JSON.stringify({ ...upstream.json, issuer: 'https://login.other.example' }) }));
    const result = validateProfile({ ...base, issuer: `${provider.issuer}/.well-known/openid-configuration`, clientId: provider.sandbox.clientId }, { asEntered: true });
    if (!result.ok) throw new Error(JSON.stringify(result.fields));
    await expect(discoverProvider(result.profile, undefined, { timeoutMs: 5_000 })).rejects.toMatchObject({ code: 'discovery_issuer_mismatch' });
  });
});
