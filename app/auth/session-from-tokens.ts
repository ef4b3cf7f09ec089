import type * as oidc from 'openid-client';
import type { Profile } from '../config/profile.js';
import { supervisorError } from '../error-catalogue.js';
import type { Session } from '../session/session.js';
import { computeExpiresAt } from '../session/token-expiry.js';

/** Tolerance for an ID token `iat` in the future (S23); openid-client accepts any. */
export const idTokenIatToleranceMs = 60_000;

export type TokenResponse = oidc.TokenEndpointResponse & oidc.TokenEndpointResponseHelpers;

/** Who the provider's userinfo endpoint says the token belongs to (app/auth/verified-identity.ts). */
export interface UserinfoClaims {
  subject: string;
  name?: string;
  company?: string;
}

/**
 * Checks a token response beyond what openid-client does (S18, S23) and turns it into a Session.
 * On a refresh, `previous` supplies what a refresh response may leave out: the user, and the
 * refresh token itself when the provider does not rotate it.
 *
 * Who signed in, and the CompanyId, come only from verified sources (S53): the ID token
 * (openid-client checked its signature), `accessClaims` (the access token's claims, present only
 * when it verified against the provider's keys) and userinfo. With none of them naming a subject,
 * sign-in stops with `identity_unverified`: the supervisor must be a named, verified person, and
 * a refresh that names another person fails (S98).
 */
export function sessionFromTokens(input: {
  profile: Profile;
  tokens: TokenResponse;
  receivedAt: number;
  now: number;
  previous?: Session;
  accessClaims?: Record<string, unknown> | undefined;
  userinfo?: UserinfoClaims | undefined;
}): Session {
  const { profile, tokens, receivedAt, previous } = input;
  const accessToken = tokens.access_token;
  if (typeof accessToken !== 'string' || accessToken.length === 0) {
    throw supervisorError('token_response_invalid', 'there is no access token');
  }
  if (typeof tokens.token_type !== 'string' || tokens.token_type.toLowerCase() !== 'bearer') {
    throw supervisorError('token_response_invalid', 'the token type is not Bearer');
  }
  const idClaims = tokens.claims();
  if (idClaims && typeof idClaims.iat === 'number' && idClaims.iat * 1000 > input.now + idTokenIatToleranceMs) {
    throw supervisorError('id_token_invalid', 'it was issued in the future');
  }
  const expiresAt = computeExpiresAt({
    receivedAt,
    expiresInSeconds: tokens.expires_in,
    accessToken,
    defaultLifetimeMs: profile.defaultTokenLifetimeMs,
  });
  const { accessClaims, userinfo } = input;
  const subject = stringClaim(idClaims?.sub) ?? stringClaim(accessClaims?.sub) ?? userinfo?.subject ?? previous?.subject;
  if (subject === undefined) throw supervisorError('identity_unverified', profile.name);
  // A refresh renews the same person's sign-in (OpenID Connect Core §12.2); another subject would
  // make someone the supervisor, and the audit actor, without signing in. The old token stays.
  if (previous !== undefined && subject !== previous.subject) throw supervisorError('token_refresh_failed', profile.name);
  const name = stringClaim(idClaims?.name) ?? stringClaim(accessClaims?.name) ?? userinfo?.name ?? previous?.name;
  const company =
    stringClaim(accessClaims?.[profile.companyClaim]) ?? stringClaim(idClaims?.[profile.companyClaim]) ?? userinfo?.company ?? previous?.company;
  const scopes = typeof tokens.scope === 'string' && tokens.scope.length > 0 ? tokens.scope.split(' ') : (previous?.scopes ?? profile.scopes);
  const refreshToken = typeof tokens.refresh_token === 'string' && tokens.refresh_token !== '' ? tokens.refresh_token : previous?.refreshToken;
  const idToken = typeof tokens.id_token === 'string' ? tokens.id_token : previous?.idToken;
  return {
    profileId: profile.id,
    issuer: profile.issuer,
    accessToken,
    tokenType: 'Bearer',
    expiresAt,
    receivedAt,
    subject,
    ...(name !== undefined ? { name } : {}),
    ...(company !== undefined ? { company } : {}),
    scopes,
    ...(refreshToken !== undefined ? { refreshToken } : {}),
    ...(idToken !== undefined ? { idToken } : {}),
  };
}

export function stringClaim(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}
