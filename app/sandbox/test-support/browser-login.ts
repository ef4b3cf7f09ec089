import { chromium, type Browser, type LaunchOptions } from 'playwright-core';
import { chromiumExecutablePath, testBrowserPath } from '../../test-support/prerequisites.js';
import { wrongCredentialsMessage } from '../render-login-page.js';

export { chromiumExecutablePath };

/** How the tests launch the browser they drive themselves (not a bot's browser: that is chromiumExecutablePath). */
export const chromiumLaunchOptions: LaunchOptions = {
  executablePath: testBrowserPath(),
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
};

export interface BrowserLoginOptions {
  /** The callback to wait for, e.g. 'uk.co.rpasupervisor://auth/callback'. Default: the first request that leaves the provider. */
  expectRedirectPrefix?: string;
  /** Reuse a browser (a fresh context is still used); otherwise one is launched and closed. */
  browser?: Browser;
  timeoutMs?: number;
}

/**
 * Signs in through the sandbox's real login page in Chromium and returns the callback URL the
 * provider redirected to. The custom-scheme redirect is read from `page.on('request')`; no
 * `page.route` is set because routing hides that redirect from the request and response events.
 */
export async function loginInChromium(
  authorizationUrl: string,
  user: { username: string; password: string },
  options: BrowserLoginOptions = {},
): Promise<string> {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const providerOrigin = new URL(authorizationUrl).origin;
  const isCallback = (url: string): boolean =>
    options.expectRedirectPrefix === undefined ? leavesProvider(url, providerOrigin) : url.startsWith(options.expectRedirectPrefix);

  const ownBrowser = options.browser ? undefined : await chromium.launch(chromiumLaunchOptions);
  const browser = options.browser ?? (ownBrowser as Browser);
  const context = await browser.newContext();
  let timer: NodeJS.Timeout | undefined;
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(timeoutMs);
    const callback = new Promise<string>((resolve) => {
      page.on('request', (request) => {
        if (isCallback(request.url())) resolve(request.url());
      });
    });
    await page.goto(authorizationUrl);
    await page.getByLabel('Username').fill(user.username);
    await page.getByLabel('Password').fill(user.password);
    await page.getByRole('button', { name: 'Sign in' }).click();

    const refused = page
      .getByText(wrongCredentialsMessage)
      .waitFor({ state: 'visible', timeout: timeoutMs })
      .then(() => Promise.reject(new Error(`The sandbox refused the sign-in for "${user.username}": wrong username or password.`)));
    // Whichever loses the race must not surface as an unhandled rejection once the page closes.
    refused.catch(() => undefined);
    const timedOut = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`No callback arrived within ${timeoutMs} ms of signing in.`)), timeoutMs);
    });
    return await Promise.race([callback, refused, timedOut]);
  } finally {
    clearTimeout(timer);
    await context.close();
    await ownBrowser?.close();
  }
}

function leavesProvider(url: string, providerOrigin: string): boolean {
  const parsed = URL.parse(url);
  if (!parsed || parsed.protocol === 'about:' || parsed.protocol === 'data:' || parsed.protocol === 'blob:') return false;
  return parsed.origin !== providerOrigin;
}
