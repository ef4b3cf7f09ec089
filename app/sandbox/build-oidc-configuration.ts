import type { ClientMetadata, Configuration, KoaContextWithOIDC, ResourceServer, errors as OidcErrors } from 'oidc-provider';
import type { SandboxAccounts } from './sandbox-accounts.js';
import type { SandboxJwks } from './generate-sandbox-jwks.js';
import type { SandboxMemoryStore } from './sandbox-memory-store.js';
import type { AccessTokenFormat } from './sandbox-settings.js';
import { interactionPaths } from './interaction-paths.js';
import { renderErrorPage } from './render-error-page.js';
import { companyGrantType } from './register-company-grant.js';

/** The scope that the demo API requires. */
export const apiScope = 'api';

/** OIDC scopes the sandbox knows; `api` belongs to the resource server, not to this list. */
export const oidcScopes = ['openid', 'profile', 'offline_access'] as const;

export interface OidcConfigurationInput {
  accounts: SandboxAccounts;
  clients: ClientMetadata[];
  jwks: SandboxJwks;
  cookieKeys: string[];
  /** The resource indicator, which is also the audience of every access token. */
  resource: string;
  accessTokenTtlSeconds: number;
  accessTokenFormat: AccessTokenFormat;
  /** The only client allowed to introspect (the demo API), when access tokens are opaque. */
  introspectingClientId: string | undefined;
  issueRefreshTokens: boolean;
  store: SandboxMemoryStore;
  errors: typeof OidcErrors;
}

export function resourceServerInfo(resource: string, accessTokenTtlSeconds: number, accessTokenFormat: AccessTokenFormat): ResourceServer {
  return { scope: apiScope, audience: resource, accessTokenFormat, accessTokenTTL: accessTokenTtlSeconds };
}

/** oidc-provider settings for the Local sandbox. Each choice mirrors what Healthcode does. */
export function buildOidcConfiguration(input: OidcConfigurationInput): Configuration {
  const { accounts, resource } = input;
  const apiServer = resourceServerInfo(resource, input.accessTokenTtlSeconds, input.accessTokenFormat);
  const { introspectingClientId } = input;
  return {
    adapter: input.store.adapterFactory,
    clients: input.clients,
    jwks: input.jwks as Configuration['jwks'],
    cookies: { keys: input.cookieKeys },
    responseTypes: ['code'],
    scopes: [...oidcScopes],
    claims: { openid: ['sub'], profile: ['name'] },
    // The app reads the user's name from the ID token: every access token is an API JWT, which
    // the userinfo endpoint does not accept.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    // A desktop app never makes cross-origin browser calls to the provider.
    clientBasedCORS: () => false,
    findAccount: (_ctx, subject) => {
      const user = accounts.findBySubject(subject);
      if (!user) return undefined;
      return { accountId: user.subject, claims: () => ({ sub: user.subject, name: user.name }) };
    },
    extraTokenClaims: (ctx, token) => {
      if (token.kind === 'ClientCredentials') return companyGrantClaims(ctx);
      const user = token.accountId ? accounts.findBySubject(token.accountId) : undefined;
      if (!user) return undefined;
      return { name: user.name, ...(user.companyId ? { CompanyId: user.companyId } : {}) };
    },
    interactions: { url: (_ctx, interaction) => interactionPaths(interaction.uid).page },
    issueRefreshToken: (_ctx, client) => input.issueRefreshTokens && client.grantTypeAllowed('refresh_token'),
    features: {
      devInteractions: { enabled: false },
      revocation: { enabled: true, allowedPolicy: (_ctx, client, token) => token.clientId === client.clientId },
      userinfo: { enabled: true },
      // Opaque access tokens mean nothing to the demo API until the provider vouches for them.
      introspection: {
        enabled: introspectingClientId !== undefined,
        allowedPolicy: (_ctx, client, token) => client.clientId === introspectingClientId && audienceIncludes((token as { aud?: unknown }).aud, resource),
      },
      // oidc-provider finds company (client credentials) tokens for introspection only with this
      // on. No client lists `client_credentials` in its grant types, so none can use the grant.
      clientCredentials: { enabled: introspectingClientId !== undefined },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => resource,
        // Issue the API JWT even when `openid` is requested, as Healthcode does.
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, indicator) => {
          if (indicator !== resource) throw new input.errors.InvalidTarget();
          return apiServer;
        },
      },
    },
    ttl: {
      AccessToken: (_ctx, token) => token.resourceServer?.accessTokenTTL ?? input.accessTokenTtlSeconds,
      ClientCredentials: (_ctx, token) => token.resourceServer?.accessTokenTTL ?? input.accessTokenTtlSeconds,
      AuthorizationCode: 60,
      IdToken: 60 * 60,
      Interaction: 10 * 60,
      Session: 24 * 60 * 60,
      Grant: 24 * 60 * 60,
      RefreshToken: 14 * 24 * 60 * 60,
    },
    renderError: (ctx, out) => {
      const page = renderErrorPage({ title: 'Sign-in could not continue', error: out.error, description: out.error_description });
      ctx.type = 'html';
      ctx.set('content-security-policy', page.contentSecurityPolicy);
      ctx.set('cache-control', 'no-store');
      ctx.body = page.html;
    },
  };
}

function audienceIncludes(aud: unknown, resource: string): boolean {
  return aud === resource || (Array.isArray(aud) && aud.includes(resource));
}

function companyGrantClaims(ctx: KoaContextWithOIDC): Record<string, unknown> | undefined {
  // The `company` grant handler has already checked CompanyId against the known companies.
  const params = ctx.oidc.params;
  if (params?.grant_type !== companyGrantType || typeof params.CompanyId !== 'string') return undefined;
  return { CompanyId: params.CompanyId };
}
