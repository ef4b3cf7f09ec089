import { describe, expect, it } from 'vitest';
import { profileSchema } from '../config/profile.js';
import type { Session } from '../session/session.js';
import { FakeClock } from '../test-support/fake-clock.js';
import { ProviderConfigurations } from './provider-configurations.js';
import { ProviderTokens } from './provider-tokens.js';

/**
 * The edges of refresh and revocation, offline. Real refreshes and revocations against the
 * sandbox are in sign-in-journeys.test.ts (refresh, S29) and several-profiles.test.ts.
 */
const profile = profileSchema.parse({
  id: 'p',
  name: 'Clinic',
  kind: 'oidc',
  issuer: 'https://id.example',
  clientId: 'rpa-client',
  endpoints: { authorization: 'https://id.example/authorize', token: 'https://id.example/token' },
});
const session: Session = { profileId: 'p', issuer: profile.issuer, accessToken: 'a', tokenType: 'Bearer', expiresAt: 2, receivedAt: 1, subject: 's', scopes: [] };

function setup() {
  const warnings: string[] = [];
  const providers = new ProviderConfigurations({ clientSecrets: { clientSecret: async () => undefined } });
  const tokens = new ProviderTokens({
    clock: new FakeClock(),
    logger: { info: () => undefined, error: () => undefined, warn: (m) => void warnings.push(m) },
    scheme: 'uk.co.rpasupervisor',
    profiles: { get: (id) => (id === profile.id ? profile : undefined) },
    providers,
  });
  return { tokens, warnings };
}

describe('ProviderTokens', () => {
  it('refuses to refresh without a refresh token (Healthcode), naming the profile', async () => {
    await expect(setup().tokens.refresh(session)).rejects.toMatchObject({ code: 'token_refresh_failed', message: expect.stringContaining('Clinic') });
  });

  it('refuses to refresh a session of a profile that no longer exists', async () => {
    await expect(setup().tokens.refresh({ ...session, profileId: 'gone', refreshToken: 'r' })).rejects.toMatchObject({ code: 'unknown_profile' });
  });

  it('S29 reports a provider without a revocation endpoint, or a deleted profile, as noEndpoint', async () => {
    const { tokens, warnings } = setup();
    expect(await tokens.revoke(session)).toBe('noEndpoint');
    expect(await tokens.revoke({ ...session, profileId: 'gone' })).toBe('noEndpoint');
    expect(warnings).toEqual([]);
  });
});
