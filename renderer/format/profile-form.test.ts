import { describe, expect, it } from 'vitest';
import type { ProfileView } from '../../app/common/contract.js';
import { asSentence, formFromPreset, formFromProfile, profileFieldErrors, profileInputFromForm, retentionShortening, withClientSecret } from './profile-form.js';

const view: ProfileView = {
  id: 'healthcode-uat',
  name: 'Healthcode UAT',
  kind: 'oidc',
  preset: 'healthcodeUat',
  issuer: 'https://auth.uat.healthcode.co.uk',
  clientId: 'rpa-client',
  clientAuth: 'none',
  hasClientSecret: false,
  scopes: ['openid', 'profile'],
  extraAuthParams: { audience: 'api' },
  redirectMode: 'loopback',
  loopbackPort: 8765,
  loopbackPath: '/cb',
  redirectUri: 'http://127.0.0.1:8765/cb',
  warningMinutes: [60, 15, 5],
  defaultTokenLifetimeMs: 3_600_000,
  signInTimeoutMs: 600_000,
  reuseBrowserSignIn: false,
  expiryPolicy: 'wait',
  absencePolicy: 'stop',
  redaction: { nhsNumber: true, dateOfBirth: true, postcode: false, email: true, phone: false },
  screenshots: true,
  retentionDays: 14,
  locked: false,
  builtIn: false,
  draft: false,
};

describe('profile form round trip', () => {
  it('turns a profile into saveProfile input in the core schema shape', () => {
    const { input, errors } = profileInputFromForm(formFromProfile(view));
    expect(errors).toEqual({});
    expect(input).toEqual({
      profile: {
        id: 'healthcode-uat',
        name: 'Healthcode UAT',
        kind: 'oidc',
        preset: 'healthcodeUat',
        issuer: 'https://auth.uat.healthcode.co.uk',
        clientId: 'rpa-client',
        clientAuth: 'none',
        scopes: ['openid', 'profile'],
        extraAuthParams: { audience: 'api' },
        redirect: { mode: 'loopback', port: 8765, path: '/cb' },
        warningMinutes: [60, 15, 5],
        defaultTokenLifetimeMs: 3_600_000,
        signInTimeoutMs: 600_000,
        reuseBrowserSignIn: false,
        expiryPolicy: 'wait',
        absencePolicy: 'stop',
        redaction: { nhsNumber: true, dateOfBirth: true, postcode: false, email: true, phone: false },
        screenshots: true,
        retentionDays: 14,
      },
    });
  });

  it('loads and saves whether the browser’s provider sign-in is reused, as the editor’s checkbox sets it', () => {
    const form = formFromProfile({ ...view, reuseBrowserSignIn: true });
    expect(form.reuseBrowserSignIn).toBe(true);
    expect(profileInputFromForm(form).input.profile.reuseBrowserSignIn).toBe(true);
    expect(profileInputFromForm({ ...form, reuseBrowserSignIn: false }).input.profile.reuseBrowserSignIn).toBe(false);
  });

  it('starts a new profile asking who signs in: the browser’s provider sign-in is not reused unless the admin ticks it', () => {
    const form = { ...formFromPreset('healthcodeUat', []), clientId: 'x' };
    expect(form.reuseBrowserSignIn).toBe(false);
    expect(profileInputFromForm(form).input.profile.reuseBrowserSignIn).toBe(false);
  });

  it('sends a typed secret separately, never inside the profile', () => {
    const { input } = profileInputFromForm({ ...formFromPreset('hcssPartner', []), clientId: 'x', clientSecret: 's3cret' });
    expect(input.clientSecret).toBe('s3cret');
    expect(JSON.stringify(input.profile)).not.toContain('s3cret');
    expect(input.profile).toMatchObject({ kind: 'partner', issuer: 'https://api.hcssapps.com/identity', companyClaim: 'CompanyId', redirect: { mode: 'customScheme' } });
  });

  it('sends a pasted secret without the whitespace around it, and whitespace alone as no secret', () => {
    const form = { ...formFromPreset('hcssPartner', []), clientId: 'x' };
    expect(profileInputFromForm({ ...form, clientSecret: '  s3cret\n' }).input.clientSecret).toBe('s3cret');
    expect(profileInputFromForm({ ...form, clientSecret: '   ' }).input).not.toHaveProperty('clientSecret');
    expect(withClientSecret({ ...form, clientAuth: 'none' }, ' ').switched).toBe(false);
  });

  it('flags numbers it cannot send, and nothing else', () => {
    const { errors } = profileInputFromForm({ ...formFromProfile(view), warningMinutes: '60, soon', signInTimeoutMinutes: 'ten', loopbackPort: '-1' });
    expect(Object.keys(errors).sort()).toEqual(['loopbackPort', 'signInTimeoutMinutes', 'warningMinutes']);
    // The page's own checks carry a catalogue code, like every other error on screen.
    expect(errors.warningMinutes).toEqual({ code: 'warning_minutes_invalid', message: 'Enter whole minutes separated by commas, for example 60, 15, 5.' });
    expect(errors.signInTimeoutMinutes).toMatchObject({ code: 'minutes_invalid' });
    expect(errors.loopbackPort).toMatchObject({ code: 'port_invalid' });
  });

  it('never guesses a retention period from what cannot be a number of days, and leaves the limits to the core', () => {
    for (const typed of ['-5', '1e3', '30.5', 'thirty', '', '1,000']) {
      expect(profileInputFromForm({ ...formFromProfile(view), retentionDays: typed }).errors.retentionDays, typed).toMatchObject({ code: 'retention_days_invalid' });
    }
    expect(profileInputFromForm({ ...formFromProfile(view), retentionDays: ' 0 ' }).input.profile.retentionDays).toBe(0);
    expect(profileInputFromForm({ ...formFromProfile(view), retentionDays: '90' }).input.profile.retentionDays).toBe(90);
    // The core's messages about it are shown beside the field.
    expect(profileFieldErrors({ retentionDays: 'must be at least 1 day' }).byField).toEqual({ retentionDays: 'The retention period must be at least 1 day.' });
  });

  it('knows when a new retention period is shorter than the saved one, and so would delete older logs', () => {
    expect(retentionShortening('30', '7')).toEqual({ fromDays: 30, toDays: 7 });
    expect(retentionShortening('30', '30')).toBeUndefined();
    expect(retentionShortening('30', '60')).toBeUndefined();
    // Nothing valid to compare: the field's own error says so instead.
    expect(retentionShortening('30', '0')).toBeUndefined();
    expect(retentionShortening('30', 'soon')).toBeUndefined();
  });

  it('picks a free id for a new profile', () => {
    expect(formFromPreset('healthcodeUat', ['healthcode-uat']).id).toBe('healthcode-uat-2');
  });
});

describe('profileFieldErrors', () => {
  it('maps dotted paths from the core onto the editor fields, as sentences', () => {
    const { byField, other } = profileFieldErrors({
      clientId: 'is required',
      'redirect.url': 'must be a full web address, e.g. https://auth.example.org',
      'redirect.port': 'Too big',
      'scopes.2': 'is not a valid scope',
      'profiles.0.issuer': 'must be https',
      signInTimeoutMs: 'is too short',
      absencePolicy: 'must be one of: wait, stop',
      'endpoints.token': 'must start with https:// (plain http:// is allowed only for 127.0.0.1, this computer)',
      '': 'must be a group of settings in braces, { … }',
    });
    expect(byField).toEqual({
      clientId: 'The client id is required.',
      bounceUrl: 'The bounce page URL must be a full web address, e.g. https://auth.example.org.',
      loopbackPort: 'Too big.',
      scopes: 'Each scope is not a valid scope.',
      issuer: 'The issuer URL must be https.',
      signInTimeoutMinutes: 'The sign-in time limit is too short.',
      absencePolicy: 'The absence policy must be one of: wait, stop.',
    });
    expect(other).toEqual([
      'The setting “endpoints.token” must start with https:// (plain http:// is allowed only for 127.0.0.1, this computer).',
      'This entry must be a group of settings in braces, { … }.',
    ]);
  });

  it('puts a problem with the browser sign-in setting (a hand-edited import) beside its checkbox', () => {
    const { byField, other } = profileFieldErrors({ 'profiles.0.reuseBrowserSignIn': 'must be true or false' });
    expect(byField).toEqual({ reuseBrowserSignIn: 'The browser sign-in setting must be true or false.' });
    expect(other).toEqual([]);
  });

  it('reads the core’s profile id and issuer messages as sentences, never as fragments', () => {
    const { byField } = profileFieldErrors({
      id: 'must be 1 to 64 letters, digits, dots, dashes or underscores, with no spaces',
      issuer: 'must start with https:// (plain http:// is allowed only for 127.0.0.1, this computer)',
      clientId: 'must not contain spaces, tabs, line breaks or control characters: copy it again exactly as the provider issued it',
    });
    expect(byField).toEqual({
      id: 'The profile id must be 1 to 64 letters, digits, dots, dashes or underscores, with no spaces.',
      issuer: 'The issuer URL must start with https:// (plain http:// is allowed only for 127.0.0.1, this computer).',
      clientId: 'The client id must not contain spaces, tabs, line breaks or control characters: copy it again exactly as the provider issued it.',
    });
  });

  it('keeps a sentence that already stands alone', () => {
    expect(asSentence('The client id', 'Enter the client id.')).toBe('Enter the client id.');
  });
});
