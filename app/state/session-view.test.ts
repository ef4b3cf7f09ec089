import { describe, expect, it } from 'vitest';
import type { ErrorView } from '../common/contract.js';
import { profileSchema } from '../config/profile.js';
import { buildSessionView } from './session-view.js';

const profile = profileSchema.parse({ id: 'p', name: 'Clinic', kind: 'oidc', issuer: 'https://id.example', clientId: 'c', scopes: ['api'] });
const summary = { subject: 'demo', name: 'Dr Demo', expiresAt: 5_000, scopes: ['api'] };
const error: ErrorView = { code: 'provider_refused', message: 'Sign-in was cancelled or refused by the provider.' };

describe('buildSessionView', () => {
  it('shows a waiting attempt over the session, keeping who and until when', () => {
    const view = buildSessionView(profile, { phase: 'waitingForBrowser', authorizationUrl: 'https://id.example/a', signInExpiresAt: 9 }, summary, { status: 'active' });
    expect(view).toEqual({
      profileId: 'p',
      profileName: 'Clinic',
      status: 'waitingForBrowser',
      scopes: ['api'],
      user: { subject: 'demo', name: 'Dr Demo' },
      expiresAt: 5_000,
      authorizationUrl: 'https://id.example/a',
      signInExpiresAt: 9,
    });
  });

  it('a failed attempt shows its error, but never hides a session that still works', () => {
    expect(buildSessionView(profile, { phase: 'failed', error }, undefined, { status: 'signedOut' })).toMatchObject({ status: 'error', error });
    expect(buildSessionView(profile, { phase: 'failed', error }, summary, { status: 'expiring', warningMinutes: 15 })).toMatchObject({
      status: 'expiring',
      warningMinutes: 15,
      error,
    });
  });

  it('S28 an expired-at-start session shows Expired with who it was', () => {
    expect(buildSessionView(profile, { phase: 'idle' }, summary, { status: 'expired' })).toMatchObject({ status: 'expired', user: { subject: 'demo' } });
    expect(buildSessionView(profile, { phase: 'exchanging' }, undefined, { status: 'signedOut' })).toMatchObject({ status: 'exchanging' });
  });
});
