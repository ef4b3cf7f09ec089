import * as oidc from 'openid-client';
import type { Profile } from '../config/profile.js';
import { supervisorError } from '../error-catalogue.js';
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { Session } from '../session/session.js';
import type { ProviderConfigurations } from './provider-configurations.js';
import type { TokenResponse } from './session-from-tokens.js';
import type { WaitingForBrowser } from './sign-in-attempts.js';
import { mapTokenExchangeError } from './token-error-mapping.js';
import { verifiedSession } from './verified-session.js';

/**
 * Redeems a sign-in's authorization code at the token endpoint and verifies who it names. The
 * answer's query (`search`) is put back on the registered redirect URI: for the bounce page the
 * answer arrives on our custom scheme, but the token request must name the https URI the
 * provider saw. Errors come back as catalogue errors a clinic user can act on.
 */
export async function exchangeCode(deps: { clock: Clock; logger: Logger; providers: ProviderConfigurations }, profile: Profile, attempt: WaitingForBrowser, search: string): Promise<Session> {
  const config = await deps.providers.configuration(profile);
  const currentUrl = new URL(attempt.redirectUri);
  currentUrl.search = search;
  const receivedAt = deps.clock.now();
  let tokens: TokenResponse;
  try {
    tokens = await oidc.authorizationCodeGrant(config, currentUrl, {
      // Never optional: openid-client silently omits code_verifier without it (S13).
      pkceCodeVerifier: requireVerifier(attempt.codeVerifier),
      expectedState: attempt.state,
      ...(attempt.nonce ? { expectedNonce: attempt.nonce, idTokenExpected: true } : {}),
    });
  } catch (error) {
    const mapped = mapTokenExchangeError(error, {
      tokenEndpoint: config.serverMetadata().token_endpoint ?? profile.issuer,
      redirectUri: attempt.redirectUri,
      timeoutMs: deps.providers.timeoutMs,
      issuer: config.serverMetadata().issuer,
    });
    // openid-client keeps the keys it fetched for a minute; a fresh configuration fetches the
    // new ones, so the user's retry works at once (S54).
    if (mapped.code === 'signing_keys_changed') deps.providers.forget(profile.id);
    throw mapped;
  }
  return verifiedSession(deps, { profile, tokens, receivedAt, now: deps.clock.now() });
}

function requireVerifier(verifier: string): string {
  if (verifier.length < 43) throw supervisorError('internal_error');
  return verifier;
}
