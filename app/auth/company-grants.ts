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

  /**
   * Throws what went wrong, in words a clinic user can act on: the company withdrew its consent
   * (`company_consent_withdrawn`), the provider refused our client (`company_client_refused`),
   * the provider could not be reached (`company_provider_unavailable`, or a proxy or certificate
   * code), or anything else (`company_token_failed`). Never a session code: the person's own
   * sign-in is not what failed.
   */
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
      throw asCompanyError(error, { companyId, profileName: profile.name, tokenEndpoint: profile.endpoints?.token ?? profile.issuer, timeoutMs: this.deps.providers.timeoutMs });
    }
  }

  async #companyIdFromUserinfo(profile: Profile, session: Session): Promise<string | undefined> {
    const identity = await identityFromUserinfo({ providers: this.deps.providers, logger: this.deps.logger }, profile, session.accessToken, session.subject);
    if (identity?.company === undefined) this.deps.logger.info('userinfo gave no company claim', { profileId: profile.id });
    return identity?.company;
  }
}

/** Provider answers that mean "not reachable right now"; the grant is retried on its own. */
const unavailableCodes = new Set(['token_endpoint_timeout', 'token_endpoint_error', 'discovery_failed', 'discovery_timeout']);
const connectCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_SOCKET']);

function asCompanyError(error: unknown, context: { companyId: string; profileName: string; tokenEndpoint: string; timeoutMs: number }): SupervisorError {
  const { companyId, profileName, tokenEndpoint, timeoutMs } = context;
  // A proxy or certificate failure is the clinic network's, not the company's: say so (S51, S52).
  const network = networkSupervisorError(error);
  if (network) return network;
  const provider = originOf(tokenEndpoint);
  if (isConnectionFailure(error)) return supervisorError('company_provider_unavailable', companyId, provider, { cause: error });
  const mapped = mapTokenExchangeError(error, { tokenEndpoint, redirectUri: '(not used by the company grant)', timeoutMs });
  // HCSS answers invalid_grant for a company that has not (or no longer) added the app.
  if (mapped.code === 'authorization_code_rejected') return supervisorError('company_consent_withdrawn', companyId, profileName, { cause: error });
  if (mapped.code === 'client_rejected') return supervisorError('company_client_refused', profileName, { cause: error });
  if (unavailableCodes.has(mapped.code)) return supervisorError('company_provider_unavailable', companyId, provider, { cause: error });
  return supervisorError('company_token_failed', companyId, lowerFirst(mapped.message.replace(/\.$/, '')), { cause: error });
}

function isConnectionFailure(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && connectCodes.has(code)) return true;
  }
  return false;
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
