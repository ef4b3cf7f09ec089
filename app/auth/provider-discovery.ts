import * as oidc from 'openid-client';
import { isLoopbackHost } from '../common/loopback.js';
import type { Profile } from '../config/profile.js';
import { supervisorError } from '../error-catalogue.js';
import { isSupervisorError } from '../errors.js';
import { networkSupervisorError } from '../network/network-error-mapping.js';
import { directHttpFetch, type HttpFetch } from '../ports/http-fetch.js';

export const discoveryTimeoutMs = 10_000;

/** True for http(s) URLs on this machine's loopback interface (RFC 8252 §8.3). */
export function isLoopbackUrl(url: URL): boolean {
  return isLoopbackHost(url.hostname);
}

/** https anywhere, http only on loopback (S15). */
export function isAllowedEndpoint(url: URL): boolean {
  return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackUrl(url));
}

const endpointKeys = [
  'authorization_endpoint',
  'token_endpoint',
  'jwks_uri',
  'userinfo_endpoint',
  'revocation_endpoint',
  'end_session_endpoint',
] as const;

/**
 * Discovers the provider for a profile with openid-client and applies our non-negotiables:
 * http only on loopback (for every advertised endpoint, not just the issuer), ID token
 * signatures always verified (S22), and a bounded timeout for every later request too (S14, S16).
 * Every request, this one and all later ones on the configuration, goes through the host's
 * `HttpFetch` (S50). A profile with explicit endpoints (a provider without a discovery document)
 * skips the fetch. `requireSecret: false` (Test connection) discovers without the client secret.
 */
export async function discoverProvider(
  profile: Profile,
  clientSecret: string | undefined,
  options: { timeoutMs?: number; fetch?: HttpFetch; requireSecret?: boolean } = {},
): Promise<oidc.Configuration> {
  const timeoutMs = options.timeoutMs ?? discoveryTimeoutMs;
  const fetch = options.fetch ?? directHttpFetch;
  const issuer = new URL(profile.issuer);
  if (!isAllowedEndpoint(issuer)) throw supervisorError('insecure_issuer', issuer.origin);
  if (profile.clientAuth !== 'none' && !clientSecret && options.requireSecret !== false) throw supervisorError('client_secret_missing', profile.name);
  const clientAuth =
    profile.clientAuth === 'none' || !clientSecret
      ? oidc.None()
      : profile.clientAuth === 'client_secret_basic'
      ? oidc.ClientSecretBasic(clientSecret)
      : oidc.ClientSecretPost(clientSecret);

  let config: oidc.Configuration;
  if (profile.endpoints) {
    config = new oidc.Configuration(explicitMetadata(profile), profile.clientId, undefined, clientAuth);
    if (usesPlainHttp(config)) oidc.allowInsecureRequests(config);
    config[oidc.customFetch] = fetch;
  } else {
    try {
      config = await oidc.discovery(issuer, profile.clientId, undefined, clientAuth, {
        execute: issuer.protocol === 'http:' ? [oidc.allowInsecureRequests] : [],
        timeout: timeoutMs / 1000,
        [oidc.customFetch]: fetch,
      });
    } catch (error) {
      throw mapDiscoveryError(error, issuer, timeoutMs);
    }
  }

  const metadata = config.serverMetadata();
  for (const key of endpointKeys) {
    const value = metadata[key];
    if (typeof value === 'string' && !isAllowedEndpoint(new URL(value))) {
      throw supervisorError('insecure_issuer', new URL(value).origin);
    }
  }
  config.timeout = timeoutMs / 1000;
  oidc.enableNonRepudiationChecks(config);
  return config;
}

function explicitMetadata(profile: Profile): oidc.ServerMetadata {
  const endpoints = profile.endpoints;
  if (!endpoints) throw supervisorError('internal_error');
  return {
    issuer: profile.issuer,
    authorization_endpoint: endpoints.authorization,
    token_endpoint: endpoints.token,
    ...(endpoints.revocation ? { revocation_endpoint: endpoints.revocation } : {}),
    ...(endpoints.userinfo ? { userinfo_endpoint: endpoints.userinfo } : {}),
    ...(endpoints.jwks ? { jwks_uri: endpoints.jwks } : {}),
    code_challenge_methods_supported: ['S256'],
  };
}

function usesPlainHttp(config: oidc.Configuration): boolean {
  const metadata = config.serverMetadata();
  return [metadata.issuer, ...endpointKeys.map((key) => metadata[key])].some(
    (value) => typeof value === 'string' && new URL(value).protocol === 'http:',
  );
}

function mapDiscoveryError(error: unknown, issuer: URL, timeoutMs: number) {
  if (isSupervisorError(error)) return error;
  const network = networkSupervisorError(error);
  if (network) return network;
  if (isTimeout(error)) return supervisorError('discovery_timeout', issuer.href, timeoutMs / 1000, { cause: error });
  const advertised = advertisedIssuer(error);
  if (advertised !== undefined) return supervisorError('discovery_issuer_mismatch', issuer.href, advertised, { cause: error });
  const answer = unexpectedAnswer(error);
  if (answer?.status !== undefined && answer.status >= 500) return supervisorError('discovery_provider_error', issuer.href, answer.status, { cause: error });
  if (answer) return supervisorError('discovery_not_a_provider', issuer.href, answer.words, { cause: error });
  return supervisorError('discovery_failed', issuer.href, { cause: error });
}

/**
 * Something answered, but not with a discovery document: a web page (the issuer URL is a login or
 * home page's, or a proxy's block page), a status, or JSON of another kind. "Could not be reached"
 * would send the admin to the network instead of the issuer URL. Only the status and a well-formed
 * content type are repeated: the body comes from the network and is never shown.
 */
function unexpectedAnswer(error: unknown): { status?: number; words: string } | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    // Duck-typed: the host's fetch (Electron's net, undici) need not use this realm's Response.
    const response = (e as { cause?: unknown }).cause as { status?: unknown; headers?: { get?: unknown } } | undefined;
    if ((code === 'OAUTH_RESPONSE_IS_NOT_CONFORM' || code === 'OAUTH_RESPONSE_IS_NOT_JSON') && typeof response?.status === 'number' && response.headers && typeof response.headers.get === 'function') {
      if (response.status !== 200) return { status: response.status, words: `it answered HTTP ${response.status}` };
      const type = String((response.headers as Headers).get('content-type') ?? '').split(';')[0]?.trim() ?? '';
      return { words: `it sent ${/^[\w.+-]{1,40}\/[\w.+-]{1,60}$/.test(type) ? `a ${type} page` : 'something'} instead of JSON` };
    }
    if (code === 'OAUTH_PARSE_ERROR' || code === 'OAUTH_INVALID_RESPONSE') return { words: 'its answer is not a valid discovery document' };
  }
  return undefined;
}

/**
 * The issuer a discovery document named when it was not the one the profile expects (S14). Worth
 * its own message: it is usually a typo or a trailing slash in the profile, which the admin can
 * fix by copying the advertised value. Clipped and stripped of controls: it comes from the network.
 */
function advertisedIssuer(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if ((e as { code?: unknown }).code !== 'OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED') continue;
    const detail = (e as { cause?: { attribute?: unknown; body?: { issuer?: unknown } } }).cause;
    if (detail?.attribute !== 'issuer') continue;
    const value = String(detail.body?.issuer ?? '').replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');
    return value.length > 200 ? `${value.slice(0, 200)}…` : value;
  }
  return undefined;
}

export function isTimeout(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const name = (e as { name?: unknown }).name;
    const code = (e as { code?: unknown }).code;
    if (name === 'TimeoutError' || name === 'AbortError' || code === 'OAUTH_TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') {
      return true;
    }
  }
  return false;
}
