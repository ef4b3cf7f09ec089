import { decodeJwt } from 'jose';
import { supervisorError } from '../error-catalogue.js';

/** Longest lifetime we believe; anything longer is a misconfigured or hostile provider (S18). */
export const maxTokenLifetimeMs = 7 * 24 * 3_600_000;
/** Served tokens stop this long before the provider's expiry, so a bot never holds a dying one. */
export const defaultExpirySkewMs = 30_000;

export interface ExpiryInput {
  /** When the token response arrived (local wall clock). */
  receivedAt: number;
  expiresInSeconds: unknown;
  accessToken: string;
  defaultLifetimeMs: number;
  skewMs?: number;
}

/**
 * Works out when to stop serving a token: the earlier of `expires_in` and the JWT's own lifetime,
 * minus a skew margin. The JWT lifetime is `exp - iat` added to our receipt time, which keeps the
 * result right even when this machine's clock disagrees with the server's (S19).
 */
export function computeExpiresAt(input: ExpiryInput): number {
  const skewMs = input.skewMs ?? defaultExpirySkewMs;
  const candidates: number[] = [];

  if (input.expiresInSeconds !== undefined && input.expiresInSeconds !== null) {
    const seconds = input.expiresInSeconds;
    if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds <= 0) {
      throw supervisorError('token_response_invalid', 'expires_in is zero, negative or not a number');
    }
    if (seconds * 1000 > maxTokenLifetimeMs) {
      throw supervisorError('token_response_invalid', 'expires_in is longer than 7 days');
    }
    candidates.push(input.receivedAt + seconds * 1000);
  }

  const jwtLifetimeMs = readJwtLifetimeMs(input.accessToken, input.receivedAt);
  if (jwtLifetimeMs !== undefined) candidates.push(input.receivedAt + jwtLifetimeMs);

  const providerExpiresAt = candidates.length > 0 ? Math.min(...candidates) : input.receivedAt + input.defaultLifetimeMs;
  const lifetimeMs = providerExpiresAt - input.receivedAt;
  // Short tokens (demos, tests) get a proportionally smaller margin so they stay usable, but at
  // least 1 s: JWT times are whole seconds, so the real lifetime can be up to 1 s shorter.
  const margin = Math.min(skewMs, Math.max(1000, Math.floor(lifetimeMs / 10)), Math.floor(lifetimeMs / 2));
  return providerExpiresAt - margin;
}

function readJwtLifetimeMs(token: string, receivedAt: number): number | undefined {
  let claims: { exp?: unknown; iat?: unknown };
  try {
    claims = decodeJwt(token);
  } catch {
    return undefined; // Opaque tokens are normal; expires_in or the default applies.
  }
  if (typeof claims.exp !== 'number') return undefined;
  const lifetimeMs =
    typeof claims.iat === 'number' && claims.iat <= claims.exp ? (claims.exp - claims.iat) * 1000 : claims.exp * 1000 - receivedAt;
  if (lifetimeMs <= 0) throw supervisorError('token_response_invalid', 'the access token has already expired');
  return Math.min(lifetimeMs, maxTokenLifetimeMs);
}
