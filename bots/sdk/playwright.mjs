// @ts-check
/**
 * Playwright helpers for RPA Supervisor bots. Kept apart from `index.mjs` so that bots which do not
 * drive a browser never load Playwright. `launchBrowser()` loads the playwright-core that RPA
 * Supervisor ships (RPA_PLAYWRIGHT_CORE), so a bot needs nothing installed beside it, and starts
 * the browser the supervisor's rule picks (browser-choice.mjs); the other helpers take the
 * context or the `playwright` module you already use (`playwright` or `playwright-core`).
 *
 * Both helpers ask the broker for the token on every request, so a re-authentication (a new token)
 * reaches a running browser at once, and both retry a request once with a fresh token when the
 * target answers 401. The token is only ever put in an Authorization header, never in a URL.
 */
import path from 'node:path';
import process from 'node:process';
import { pathToFileURL } from 'node:url';
import { chooseBrowser } from './browser-choice.mjs';
import { getAccessToken } from './index.mjs';
import { proxyFromEnvironment } from './proxy-fetch.mjs';

/**
 * The clinic's proxy (HTTPS_PROXY / HTTP_PROXY / NO_PROXY, as the supervisor passes them on) in
 * Playwright's shape, for `chromium.launch({ proxy: playwrightProxy() })`; undefined when none is
 * set. Loopback is always bypassed (S50).
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {{ server: string; bypass: string } | undefined}
 */
export function playwrightProxy(env = process.env) {
  const proxy = proxyFromEnvironment(env);
  const server = proxy?.httpsProxy ?? proxy?.httpProxy;
  return proxy && server ? { server, bypass: proxy.noProxy } : undefined;
}

/**
 * The playwright-core module: the supervisor's own copy when it gives one (RPA_PLAYWRIGHT_CORE, an
 * absolute folder), else whatever `playwright-core` resolves to from the bot's folder.
 * @returns {Promise<typeof import('playwright-core')>}
 */
export async function loadPlaywright() {
  const dir = process.env.RPA_PLAYWRIGHT_CORE;
  if (dir && path.isAbsolute(dir)) return import(pathToFileURL(path.join(dir, 'index.mjs')).href);
  return import('playwright-core');
}

/** Quiet, offline-friendly switches for a bot's browser (no sync, updates or first-run pages). */
const quietArgs = ['--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/**
 * Launches Chromium, Edge or Chrome for a bot: the browser {@link chooseBrowser} picks (a path
 * you pass, the supervisor's setting, else an installed Edge or Chrome), through the clinic's
 * proxy when the supervisor passes one on (`options.proxy` overrides). Nothing is downloaded.
 * Throws an Error with `code` `browser_not_found` or `browser_path_missing` and a message that
 * says what to install or set.
 *
 * @param {import('playwright-core').LaunchOptions} [options]
 * @returns {Promise<import('playwright-core').Browser>}
 */
export async function launchBrowser(options = {}) {
  const { executablePath, channel: _ignored, args = [], ...rest } = options;
  const choice = chooseBrowser({ executablePath, env: process.env, platform: process.platform });
  if (!choice.ok) throw Object.assign(new Error(choice.message), { code: choice.code });
  const { chromium } = await loadPlaywright();
  // The clinic's proxy unless the bot chose its own, as for createAuthorizedRequestContext: the
  // browser's pages and its route.fetch() calls (withBearer) then leave through it (S50).
  const proxy = rest.proxy ?? playwrightProxy();
  return chromium.launch({
    ...rest,
    ...(proxy ? { proxy } : {}),
    ...choice.launch,
    // Chromium refuses to run as root with its sandbox on (containers, CI); a person's account keeps it.
    args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), ...quietArgs, ...args],
  });
}

/**
 * Adds `Authorization: Bearer <token>` to the requests of a browser context that match `url`, and
 * only those: the token must not reach third-party sites a page happens to load. If the broker has
 * no usable token (the session expired), the request goes out without the header, so the site
 * answers as it would to anyone signed out; `onTokenError` hears why.
 *
 * @param {import('playwright-core').BrowserContext} context
 * @param {{
 *   url: string | RegExp | ((url: URL) => boolean);
 *   minValidityMs?: number;
 *   onTokenError?: (error: unknown) => void;
 * }} options `url` uses Playwright's route matching, e.g. `https://api.example.org/**`.
 * @returns {Promise<{ dispose(): Promise<void> }>}
 */
export async function withBearer(context, options) {
  if (!options || options.url === undefined) throw new TypeError('withBearer needs a url pattern: the token must only go to the API it is for.');
  const tokenOptions = { minValidityMs: options.minValidityMs };

  /** @param {import('playwright-core').Route} route */
  const handler = async (route) => {
    let token;
    try {
      token = await getAccessToken(tokenOptions);
    } catch (error) {
      options.onTokenError?.(error);
      await settle(() => route.continue());
      return;
    }
    const headers = { ...route.request().headers(), authorization: `Bearer ${token.accessToken}` };
    try {
      let response = await route.fetch({ headers });
      if (response.status() === 401) {
        const fresh = await getAccessToken(tokenOptions).catch(() => undefined);
        // Only a different token is worth a second try; the same one would get the same 401.
        if (fresh && fresh.accessToken !== token.accessToken) {
          response = await route.fetch({ headers: { ...headers, authorization: `Bearer ${fresh.accessToken}` } });
        }
      }
      await route.fulfill({ response });
    } catch {
      await settle(() => route.abort('failed'));
    }
  };

  await context.route(options.url, handler);
  return {
    dispose: () => context.unroute(options.url, handler),
  };
}

/**
 * @typedef {Parameters<import('playwright-core').APIRequestContext['fetch']>[1]} FetchOptions
 * @typedef {import('playwright-core').APIResponse} APIResponse
 */

/**
 * An APIRequestContext whose requests carry the current bearer token. Playwright's own
 * `extraHTTPHeaders` is fixed when the context is made, so it would keep sending a token that a
 * re-authentication has replaced; this wraps each call instead.
 *
 * @param {{ request: import('playwright-core').APIRequest }} playwright the `playwright` or `playwright-core` module
 * @param {Parameters<import('playwright-core').APIRequest['newContext']>[0] & { minValidityMs?: number }} [options]
 * @returns {Promise<import('./playwright.d.mts').AuthorizedRequestContext>}
 */
export async function createAuthorizedRequestContext(playwright, options = {}) {
  const { minValidityMs, ...contextOptions } = options;
  if (contextOptions.extraHTTPHeaders && Object.keys(contextOptions.extraHTTPHeaders).some((name) => name.toLowerCase() === 'authorization')) {
    throw new TypeError('Do not set Authorization yourself: createAuthorizedRequestContext adds the current token to each request.');
  }
  // The clinic's proxy unless the bot chose its own.
  const proxy = contextOptions.proxy ?? playwrightProxy();
  const raw = await playwright.request.newContext({ ...contextOptions, ...(proxy ? { proxy } : {}) });

  /**
   * @param {string} method
   * @param {string} url
   * @param {FetchOptions} [requestOptions]
   * @returns {Promise<APIResponse>}
   */
  const send = async (method, url, requestOptions = {}) => {
    const attempt = async () => {
      const token = await getAccessToken({ minValidityMs });
      try {
        return await raw.fetch(url, { ...requestOptions, method, headers: { ...requestOptions.headers, authorization: `Bearer ${token.accessToken}` } });
      } catch (error) {
        throw withoutToken(error, token.accessToken);
      }
    };
    const first = await attempt();
    if (first.status() !== 401) return first;
    await first.dispose();
    return attempt();
  };

  return {
    raw,
    fetch: (url, requestOptions = {}) => send(requestOptions.method ?? 'GET', url, requestOptions),
    get: (url, requestOptions) => send('GET', url, requestOptions),
    head: (url, requestOptions) => send('HEAD', url, requestOptions),
    post: (url, requestOptions) => send('POST', url, requestOptions),
    put: (url, requestOptions) => send('PUT', url, requestOptions),
    patch: (url, requestOptions) => send('PATCH', url, requestOptions),
    delete: (url, requestOptions) => send('DELETE', url, requestOptions),
    dispose: () => raw.dispose(),
  };
}

/**
 * Playwright's error (a reset, a time-out, failOnStatusCode) carries its call log, in its message
 * and as `log`, and that lists every request header, the token included; a bot prints or reports
 * that error as it is.
 * @param {unknown} error
 * @param {string} accessToken
 */
function withoutToken(error, accessToken) {
  if (!(error instanceof Error)) return error;
  const hide = (/** @type {unknown} */ value) => (typeof value === 'string' ? value.split(accessToken).join('[REDACTED]') : value);
  const fields = /** @type {Record<string, unknown>} */ (/** @type {unknown} */ (error));
  for (const key of Object.getOwnPropertyNames(error)) {
    const value = fields[key];
    try {
      if (typeof value === 'string') fields[key] = hide(value);
      else if (Array.isArray(value)) fields[key] = value.map(hide);
    } catch {
      // a read-only field: left as it is rather than losing the error
    }
  }
  return error;
}

/**
 * A route may already be handled (the page closed, the context went away); that is not an error
 * worth crashing a bot for.
 * @param {() => Promise<void>} action
 */
async function settle(action) {
  try {
    await action();
  } catch {
    // ignored: see above
  }
}
