// @ts-check
/**
 * The proxy journey's Playwright bot (e2e/proxy-journey.spec.ts): the sample portal bot's steps
 * against the Healthcode-shaped https sandbox. It launches the browser through the SDK, which
 * sends it (and withBearer's API calls) through the clinic's proxy from HTTPS_PROXY. A clinic's
 * root is in the OS trust store, which Chromium uses; this test's root is not, so the bot tells
 * its browser the sandbox's own key (RPA_TEST_SERVER_SPKI) and nothing wider.
 */
import process from 'node:process';
import { watchSupervisor } from '../../../../bots/sdk/index.mjs';
import { launchBrowser, withBearer } from '../../../../bots/sdk/playwright.mjs';

/** @type {import('playwright-core').Browser | undefined} */
let browser;
watchSupervisor();

try {
  const portalUrl = process.env.RPA_PORTAL_URL;
  const spki = process.env.RPA_TEST_SERVER_SPKI;
  if (!portalUrl || !spki) throw Object.assign(new Error('RPA_PORTAL_URL and RPA_TEST_SERVER_SPKI must be set in the manifest.'), { code: 'config_missing' });
  browser = await launchBrowser({ args: [`--ignore-certificate-errors-spki-list=${spki}`] });
  const context = await browser.newContext();
  /** @type {unknown} */
  let tokenProblem;
  await withBearer(context, { url: `${new URL('/api/', portalUrl).href}**`, minValidityMs: 0, onTokenError: (error) => (tokenProblem = error) });
  const page = await context.newPage();
  await page.goto(portalUrl);
  await page.getByRole('button', { name: 'Load my claims' }).click();
  const status = page.getByRole('status');
  await status.filter({ hasText: /claims loaded|Not signed in|could not be loaded/ }).waitFor({ timeout: 30_000 });
  const statusText = (await status.textContent())?.trim() ?? '';
  if (!/claims loaded/.test(statusText)) {
    const why = tokenProblem instanceof Error ? ` (${tokenProblem.message})` : '';
    throw Object.assign(new Error(`The portal said: "${statusText}"${why}`), { code: 'portal_refused' });
  }
  console.log(`Portal through the proxy: ${statusText}`);
} catch (error) {
  const { code, message } = /** @type {{ code?: string; message?: string }} */ (error);
  console.error(`proxy portal bot failed: ${code ?? 'error'}: ${message ?? String(error)}`);
  process.exitCode = 1;
} finally {
  await browser?.close();
}
