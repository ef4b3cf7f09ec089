import type { SandboxUser } from './sandbox-accounts.js';
import { readAppLinkFromPage } from './app-link-page.js';
import { wrongCredentialsMessage } from './render-login-page.js';

/** A browserless login must never loop; the real flow takes four hops. */
const maxHops = 10;

/**
 * Drives the sandbox's sign-in with plain fetch, as a person with a browser would: it follows the
 * provider's redirects, keeping its cookies, posts the login form and stops at the first redirect
 * that leaves the provider (the app's custom-scheme or loopback callback), or at the page that
 * shows the app link. Returns that URL.
 */
export async function completeLoginWithoutBrowser(
  issuer: string,
  authorizationUrl: string,
  user: Pick<SandboxUser, 'username' | 'password'>,
  // An https sandbox passes a fetch that trusts its own root.
  fetch: (url: URL | string, init: RequestInit) => Promise<Response> = globalThis.fetch,
): Promise<string> {
  const origin = new URL(issuer).origin;
  const cookies = new Map<string, string>();
  let url = new URL(authorizationUrl);
  if (url.origin !== origin) throw new Error('The authorization URL does not belong to this sandbox.');
  let formPosted = false;

  for (let hop = 0; hop < maxHops; hop += 1) {
    const isLoginPage = url.pathname.startsWith('/interaction/') && !formPosted;
    const response = isLoginPage
      ? await postLogin(url, user, cookies, fetch)
      : await fetch(url, { redirect: 'manual', headers: cookieHeader(cookies) });
    if (isLoginPage) formPosted = true;
    storeCookies(response, cookies);

    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      await response.body?.cancel();
      const next = new URL(location, url);
      if (next.origin !== origin || next.protocol !== url.protocol) return next.href;
      url = next;
      continue;
    }

    const body = await response.text();
    // A sandbox that shows its app link on a page (appLinkPage) ends there instead of redirecting.
    const appLink = response.status === 200 ? readAppLinkFromPage(body) : undefined;
    if (appLink !== undefined) return appLink;
    if (body.includes(wrongCredentialsMessage)) throw new Error(`The sandbox refused the sign-in for "${user.username}": wrong username or password.`);
    throw new Error(`The sandbox sign-in stopped at ${url.pathname} with HTTP ${response.status}.`);
  }
  throw new Error('The sandbox sign-in redirected too many times.');
}

async function postLogin(
  interactionUrl: URL,
  user: Pick<SandboxUser, 'username' | 'password'>,
  cookies: Map<string, string>,
  fetch: (url: URL | string, init: RequestInit) => Promise<Response>,
): Promise<Response> {
  // Load the page first, as a browser does, so that a broken login page fails here too.
  const page = await fetch(interactionUrl, { redirect: 'manual', headers: cookieHeader(cookies) });
  storeCookies(page, cookies);
  const html = await page.text();
  const action = /<form method="post" action="([^"]+\/login)"/.exec(html)?.[1];
  if (page.status !== 200 || !action) throw new Error(`The sandbox login page did not load (HTTP ${page.status}).`);
  return fetch(new URL(action.replaceAll('&amp;', '&'), interactionUrl), {
    method: 'POST',
    redirect: 'manual',
    headers: { ...cookieHeader(cookies), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username: user.username, password: user.password }).toString(),
  });
}

function cookieHeader(cookies: Map<string, string>): Record<string, string> {
  if (cookies.size === 0) return {};
  return { cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; ') };
}

/** Keeps name=value only: every sandbox cookie goes to the same origin, so paths do not matter. */
function storeCookies(response: Response, cookies: Map<string, string>): void {
  for (const setCookie of response.headers.getSetCookie()) {
    const pair = setCookie.split(';', 1)[0] ?? '';
    const separator = pair.indexOf('=');
    if (separator <= 0) continue;
    const name = pair.slice(0, separator).trim();
    const value = pair.slice(separator + 1).trim();
    // Expired cookies are how the provider deletes them.
    if (/expires=Thu, 01 Jan 1970/i.test(setCookie) || value === '') cookies.delete(name);
    else cookies.set(name, value);
  }
}
