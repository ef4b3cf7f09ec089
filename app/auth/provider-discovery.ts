import * as oidc from 'openid-client';
import type { Profile } from '../config/profile.js';
import { supervisorError } from '../error-catalogue.js';
import { isSupervisorError } from '../errors.js';

export const discoveryTimeoutMs = 10_000;

/** True for http(s) URLs on this machine's loopback interface (RFC 8252 §8.3). */
export function isLoopbackUrl(url: URL): boolean {
  const host = url.hostname;
  return host === '127.0.0.1' || host === '[::1]' || host === 'localhost';
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
 * signatures always verified (S22), and a bounded timeout (S14, S16).
 */
export async function discoverProvider(profile: Profile, clientSecret: string | undefined): Promise<oidc.Configuration> {
  const issuer = new URL(profile.issuer);
  if (!isAllowedEndpoint(issuer)) throw supervisorError('insecure_issuer', issuer.origin);
  const clientAuth =
    profile.clientAuth === 'client_secret_basic'
      ? oidc.ClientSecretBasic(clientSecret)
      : profile.clientAuth === 'client_secret_post'
        ? oidc.ClientSecretPost(clientSecret)
        : oidc.None();
  const execute = issuer.protocol === 'http:' ? [oidc.allowInsecureRequests] : [];

  let config: oidc.Configuration;
  try {
    config = await oidc.discovery(issuer, profile.clientId, undefined, clientAuth, {
      execute,
      timeout: discoveryTimeoutMs / 1000,
    });
  } catch (error) {
    throw mapDiscoveryError(error, issuer);
  }

  const metadata = config.serverMetadata();
  for (const key of endpointKeys) {
    const value = metadata[key];
    if (typeof value === 'string' && !isAllowedEndpoint(new URL(value))) {
      throw supervisorError('insecure_issuer', new URL(value).origin);
    }
  }
  oidc.enableNonRepudiationChecks(config);
  return config;
}

function mapDiscoveryError(error: unknown, issuer: URL) {
  if (isSupervisorError(error)) return error;
  if (isTimeout(error)) return supervisorError('discovery_timeout', issuer.href, discoveryTimeoutMs / 1000, { cause: error });
  return supervisorError('discovery_failed', issuer.href, { cause: error });
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
