import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { computeExpiresAt } from './token-expiry.js';

const receivedAt = Date.UTC(2026, 10, 22, 9, 0, 0);
const key = new TextEncoder().encode('k'.repeat(32));

async function jwt(claims: { iat?: number; exp?: number }): Promise<string> {
  let builder = new SignJWT({}).setProtectedHeader({ alg: 'HS256' });
  if (claims.iat !== undefined) builder = builder.setIssuedAt(claims.iat);
  if (claims.exp !== undefined) builder = builder.setExpirationTime(claims.exp);
  return builder.sign(key);
}

const base = { receivedAt, accessToken: 'opaque-token', defaultLifetimeMs: 3_600_000 };

describe('computeExpiresAt', () => {
  it('uses expires_in for a 24-hour token, minus 30 s of skew', () => {
    expect(computeExpiresAt({ ...base, expiresInSeconds: 86_400 })).toBe(receivedAt + 86_400_000 - 30_000);
  });

  it('S18 rejects zero, negative, non-numeric and huge expires_in', () => {
    for (const bad of [0, -5, 'soon', Number.NaN, 30 * 86_400]) {
      expect(() => computeExpiresAt({ ...base, expiresInSeconds: bad })).toThrow(expect.objectContaining({ code: 'token_response_invalid' }));
    }
  });

  it('S18 without expires_in uses the JWT lifetime, or else the configured default', async () => {
    const iat = Math.floor(receivedAt / 1000);
    const token = await jwt({ iat, exp: iat + 7200 });
    expect(computeExpiresAt({ ...base, accessToken: token, expiresInSeconds: undefined })).toBe(receivedAt + 7_200_000 - 30_000);
    expect(computeExpiresAt({ ...base, expiresInSeconds: undefined })).toBe(receivedAt + 3_600_000 - 30_000);
  });

  it('takes the JWT lifetime when it is shorter than expires_in', async () => {
    const iat = Math.floor(receivedAt / 1000);
    const token = await jwt({ iat, exp: iat + 600 });
    expect(computeExpiresAt({ ...base, accessToken: token, expiresInSeconds: 86_400 })).toBe(receivedAt + 600_000 - 30_000);
  });

  it('S19 a server clock an hour ahead does not shorten the session', async () => {
    const serverNow = Math.floor(receivedAt / 1000) + 3600;
    const token = await jwt({ iat: serverNow, exp: serverNow + 86_400 });
    const expiresAt = computeExpiresAt({ ...base, accessToken: token, expiresInSeconds: 86_400 });
    expect(Math.abs(expiresAt - (receivedAt + 86_400_000))).toBeLessThanOrEqual(30_000);
  });

  it('gives short demo tokens a proportional margin, never under 1 s (whole-second JWT times)', () => {
    expect(computeExpiresAt({ ...base, expiresInSeconds: 20 })).toBe(receivedAt + 20_000 - 2_000);
    expect(computeExpiresAt({ ...base, expiresInSeconds: 6 })).toBe(receivedAt + 6_000 - 1_000);
    expect(computeExpiresAt({ ...base, expiresInSeconds: 1 })).toBe(receivedAt + 1_000 - 500);
  });
});
