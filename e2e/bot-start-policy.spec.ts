import { expect, test } from '@playwright/test';
import { startBrowserHostProcess, type BrowserHostProcess } from './support/browser-host-process.js';
import { signInThroughBrowser, signInToSandbox, skipWizard, skipWizardIfShown } from './support/sign-in.js';
import { testBots, testBotsDir } from './support/test-bots.js';

/**
 * What the Overview says about a bot before it starts, with 90-second sandbox tokens:
 * - a bot whose manifest opts into `tokenDelivery: "env"` carries a warning, worded and tied to
 *   its Start button, and a broker bot does not;
 * - a bot expected to run five minutes cannot start on a token with 90 seconds left: Start is
 *   disabled, the core's reason is shown with its code, and Re-authenticate sits beside it.
 */
let host: BrowserHostProcess;

test.beforeAll(async () => {
  host = await startBrowserHostProcess({ RPA_SANDBOX_TTL_SECONDS: '90', RPA_SUPERVISOR_BOTS_DIR: testBotsDir });
});

test.afterAll(async () => {
  await host?.stop();
});

test('a bot that gets its token in the environment is flagged with a warning', async ({ page }) => {
  await page.goto(host.pageUrl);
  await skipWizard(page);

  const warning = page.getByTestId(`token-delivery-warning-${testBots.envToken}`);
  await expect(warning).toHaveText('⚠ Warning: Gets the token in its environment — less protected than the broker.');
  await expect(page.getByTestId(`bot-${testBots.envToken}`)).toContainText('Legacy export');
  // Read with Start, so a screen-reader user hears it before starting the bot.
  await expect(page.getByTestId(`start-${testBots.envToken}`)).toHaveAccessibleDescription(/Warning: Gets the token in its environment — less protected than the broker\./);
  // Broker bots (the default) carry no such warning.
  await expect(page.getByTestId(`token-delivery-warning-${testBots.api}`)).toHaveCount(0);
  await expect(page.locator('[data-testid^="token-delivery-warning-"]')).toHaveCount(1);
});

test('a run that would outlast the token is refused, with the reason and Re-authenticate beside Start', async ({ page }) => {
  await page.goto(host.pageUrl);
  await skipWizardIfShown(page);
  await signInToSandbox(page, host);

  const start = page.getByTestId(`start-${testBots.long}`);
  const blocked = page.getByTestId(`start-blocked-${testBots.long}`);
  await expect(start).toBeDisabled();
  await expect(blocked.locator('.error-message')).toHaveAttribute('data-code', 'run_would_outlast_token');
  await expect(blocked).toContainText(/This bot is expected to run longer than your sign-in has left \((less than a minute|1 minute)\)\. Re-authenticate first, then start it\./);
  await expect(blocked).toContainText('Error code: run_would_outlast_token');
  // The reason describes Start; the button beside it is not part of that description.
  // Plain words first; the catalogue's sentence and the code wait behind Details.
  await expect(start).toHaveAccessibleDescription('Sign in again first: this bot needs more time than your sign-in has left.');
  const reauthenticate = page.getByTestId(`reauthenticate-for-${testBots.long}`);
  await expect(reauthenticate).toHaveText('Re-authenticate');
  await expect(reauthenticate).toHaveAccessibleName('Re-authenticate to Local sandbox so that Month-end reconciliation can start');
  await expect(reauthenticate).toBeEnabled();
  // A shorter bot on the same session may start: only the long one is refused.
  await expect(page.getByTestId(`start-${testBots.api}`)).toBeEnabled();
  await expect(page.getByTestId(`reauthenticate-for-${testBots.api}`)).toHaveCount(0);

  // The button starts the same forced sign-in as the header's: a new token replaces the old.
  const countdown = page.getByTestId('header-countdown-sandbox');
  const expiresAt = Number(await countdown.getAttribute('data-expires-at'));
  await signInThroughBrowser(page, host, () => reauthenticate.click());
  await expect.poll(async () => Number(await countdown.getAttribute('data-expires-at'))).toBeGreaterThan(expiresAt);
  // 90 seconds is still less than five minutes, so the bot stays refused, and says so.
  await expect(start).toBeDisabled();
  await expect(blocked).toContainText('Error code: run_would_outlast_token');
});
