import { describe, expect, it } from 'vitest';
import { profileSchema } from '../config/profile.js';
import type { Session } from '../session/session.js';
import { sessionFromTokens, type TokenResponse } from './session-from-tokens.js';

/**
 * The checks sessionFromTokens adds to what openid-client verified. Whole sign-ins and refreshes
 * against the sandbox are in sign-in-journeys.test.ts and the provider-faults-*.test.ts files.
 */
const profile = profileSchema.parse({ id: 'p', name: 'Clinic', kind: 'oidc', issuer: 'https://id.example', clientId: 'rpa-client' });
const now = Date.UTC(2025, 0, 6, 9);
const previous: Session = {
  profileId: 'p',
  issuer: profile.issuer,
  accessToken: 'old-access',
  tokenType: 'Bearer',
  expiresAt: now + 60_000,
  receivedAt: now - 3_600_000,
  subject: 'alice',
  name: 'Alice Smith',
  scopes: ['openid'],
  refreshToken: 'old-refresh',
};

/** A token response as openid-client hands it over, its ID token already verified. */
function tokens(idClaims: Record<string, unknown> | undefined): TokenResponse {
  return { access_token: 'new-access', token_type: 'bearer', expires_in: 3600, claims: () => idClaims } as unknown as TokenResponse;
}

describe('sessionFromTokens', () => {
  it('a refresh keeps the person who signed in, and fills in what the response leaves out', () => {
    const renewed = sessionFromTokens({ profile, tokens: tokens({ sub: 'alice', iat: now / 1000 }), receivedAt: now, now, previous });
    expect(renewed).toMatchObject({ subject: 'alice', name: 'Alice Smith', accessToken: 'new-access', refreshToken: 'old-refresh' });
    expect(sessionFromTokens({ profile, tokens: tokens(undefined), receivedAt: now, now, previous })).toMatchObject({ subject: 'alice' });
  });

  it('S98 a refresh whose tokens name another person is refused: nobody becomes the supervisor without signing in', () => {
    const swapped = { sub: 'mallory', name: 'Mallory', iat: now / 1000 };
    expect(() => sessionFromTokens({ profile, tokens: tokens(swapped), receivedAt: now, now, previous })).toThrow(
      expect.objectContaining({ code: 'token_refresh_failed', message: expect.stringContaining('Clinic') }),
    );
    expect(() => sessionFromTokens({ profile, tokens: tokens(undefined), receivedAt: now, now, previous, accessClaims: { sub: 'mallory' } })).toThrow(
      expect.objectContaining({ code: 'token_refresh_failed' }),
    );
  });
});
