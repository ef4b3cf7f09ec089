import * as oidc from 'openid-client';
import type { Profile } from '../config/profile.js';
import { supervisorError } from '../error-catalogue.js';
import type { SupervisorError } from '../errors.js';
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { CompanyToken, CompanyTokenProvider } from '../session/company-connections.js';
import type { Session } from '../session/session.js';
import { computeExpiresAt } from '../session/token-expiry.js';
import { networkSupervisorError } from '../network/network-error-mapping.js';
import type { ProviderConfigurations } from './provider-configurations.js';
import { mapTokenExchangeError } from './token-error-mapping.js';
import { identityFromUserinfo } from './verified-identity.js';

/** OIDC scopes belong to the user's sign-in, never to a company token request. */
const userOnlyScopes = new Set(['openid', 'profile', 'email', 'offline_access']);

/**
 * The HCSS partner requests at the provider: which company a consenting user connected (from
 * the configured claim), and company tokens from the `company` grant with client authentication
 * (`genericGrantRequest(config, 'company', { CompanyId, scope })`).
 */
export class CompanyGrants implements CompanyTokenProvider {
  constructor(private readonly deps: { providers: ProviderConfigurations; clock: Clock; logger: Logger }) {}

  /**
   * The configured claim as the session holds it (from the verified access token, then the
   * verified ID token; S53), else from userinfo for the same subject.
   */
  async companyIdFor(profile: Profile, session: Session): Promise<string | undefined> {
    return session.company ?? (await this.#companyIdFromUserinfo(profile, session));
  }

  /** Throws `company_token_failed` with a reason the admin can act on. */
  async requestToken(profile: Profile, companyId: string): Promise<CompanyToken> {
    try {
      const config = await this.deps.providers.configuration(profile);
      const scope = profile.scopes.filter((s) => !userOnlyScopes.has(s)).join(' ');
      const receivedAt = this.deps.clock.now();
      const tokens = await oidc.genericGrantRequest(config, 'company', { CompanyId: companyId, ...(scope ? { scope } : {}) });
      if (typeof tokens.access_token !== 'string' || tokens.access_token === '') throw supervisorError('token_response_invalid', 'there is no access token');
      const expiresAt = computeExpiresAt({ receivedAt, expiresInSeconds: tokens.expires_in, accessToken: tokens.access_token, defaultLifetimeMs: profile.defaultTokenLifetimeMs });
      return { accessToken: tokens.access_token, expiresAt, receivedAt };
    } catch (error) {
      throw asCompanyError(error, companyId, profile.endpoints?.token ?? profile.issuer, this.deps.providers.timeoutMs);
    }
  }

  async #companyIdFromUserinfo(profile: Profile, session: Session): Promise<string | undefined> {
    const identity = await identityFromUserinfo({ providers: this.deps.providers, logger: this.deps.logger }, profile, session.accessToken, session.subject);
    if (identity?.company === undefined) this.deps.logger.info('userinfo gave no company claim', { profileId: profile.id });
    return identity?.company;
  }
}

function asCompanyError(error: unknown, companyId: string, tokenEndpoint: string, timeoutMs: number): SupervisorError {
  // A proxy or certificate failure is the clinic network's, not the company's: say so (S51, S52).
  const network = networkSupervisorError(error);
  if (network) return network;
  const mapped = mapTokenExchangeError(error, { tokenEndpoint, redirectUri: '(not used by the company grant)', timeoutMs });
  if (mapped.code === 'authorization_code_rejected') {
    return supervisorError('company_token_failed', companyId, 'the provider refused it (the company may have removed the app)', { cause: error });
  }
  return supervisorError('company_token_failed', companyId, lowerFirst(mapped.message.replace(/\.$/, '')), { cause: error });
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
