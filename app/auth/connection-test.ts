import * as oidc from 'openid-client';
import type { ConnectionTestView } from '../common/contract.js';
import { toErrorView } from '../common/error-view.js';
import type { Profile } from '../config/profile.js';
import { redirectUriFor } from '../config/redirect-uri-for.js';
import type { Clock } from '../ports/clock.js';
import type { HttpFetch } from '../ports/http-fetch.js';
import { preflightAuthorization } from './authorization-preflight.js';
import { buildAuthorizationRequest } from './authorization-request.js';
import { discoverProvider } from './provider-discovery.js';

/**
 * Settings' "Test connection" for one profile: a fresh discovery (never the cached one, and
 * without the client secret, which the test does not need), then the authorization pre-flight
 * with a throw-away state and verifier (S55). Through the host's network stack, so a proxy or
 * certificate problem shows here first (S50–S52). Nothing is stored and no browser opens.
 */
export async function testProviderConnection(deps: { fetch: HttpFetch; clock: Clock; scheme: string; timeoutMs: number }, profile: Profile): Promise<ConnectionTestView> {
  const checkedAt = deps.clock.now();
  let config: oidc.Configuration;
  try {
    config = await discoverProvider(profile, undefined, { timeoutMs: deps.timeoutMs, fetch: deps.fetch, requireSecret: false });
  } catch (error) {
    return { profileId: profile.id, checkedAt, discovery: { ok: false, error: toErrorView(error, 'internal_error') } };
  }
  const metadata = config.serverMetadata();
  const discovery = { ok: true as const, issuer: metadata.issuer, authorizationEndpoint: metadata.authorization_endpoint ?? '' };
  const redirectUri = redirectUriFor(profile, deps.scheme);
  const { authorizationUrl } = await buildAuthorizationRequest(config, profile, { state: oidc.randomState(), redirectUri });
  const preflight = await preflightAuthorization(deps.fetch, { authorizationUrl, redirectUri, clientId: profile.clientId });
  return {
    profileId: profile.id,
    checkedAt,
    discovery,
    preflight: { outcome: preflight.outcome, ...(preflight.outcome !== 'accepted' && preflight.error ? { error: toErrorView(preflight.error, 'internal_error') } : {}) },
  };
}
