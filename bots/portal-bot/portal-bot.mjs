// @ts-check
/**
 * Sample Playwright bot: opens the sandbox's claims portal in Chromium, clicks "Load my claims" and
 * prints what the page shows. The page's own script calls /api/claims with no token; withBearer()
 * adds the signed-in supervisor's token to that API's requests (and no others). Never prints it.
 *
 * Started by RPA Supervisor from `bots/portal-bot.bot.json`. It imports nothing but the SDK: the
 * SDK loads the playwright-core RPA Supervisor ships and launches the browser set in Preferences
 * (RPA_BROWSER_PATH), else an installed Edge or Chrome.
 */
import process from 'node:process';
import { watchSupervisor } from '../sdk/index.mjs';
import { launchBrowser, withBearer } from '../sdk/playwright.mjs';

/** @type {import('playwright-core').Browser | undefined} */
let browser;
watchSupervisor();

try {
  const portalUrl = process.env.RPA_PORTAL_URL;
  if (!portalUrl) throw Object.assign(new Error('RPA_PORTAL_URL is not set; check the bot manifest.'), { code: 'config_missing' });

  browser = await launchBrowser();
  const context = await browser.newContext();
  /** @type {unknown} */
  let tokenProblem;
  await withBearer(context, {
    url: `${new URL('/api/', portalUrl).href}**`,
    minValidityMs: 30_000,
    onTokenError: (error) => {
      tokenProblem = error;
    },
  });

  const page = await context.newPage();
  await page.goto(portalUrl);
  await page.getByRole('button', { name: 'Load my claims' }).click();
  const status = page.getByRole('status');
  // The page's status line says what happened: loaded, not signed in, or failed.
  await status.filter({ hasText: /claims loaded|Not signed in|could not be loaded/ }).waitFor({ timeout: 30_000 });
  const statusText = (await status.textContent())?.trim() ?? '';
  if (!/claims loaded/.test(statusText)) {
    const why = tokenProblem instanceof Error ? ` (${/** @type {{ code?: string }} */ (tokenProblem).code ?? 'error'}: ${tokenProblem.message})` : '';
    throw Object.assign(new Error(`The portal said: "${statusText}"${why}`), { code: 'portal_refused' });
  }
  const rows = await page.locator('#claim-rows tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
  console.log(statusText);
  for (const [reference, patient, insurer, amount, claimStatus] of rows) {
    console.log(`${reference}  ${patient}  ${insurer}  ${amount}  ${claimStatus}`);
  }
} catch (error) {
  const { code, message } = /** @type {{ code?: string; message?: string }} */ (error);
  console.error(`portal-bot failed: ${code ?? 'error'}: ${message ?? String(error)}`);
  process.exitCode = 1;
} finally {
  await browser?.close();
}
