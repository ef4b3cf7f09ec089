import type { Profile } from '../config/profile.js';
import type { Logger } from '../ports/logger.js';
import type { Session } from '../session/session.js';
import type { ProviderConfigurations } from './provider-configurations.js';
import { sessionFromTokens, stringClaim, type TokenResponse } from './session-from-tokens.js';
import { identityFromUserinfo, verifiedAccessClaims } from './verified-identity.js';

/**
 * A token response as a Session whose identity is verified (S53): the access token's claims
 * count only once they verify against the provider's keys, and when neither token names the
 * person, userinfo is asked. Throws `identity_unverified` when nothing verified names anyone,
 * and `signing_keys_changed` when the access token uses a key the provider has not published (S54).
 */
export async function verifiedSession(
  deps: { providers: ProviderConfigurations; logger: Logger },
  input: { profile: Profile; tokens: TokenResponse; receivedAt: number; now: number; previous?: Session },
): Promise<Session> {
  const { profile, tokens } = input;
  const accessToken = typeof tokens.access_token === 'string' ? tokens.access_token : '';
  const accessClaims = accessToken === '' ? undefined : await verifiedAccessClaims(deps, profile, accessToken, input.now);
  const named = stringClaim(tokens.claims()?.sub) ?? stringClaim(accessClaims?.sub) ?? input.previous?.subject;
  const userinfo = named === undefined && accessToken !== '' ? await identityFromUserinfo(deps, profile, accessToken) : undefined;
  return sessionFromTokens({ ...input, accessClaims, userinfo });
}
