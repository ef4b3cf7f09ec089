/**
 * Types for the Playwright helpers (`playwright.mjs`). Playwright itself is a type-only import here;
 * at run time the helpers use the context or module you pass in.
 */
import type { APIRequest, APIRequestContext, APIResponse, Browser, BrowserContext, LaunchOptions } from 'playwright-core';

/** The playwright-core RPA Supervisor ships (RPA_PLAYWRIGHT_CORE), else the one beside the bot. */
export declare function loadPlaywright(): Promise<typeof import('playwright-core')>;

/**
 * Launches the browser the supervisor's rule picks (an `executablePath` you pass, the Preferences
 * setting RPA_BROWSER_PATH, else an installed Edge or Chrome); a `channel` option is ignored.
 * Never downloads one. Rejects with an Error whose `code` is `browser_not_found` or
 * `browser_path_missing`.
 */
export declare function launchBrowser(options?: LaunchOptions): Promise<Browser>;

type FetchOptions = NonNullable<Parameters<APIRequestContext['fetch']>[1]>;
type NewContextOptions = NonNullable<Parameters<APIRequest['newContext']>[0]>;

/** An APIRequestContext-like object whose every request carries the current bearer token. */
export interface AuthorizedRequestContext {
  /** The underlying context (no Authorization header of its own). */
  readonly raw: APIRequestContext;
  fetch(url: string, options?: FetchOptions): Promise<APIResponse>;
  get(url: string, options?: FetchOptions): Promise<APIResponse>;
  head(url: string, options?: FetchOptions): Promise<APIResponse>;
  post(url: string, options?: FetchOptions): Promise<APIResponse>;
  put(url: string, options?: FetchOptions): Promise<APIResponse>;
  patch(url: string, options?: FetchOptions): Promise<APIResponse>;
  delete(url: string, options?: FetchOptions): Promise<APIResponse>;
  dispose(): Promise<void>;
}

/**
 * Adds the bearer token to the context's requests that match `url` (only those), fetching it from
 * the broker for each request and retrying once with a fresh token after a 401.
 */
export declare function withBearer(
  context: BrowserContext,
  options: { url: string | RegExp | ((url: URL) => boolean); minValidityMs?: number; onTokenError?: (error: unknown) => void },
): Promise<{ dispose(): Promise<void> }>;

/** `playwright.request.newContext(options)`, wrapped so each request carries the current token. */
export declare function createAuthorizedRequestContext(
  playwright: { request: APIRequest },
  options?: NewContextOptions & { minValidityMs?: number },
): Promise<AuthorizedRequestContext>;

/** The clinic's proxy from HTTPS_PROXY / HTTP_PROXY / NO_PROXY for `chromium.launch({ proxy })`; loopback always bypassed. */
export declare function playwrightProxy(env?: NodeJS.ProcessEnv): { server: string; bypass: string } | undefined;
