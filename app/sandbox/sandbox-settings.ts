import { randomBytes } from 'node:crypto';
import type { ClientMetadata } from 'oidc-provider';
import { appIdentity, customSchemeRedirectUri } from '../config/app-identity.js';
import { demoUser, type SandboxUser } from './sandbox-accounts.js';
import { companyGrantType } from './register-company-grant.js';
import type { SandboxOptions } from './sandbox-provider.js';

export const defaultSandboxClientId = 'rpa-supervisor-sandbox';
/** The confidential client behind the built-in "Local sandbox (HCSS partner)" profile. */
export const sandboxPartnerClientId = 'rpa-supervisor-sandbox-partner';
export const defaultAccessTokenTtlSeconds = 24 * 60 * 60;
/** The demo API's own confidential client: it may only introspect (RFC 7662), never sign anyone in. */
export const demoApiClientId = 'rpa-supervisor-sandbox-demo-api';

export type AccessTokenFormat = 'jwt' | 'opaque';
export const accessTokenFormats: readonly AccessTokenFormat[] = ['jwt', 'opaque'];
/** Loopback redirect for native clients; any port matches (RFC 8252 §7.3), `localhost` does not. */
export const loopbackRedirectUri = `http://127.0.0.1${appIdentity.callbackPath}`;

export interface SandboxSettings {
  port: number;
  accessTokenTtlSeconds: number;
  clientId: string;
  customSchemes: string[];
  confidentialClient: { clientId: string; clientSecret: string } | undefined;
  issueRefreshTokens: boolean;
  extraRedirectUris: string[];
  users: SandboxUser[];
  accessTokenFormat: AccessTokenFormat;
  /** Present for opaque access tokens: how the demo API authenticates to the introspection endpoint. */
  demoApiClient: { clientId: string; clientSecret: string } | undefined;
}

/** Checks the options and fills in the defaults. */
export function resolveSandboxSettings(options: SandboxOptions): SandboxSettings {
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new RangeError('The sandbox port must be an integer from 0 to 65535.');
  const accessTokenTtlSeconds = options.accessTokenTtlSeconds ?? defaultAccessTokenTtlSeconds;
  if (!Number.isSafeInteger(accessTokenTtlSeconds) || accessTokenTtlSeconds <= 0) {
    throw new RangeError('The sandbox access token lifetime must be a whole number of seconds above zero.');
  }
  const customSchemes = options.customSchemes ?? Object.values(appIdentity.protocolScheme);
  for (const scheme of customSchemes) {
    // RFC 3986 scheme syntax; http(s) would turn the "custom" redirect into a web redirect.
    if (!/^[a-z][a-z0-9+.-]*$/.test(scheme) || scheme === 'http' || scheme === 'https') {
      throw new RangeError(`"${scheme}" cannot be used as a custom redirect scheme.`);
    }
  }
  const users = options.users ?? [demoUser];
  if (users.length === 0) throw new RangeError('The sandbox needs at least one user.');
  const clientId = options.clientId ?? defaultSandboxClientId;
  if (options.confidentialClient && options.confidentialClient.clientId === clientId) {
    throw new RangeError('The confidential client needs its own client id.');
  }
  const accessTokenFormat = options.accessTokenFormat ?? 'jwt';
  if (!accessTokenFormats.includes(accessTokenFormat)) throw new RangeError('The sandbox access token format must be "jwt" or "opaque".');
  return {
    port,
    accessTokenTtlSeconds,
    clientId,
    customSchemes,
    confidentialClient: options.confidentialClient,
    issueRefreshTokens: options.issueRefreshTokens ?? false,
    extraRedirectUris: options.extraRedirectUris ?? [],
    users,
    accessTokenFormat,
    demoApiClient: accessTokenFormat === 'opaque' ? { clientId: demoApiClientId, clientSecret: randomBytes(32).toString('base64url') } : undefined,
  };
}

/** The public native client and, when asked for, the confidential partner client. */
export function sandboxClients(settings: SandboxSettings): ClientMetadata[] {
  const redirectUris = [...settings.customSchemes.map(customSchemeRedirectUri), loopbackRedirectUri, ...settings.extraRedirectUris];
  const refresh = settings.issueRefreshTokens ? ['refresh_token'] : [];
  const clients: ClientMetadata[] = [
    {
      client_id: settings.clientId,
      client_name: appIdentity.productName,
      application_type: 'native',
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code', ...refresh],
      response_types: ['code'],
      redirect_uris: redirectUris,
    },
  ];
  if (settings.demoApiClient) {
    // A resource server, not an app: no grant, no redirect, so it can never get a token itself.
    clients.push({
      client_id: settings.demoApiClient.clientId,
      client_secret: settings.demoApiClient.clientSecret,
      client_name: `${appIdentity.productName} sandbox demo API`,
      token_endpoint_auth_method: 'client_secret_basic',
      grant_types: [],
      response_types: [],
      redirect_uris: [],
    });
  }
  if (settings.confidentialClient) {
    clients.push({
      client_id: settings.confidentialClient.clientId,
      client_secret: settings.confidentialClient.clientSecret,
      client_name: `${appIdentity.productName} (partner)`,
      application_type: 'native',
      token_endpoint_auth_method: 'client_secret_basic',
      grant_types: ['authorization_code', companyGrantType, ...refresh],
      response_types: ['code'],
      redirect_uris: redirectUris,
    });
  }
  return clients;
}
