import { describe, expect, it } from 'vitest';
import type { ProfileView } from '../../app/common/contract.js';
import { clientSecretHint } from './client-secret-hint.js';
import { duplicateProfileForm } from './duplicate-profile-form.js';
import { profileCardActions } from './profile-card-actions.js';
import { formFromProfile } from './profile-form.js';

const uat: ProfileView = {
  id: 'healthcode-uat',
  name: 'Healthcode UAT',
  kind: 'oidc',
  preset: 'healthcodeUat',
  issuer: 'https://auth.uat.healthcode.co.uk',
  clientId: 'rpa-client',
  clientAuth: 'client_secret_basic',
  hasClientSecret: true,
  scopes: ['openid'],
  extraAuthParams: { audience: 'api' },
  redirectMode: 'bounce',
  bounceUrl: 'https://clinic.example/rpa-callback',
  redirectUri: 'https://clinic.example/rpa-callback',
  warningMinutes: [30, 5],
  defaultTokenLifetimeMs: 86_400_000,
  signInTimeoutMs: 300_000,
  reuseBrowserSignIn: false,
  expiryPolicy: 'stop',
  absencePolicy: 'stop',
  redaction: { nhsNumber: true, dateOfBirth: true, postcode: true, email: false, phone: false },
  screenshots: false,
  retentionDays: 30,
  locked: false,
  builtIn: false,
  draft: false,
};

describe('duplicateProfileForm', () => {
  it('carries every setting over, with a free id and a "(copy)" name, and never the client secret', () => {
    const copied = duplicateProfileForm(uat, [uat]);
    expect(copied).toEqual({ ...formFromProfile(uat), id: 'healthcode-uat-copy', name: 'Healthcode UAT (copy)', clientSecret: '' });
  });

  it('takes the next free id and name when a copy exists already', () => {
    const taken = [uat, { id: 'healthcode-uat-copy', name: 'Healthcode UAT (copy)' }, { id: 'other', name: 'Healthcode UAT (copy 2)' }];
    const copied = duplicateProfileForm(uat, taken);
    expect(copied.id).toBe('healthcode-uat-copy-2');
    expect(copied.name).toBe('Healthcode UAT (copy 3)');
  });

  it('stays within the core limits for ids (64) and names (100) however long the original', () => {
    const long = { ...uat, id: 'x'.repeat(64), name: 'N'.repeat(100) };
    const taken = [long, ...Array.from({ length: 20 }, (_, i) => ({ id: `${'x'.repeat(56)}-copy${i === 0 ? '' : `-${i + 1}`}`, name: `${'N'.repeat(90)} (copy${i === 0 ? '' : ` ${i + 1}`})` }))];
    const copied = duplicateProfileForm(long, taken);
    expect(copied.id).toBe(`${'x'.repeat(56)}-copy-21`);
    expect(copied.id.length).toBeLessThanOrEqual(64);
    expect(copied.name).toBe(`${'N'.repeat(90)} (copy 21)`);
    expect(copied.name.length).toBeLessThanOrEqual(100);
  });
});

describe('clientSecretHint', () => {
  it('says a stored secret is kept, or deleted on save when authentication is None', () => {
    expect(clientSecretHint({ stored: true, clientAuth: 'client_secret_basic' })).toBe('A secret is stored. Leave this empty to keep it.');
    expect(clientSecretHint({ stored: true, clientAuth: 'none' })).toMatch(/^A secret is stored, and is deleted when you save/);
  });

  it('says a copy has not brought the secret of the profile it copies', () => {
    expect(clientSecretHint({ stored: false, clientAuth: 'client_secret_basic', copiedFrom: { name: 'Healthcode UAT', hasClientSecret: true } })).toBe(
      'The secret of Healthcode UAT is not copied. Enter the one the provider issued for this profile.',
    );
    expect(clientSecretHint({ stored: false, clientAuth: 'none', copiedFrom: { name: 'Healthcode UAT', hasClientSecret: false } })).toBe(
      'Only if the provider issued one. Stored securely; never shown again.',
    );
  });
});

describe('profileCardActions', () => {
  const own = { locked: false, builtIn: false };
  it('offers Duplicate only where the machine policy lets people add profiles, as it does Add', () => {
    expect(profileCardActions(own, true)).toEqual({ edit: true, duplicate: true, delete: true });
    expect(profileCardActions(own, false)).toEqual({ edit: false, duplicate: false, delete: false });
    expect(profileCardActions({ locked: true, builtIn: false }, false)).toEqual({ edit: false, duplicate: false, delete: false });
  });

  it('lets a locked profile be copied but not changed, and never copies a built-in one', () => {
    expect(profileCardActions({ locked: true, builtIn: false }, true)).toEqual({ edit: false, duplicate: true, delete: false });
    expect(profileCardActions({ locked: false, builtIn: true }, true)).toEqual({ edit: false, duplicate: false, delete: false });
  });
});
