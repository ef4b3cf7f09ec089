import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createNodeNetwork } from '../network/node-http-fetch.js';
import type { HttpRequestInit } from '../ports/http-fetch.js';
import { nullLogger, type Logger } from '../ports/logger.js';
import { AccessTokenVerifier } from './access-token-verifier.js';
import { buildOidcConfiguration, resourceServerInfo } from './build-oidc-configuration.js';
import { completeLoginWithoutBrowser } from './complete-login-without-browser.js';
import { appLinkPageMiddleware, appLinkScript, appLinkScriptPath } from './app-link-page.js';
import { apiPathPrefix, createDemoApiHandler } from './create-demo-api-handler.js';
import { createInteractionHandler } from './create-interaction-handler.js';
import { createPortalHandler, portalPath } from './create-portal-handler.js';
import { createMarketplaceHandler, marketplacePath } from './create-marketplace-handler.js';
import { SandboxCompanyConsents } from './sandbox-company-consents.js';
import { generateSandboxJwks, type SandboxJwks } from './generate-sandbox-jwks.js';
import { interactionPathPrefix } from './interaction-paths.js';
import { listenSandbox } from './listen-sandbox.js';
import { loadOidcProvider } from './load-oidc-provider.js';
import { SandboxAccounts, demoSignInHints, type SandboxUser } from './sandbox-accounts.js';
import { resolveSandboxSettings, sandboxClients, type AccessTokenFormat } from './sandbox-settings.js';
import { SandboxMemoryStore } from './sandbox-memory-store.js';
import { registerCompanyGrant } from './register-company-grant.js';
import { sendJavaScript, sendJson } from './http-responses.js';
import { trackConnections } from './track-connections.js';

export type { SandboxUser } from './sandbox-accounts.js';
export type { SandboxJwks } from './generate-sandbox-jwks.js';
export type { AccessTokenFormat } from './sandbox-settings.js';
export { demoUser, partnerDemoUsers } from './sandbox-accounts.js';
export { generateSandboxJwks } from './generate-sandbox-jwks.js';

export interface SandboxOptions {
  /** Default 0: an ephemeral port. The server binds 127.0.0.1 only. */
  port?: number;
  /** Default 86 400 (24 h, as Healthcode). Shorten it for expiry demos and tests. */
  accessTokenTtlSeconds?: number;
  /** Default 'rpa-supervisor-sandbox': a public native client, PKCE S256 required. */
  clientId?: string;
  /** Schemes allowed for `<scheme>://auth/callback`; default both from `appIdentity.protocolScheme`. */
  customSchemes?: string[];
  /** A second client using client_secret_basic, the only one allowed the `company` grant. */
  confidentialClient?: { clientId: string; clientSecret: string };
  /** Default false: Healthcode issues no refresh tokens. */
  issueRefreshTokens?: boolean;
  /**
   * More redirect URIs for every client, e.g. the address of an https bounce page under test.
   * Custom-scheme and loopback (`http://127.0.0.1/callback`, any port) URIs are always registered.
   */
  extraRedirectUris?: string[];
  /**
   * The issuer to advertise instead of this server's own address: tests put a real HTTP server
   * in front of the sandbox (to make it misbehave) and give its address here.
   */
  issuer?: string;
  /** Default: only `demoUser`. */
  users?: SandboxUser[];
  /**
   * Default 'jwt' (as Healthcode). 'opaque' issues random-string access tokens that only the
   * provider can read; the demo API then checks each one at the introspection endpoint (RFC 7662)
   * with a client of its own. Tests use it to prove no check relies on a token looking like a JWT.
   */
  accessTokenFormat?: AccessTokenFormat;
  /**
   * Default false: the final redirect to an app link (custom scheme) is sent as a redirect, for
   * the operating system to hand to the app. True shows that link on a page with a Copy button
   * instead, for a browser that cannot open it (the browser host never registers its scheme).
   */
  appLinkPage?: boolean;
  /** Private signing keys to use instead of generating fresh ones (saves ~80 ms per start). */
  jwks?: SandboxJwks;
  /**
   * Serve https with this certificate (PEM) instead of plain http. `ca` is the root that signed
   * it: the sandbox trusts it for its own requests (the demo API fetching the signing keys).
   */
  tls?: { key: string; cert: string; ca: string };
  /** The host name in the issuer and every URL; default 127.0.0.1. */
  hostname?: string;
  /** The address to listen on; default 127.0.0.1. */
  listenAddress?: string;
  /**
   * Default true. False answers like Healthcode: no `iss` in the authorization response, and
   * discovery does not advertise it (RFC 9207), so clients must not require it.
   */
  authorizationResponseIss?: boolean;
  logger?: Logger;
}

export interface RunningSandbox {
  /** e.g. http://127.0.0.1:PORT, exactly what discovery returns. */
  issuer: string;
  /** Where this server itself listens; differs from `issuer` only when `options.issuer` was given. */
  serverUrl: string;
  /** Base of the demo API, e.g. http://127.0.0.1:PORT/api. */
  apiBaseUrl: string;
  /** Where the provider publishes its public keys. Always set by startSandbox. */
  jwksUri: string;
  /** The claims portal page that the sample Playwright bot drives. Always set by startSandbox. */
  portalUrl: string;
  /** With a `confidentialClient`: the mimicked HCSS Marketplace, where a company adds or removes the app. */
  marketplaceUrl?: string;
  /** Which companies currently let the partner app act for them (the Marketplace's state). */
  companyConsents: Pick<SandboxCompanyConsents, 'withdraw' | 'consent' | 'list'>;
  clientId: string;
  /** The resource indicator and audience of every access token. */
  resource: string;
  /** The first configured user; by default username 'demo', password 'demo-password'. */
  demoUser: SandboxUser;
  accessTokenFormat: AccessTokenFormat;
  /**
   * Calls `listener` with every successful token endpoint answer this provider sends (code,
   * refresh and company grants), so tests know the literal tokens that must never leak.
   */
  onTokensIssued(listener: (tokens: IssuedTokens) => void): { dispose(): void };
  /**
   * Completes a login for `authorizationUrl` without a browser (for benchmarks and tests) and
   * returns the final redirect URL: the custom-scheme or loopback callback with code, state, iss.
   */
  completeLoginWithoutBrowser(authorizationUrl: string, user?: SandboxUser): Promise<string>;
  /** Stops the server and destroys every open socket at once. */
  close(): Promise<void>;
}

/** The secrets in one token endpoint answer. */
export interface IssuedTokens {
  accessToken: string;
  idToken?: string;
  refreshToken?: string;
}

export { defaultAccessTokenTtlSeconds, defaultSandboxClientId, loopbackRedirectUri, sandboxPartnerClientId } from './sandbox-settings.js';

/** Starts the Local sandbox: a real oidc-provider plus the demo API and portal on 127.0.0.1. */
export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const settings = resolveSandboxSettings(options);
  const logger = options.logger ?? nullLogger;
  const [{ Provider, errors }, jwks] = await Promise.all([loadOidcProvider(), options.jwks ?? generateSandboxJwks()]);

  const server = options.tls
    ? createHttpsServer({ requestTimeout: 30_000, key: options.tls.key, cert: options.tls.cert })
    : createServer({ requestTimeout: 30_000 });
  const connections = trackConnections(server);
  await listenSandbox(server, settings.port, options.listenAddress ?? '127.0.0.1', logger);
  const { port } = server.address() as AddressInfo;
  const serverUrl = `${options.tls ? 'https' : 'http'}://${options.hostname ?? '127.0.0.1'}:${port}`;
  // The sandbox's own requests to itself trust its own root, and never take a proxy.
  const ownNetwork = options.tls ? createNodeNetwork({ env: {}, extraCaCertificates: [options.tls.ca] }) : undefined;
  const issuer = options.issuer ?? serverUrl;
  const apiBaseUrl = `${issuer}${apiPathPrefix}`;
  const jwksUri = `${issuer}/jwks`;
  const resource = apiBaseUrl;

  const accounts = new SandboxAccounts(settings.users);
  const provider = new Provider(issuer, buildOidcConfiguration({
    accounts,
    clients: sandboxClients(settings),
    jwks,
    cookieKeys: [randomBytes(32).toString('base64url')],
    resource,
    accessTokenTtlSeconds: settings.accessTokenTtlSeconds,
    accessTokenFormat: settings.accessTokenFormat,
    introspectingClientId: settings.demoApiClient?.clientId,
    issueRefreshTokens: settings.issueRefreshTokens,
    store: new SandboxMemoryStore(),
    errors,
  }));
  const consents = new SandboxCompanyConsents(accounts.companyIds());
  registerCompanyGrant(provider, {
    resource,
    resourceServer: resourceServerInfo(resource, settings.accessTokenTtlSeconds, settings.accessTokenFormat),
    consents,
    errors,
  });
  const tokenListeners = new Set<(tokens: IssuedTokens) => void>();
  provider.use(async (ctx, next) => {
    await next();
    if (tokenListeners.size === 0 || ctx.oidc?.route !== 'token' || ctx.status !== 200) return;
    const issued = readIssuedTokens(ctx.body);
    if (issued) for (const listener of tokenListeners) listener(issued);
  });
  if (options.appLinkPage === true) provider.use(appLinkPageMiddleware());
  if (options.authorizationResponseIss === false) provider.use(withoutResponseIss);
  provider.on('server_error', (_ctx: unknown, error: Error) => {
    logger.error('The sandbox identity provider failed a request.', { errorName: error.name, errorMessage: error.message });
  });

  const handleInteraction = createInteractionHandler({ provider, accounts, resource, errors, logger, demoHints: demoSignInHints(settings.users) });
  const handleApi = createDemoApiHandler(
    new AccessTokenVerifier({
      issuer,
      jwksUri,
      audience: resource,
      ...(ownNetwork ? { fetch: ownNetwork.fetch } : {}),
      ...(settings.demoApiClient ? { introspection: { endpoint: `${issuer}/token/introspection`, ...settings.demoApiClient } } : {}),
    }),
  );
  const handlePortal = createPortalHandler();
  const handleMarketplace = settings.confidentialClient ? createMarketplaceHandler({ issuer, consents }) : undefined;
  const handleProvider = provider.callback();

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const pathname = URL.parse(req.url ?? '/', issuer)?.pathname;
    if (pathname === undefined) {
      sendJson(res, 400, { error: 'invalid_request', message: 'The request address is not valid.' });
      return;
    }
    const handled = (async () => {
      if (pathname === apiPathPrefix || pathname.startsWith(`${apiPathPrefix}/`)) await handleApi(req, res, pathname);
      else if (pathname === portalPath || pathname.startsWith(`${portalPath}/`)) handlePortal(req, res, pathname);
      else if (handleMarketplace && (pathname === marketplacePath || pathname.startsWith(`${marketplacePath}/`))) await handleMarketplace(req, res, pathname);
      else if (pathname.startsWith(interactionPathPrefix)) await handleInteraction(req, res, pathname);
      else if (pathname === appLinkScriptPath && options.appLinkPage === true) sendJavaScript(res, appLinkScript);
      else await handleProvider(req, res);
    })();
    handled.catch((error: unknown) => {
      logger.error('The sandbox failed a request.', { path: pathname, errorName: error instanceof Error ? error.name : typeof error });
      if (!res.headersSent) sendJson(res, 500, { error: 'server_error', message: 'The sandbox could not answer this request.' });
      else res.destroy();
    });
  });

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve) => {
      server.close(() => resolve());
      connections.destroyAll();
    }).then(() => ownNetwork?.close());
    return closing;
  };

  const firstUser = settings.users[0] as SandboxUser;
  return {
    issuer,
    serverUrl,
    apiBaseUrl,
    jwksUri,
    portalUrl: `${issuer}${portalPath}`,
    ...(handleMarketplace ? { marketplaceUrl: `${issuer}${marketplacePath}` } : {}),
    companyConsents: consents,
    clientId: settings.clientId,
    resource,
    demoUser: firstUser,
    accessTokenFormat: settings.accessTokenFormat,
    onTokensIssued(listener) {
      tokenListeners.add(listener);
      return { dispose: () => void tokenListeners.delete(listener) };
    },
    completeLoginWithoutBrowser: (authorizationUrl, user = firstUser) => completeLoginWithoutBrowser(issuer, authorizationUrl, user, ownNetwork ? (url, init) => ownNetwork.fetch(String(url), { ...init, headers: (init.headers ?? {}) as Record<string, string>, method: init.method ?? 'GET', redirect: 'manual' } as HttpRequestInit) : undefined),
    close,
  };
}

function readIssuedTokens(body: unknown): IssuedTokens | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { access_token: accessToken, id_token: idToken, refresh_token: refreshToken } = body as Record<string, unknown>;
  if (typeof accessToken !== 'string') return undefined;
  return {
    accessToken,
    ...(typeof idToken === 'string' ? { idToken } : {}),
    ...(typeof refreshToken === 'string' ? { refreshToken } : {}),
  };
}

/**
 * Healthcode's shape (S-cases in app/network): the authorization response carries no `iss` and
 * discovery does not advertise it. oidc-provider always adds it, so it is taken out on the way.
 */
async function withoutResponseIss(ctx: { oidc?: { route?: string }; body: unknown; status: number; response: { get(name: string): string }; set(name: string, value: string): void }, next: () => Promise<void>): Promise<void> {
  await next();
  if (ctx.oidc?.route === 'discovery' && typeof ctx.body === 'object' && ctx.body !== null) {
    delete (ctx.body as Record<string, unknown>).authorization_response_iss_parameter_supported;
  }
  const location = ctx.status >= 300 && ctx.status < 400 ? ctx.response.get('location') : '';
  const target = location ? URL.parse(location) : null;
  if (target?.searchParams.has('iss') && (target.searchParams.has('code') || target.searchParams.has('error'))) {
    target.searchParams.delete('iss');
    ctx.set('location', target.href);
  }
}
