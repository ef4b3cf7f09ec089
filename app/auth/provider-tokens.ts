import * as oidc from 'openid-client';
import type { ProfileLookup } from '../config/profile-registry.js';
import { redirectUriFor } from '../config/redirect-uri-for.js';
import { supervisorError } from '../error-catalogue.js';
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { Session } from '../session/session.js';
import type { ProviderConfigurations } from './provider-configurations.js';
import type { TokenResponse } from './session-from-tokens.js';
import { mapTokenExchangeError } from './token-error-mapping.js';
import { verifiedSession } from './verified-session.js';

export type RevocationResult = 'revoked' | 'unsupported' | 'noEndpoint' | 'failed';

/**
 * What is done at the provider with a session's tokens once it exists: renewal with the refresh
 * token, and revocation at sign-out. The session manager asks for renewals; it never calls the
 * provider itself.
 */
export class ProviderTokens {
  constructor(
    private readonly deps: { clock: Clock; logger: Logger; scheme: string; profiles: ProfileLookup; providers: ProviderConfigurations },
  ) {}

  /**
   * Renews a session with its refresh token (providers that issue one; Healthcode does not).
   * A rotated refresh token replaces the old one. Throws a SupervisorError on failure; the caller
   * keeps the current token until it expires.
   */
  async refresh(session: Session): Promise<Session> {
    const profile = this.deps.profiles.get(session.profileId);
    if (!profile) throw supervisorError('unknown_profile', session.profileId);
    if (!session.refreshToken) throw supervisorError('token_refresh_failed', profile.name);
    const config = await this.deps.providers.configuration(profile);
    const receivedAt = this.deps.clock.now();
    let tokens: TokenResponse;
    try {
      tokens = await oidc.refreshTokenGrant(config, session.refreshToken);
    } catch (error) {
      throw mapTokenExchangeError(error, {
        tokenEndpoint: config.serverMetadata().token_endpoint ?? profile.issuer,
        redirectUri: redirectUriFor(profile, this.deps.scheme),
        timeoutMs: this.deps.providers.timeoutMs,
      });
    }
    return verifiedSession(this.deps, { profile, tokens, receivedAt, now: this.deps.clock.now(), previous: session });
  }

  /**
   * Revokes a signed-out session's tokens at the provider, when it has a revocation endpoint
   * (S29). The local copy is gone whatever this returns. `unsupported` is the RFC 7009 answer for
   * self-contained JWT access tokens, which many providers cannot revoke; they simply expire.
   */
  async revoke(session: Session): Promise<RevocationResult> {
    const profile = this.deps.profiles.get(session.profileId);
    if (!profile) return 'noEndpoint';
    try {
      const config = await this.deps.providers.configuration(profile);
      if (!config.serverMetadata().revocation_endpoint) return 'noEndpoint';
      if (session.refreshToken) await oidc.tokenRevocation(config, session.refreshToken, { token_type_hint: 'refresh_token' });
      try {
        await oidc.tokenRevocation(config, session.accessToken, { token_type_hint: 'access_token' });
      } catch (error) {
        if (!(error instanceof oidc.ResponseBodyError && error.error === 'unsupported_token_type')) throw error;
        return 'unsupported';
      }
      return 'revoked';
    } catch (error) {
      this.deps.logger.warn('token revocation failed', { profileId: session.profileId, error: error instanceof Error ? error.name : typeof error });
      return 'failed';
    }
  }
}
