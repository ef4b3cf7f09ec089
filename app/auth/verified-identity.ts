import { decodeJwt, decodeProtectedHeader, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import * as oidc from 'openid-client';
import type { Profile } from '../config/profile.js';
import { supervisorError } from '../error-catalogue.js';
import { isSupervisorError } from '../errors.js';
import { hostOf } from '../network/network-error.js';
import { networkSupervisorError } from '../network/network-error-mapping.js';
import type { Logger } from '../ports/logger.js';
import type { ProviderConfigurations } from './provider-configurations.js';
import { stringClaim } from './session-from-tokens.js';

/** Signature algorithms an access token may use: asymmetric only, never `none` or an HMAC. */
export const accessTokenAlgorithms = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519'];

/** Tolerance for `exp`, `nbf` and `iat` in a verified access token, as for ID tokens. */
const clockToleranceSeconds = 60;

/**
 * The claims of an access token, if and only if it is a JWT signed with one of the provider's
 * published keys and issued by the provider (S53); undefined for an opaque token or one that does
 * not verify, whose claims must never name the supervisor, the audit actor or the CompanyId.
 *
 * An unknown signing key (the provider rotated its keys) gets one fetch of the key set, unless one
 * was made within the cooldown; if the key is still unknown the sign-in fails with
 * `signing_keys_changed` and the keys are forgotten, so the retry fetches them at once (S54).
 * A proxy or certificate failure while fetching the keys is reported as such (S51, S52).
 */
export async function verifiedAccessClaims(
  deps: { providers: ProviderConfigurations; logger: Logger },
  profile: Profile,
  accessToken: string,
  now: number,
): Promise<JWTPayload | undefined> {
  if (!looksLikeJwt(accessToken)) return undefined;
  const config = await deps.providers.configuration(profile);
  const keys = await deps.providers.signingKeys(profile);
  const issuer = config.serverMetadata().issuer;
  if (!keys) {
    deps.logger.info('access token claims not used', { profileId: profile.id, code: 'no_published_keys' });
    return undefined;
  }
  try {
    const { payload } = await jwtVerify(accessToken, keys, {
      issuer,
      algorithms: accessTokenAlgorithms,
      clockTolerance: clockToleranceSeconds,
      currentDate: new Date(issuedAtOr(accessToken, now)),
    });
    return payload;
  } catch (error) {
    if (error instanceof joseErrors.JWKSNoMatchingKey) {
      deps.providers.forget(profile.id);
      throw supervisorError('signing_keys_changed', hostOf(issuer), { cause: error });
    }
    const network = networkSupervisorError(error);
    if (network) throw network;
    // Only the kind of failure is logged, never the token or its claims.
    deps.logger.warn('access token claims not used', { profileId: profile.id, code: error instanceof joseErrors.JOSEError ? error.code : 'verification_failed' });
    return undefined;
  }
}

/** Who userinfo says the token belongs to: the provider answering over TLS for its own token. */
export interface UserinfoIdentity {
  subject: string;
  name?: string;
  company?: string;
}

/**
 * Identity from the userinfo endpoint, for providers whose tokens carry no verifiable identity.
 * `expectedSubject` (when a verified one is known) must match; undefined when there is no
 * endpoint or it gives nothing usable.
 */
export async function identityFromUserinfo(
  deps: { providers: ProviderConfigurations; logger: Logger },
  profile: Profile,
  accessToken: string,
  expectedSubject?: string,
): Promise<UserinfoIdentity | undefined> {
  try {
    const config = await deps.providers.configuration(profile);
    if (!config.serverMetadata().userinfo_endpoint) return undefined;
    const userinfo = await oidc.fetchUserInfo(config, accessToken, expectedSubject ?? oidc.skipSubjectCheck);
    const subject = stringClaim(userinfo.sub);
    if (subject === undefined) return undefined;
    const name = stringClaim(userinfo.name);
    const company = stringClaim(userinfo[profile.companyClaim]);
    return { subject, ...(name !== undefined ? { name } : {}), ...(company !== undefined ? { company } : {}) };
  } catch (error) {
    // Many providers' userinfo refuses API tokens; the identity is then simply not found here.
    deps.logger.info('userinfo gave no identity', { profileId: profile.id, error: isSupervisorError(error) ? error.code : 'request_failed' });
    return undefined;
  }
}

/**
 * The time to judge `exp` and `nbf` at: the token's own `iat` when it has one. The token has just
 * come from the token endpoint, so its times are read on the provider's clock, as its lifetime is
 * (S19): a provider clock minutes ahead (an `nbf` "in the future") or hours behind must not make a
 * genuine token name nobody. A token whose own times contradict each other still fails; the
 * signature and issuer are checked whatever the clocks say.
 */
function issuedAtOr(token: string, now: number): number {
  try {
    const { iat } = decodeJwt(token);
    return typeof iat === 'number' && Number.isFinite(iat) ? iat * 1000 : now;
  } catch {
    return now;
  }
}

function looksLikeJwt(token: string): boolean {
  if (token.split('.').length !== 3) return false;
  try {
    decodeProtectedHeader(token);
    return true;
  } catch {
    return false;
  }
}
