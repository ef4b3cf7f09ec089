import { expect, test } from '@playwright/test';
import { startBrowserHostProcess, type BrowserHostProcess } from './support/browser-host-process.js';
import { signInThroughBrowser, signInToSandbox, skipWizard } from './support/sign-in.js';
import { testBots, testBotsDir } from './support/test-bots.js';

/**
 * The expiry warning and re-authentication with a short-TTL sandbox: 90-second tokens are inside
 * the sandbox profile's last warning threshold (5 minutes) from the start, so the session is
 * "expiring" at once. Re-authenticating swaps the token in place: the countdown starts again
 * from a later expiry, and a running bot keeps running under the new token.
 */
let host: BrowserHostProcess;

test.beforeAll(async () => {
  host = await startBrowserHostProcess({ RPA_SANDBOX_TTL_SECONDS: '90', RPA_SUPERVISOR_BOTS_DIR: testBotsDir });
});

test.afterAll(async () => {
  await host?.stop();
});

test('a session near its end warns in the header and a banner, and Re-authenticate renews it', async ({ page }) => {
  await page.goto(host.pageUrl);
  await skipWizard(page);
  await signInToSandbox(page, host);

  // Warned everywhere: card status, header tone and words, and a banner with the fix.
  await expect(page.getByTestId('session-status-sandbox')).toHaveText('Expiring soon');
  const header = page.getByTestId('header-session-sandbox');
  await expect(header).toHaveAttribute('data-status', 'expiring');
  await expect(header).toHaveClass(/header-session--warning/);
  await expect(page.getByTestId('header-status-sandbox')).toContainText('Session ending soon');
  const banner = page.getByTestId('expiry-banner-sandbox');
  await expect(banner).toHaveText(/Your session for Local sandbox ends in [12] minutes?\. Re-authenticate to keep bots running\./);
  const countdown = page.getByTestId('header-countdown-sandbox');
  await expect(countdown).toHaveText(/^00:01:[0-3]\d$/);

  // A bot runs under this session while it is renewed.
  await page.getByTestId(`start-${testBots.hang}`).click();
  await expect(page.getByTestId(`bot-status-${testBots.hang}`)).toHaveText('Running');

  // Let the clock visibly run down, then re-authenticate from the banner.
  const firstExpiresAt = Number(await countdown.getAttribute('data-expires-at'));
  const firstText = (await countdown.textContent()) ?? '';
  await expect(countdown).not.toHaveText(firstText, { timeout: 3_000 });
  await signInThroughBrowser(page, host, () => banner.getByRole('button', { name: 'Re-authenticate' }).click());

  await expect.poll(async () => Number(await countdown.getAttribute('data-expires-at'))).toBeGreaterThan(firstExpiresAt);
  const renewedExpiresAt = Number(await countdown.getAttribute('data-expires-at'));
  await expect(page.getByTestId('countdown-sandbox')).toHaveAttribute('data-expires-at', String(renewedExpiresAt));
  expect(await page.getByTestId('header-until-sandbox').textContent()).toContain('until');
  await expect(page.getByTestId(`bot-status-${testBots.hang}`)).toHaveText('Running');
  await page.getByTestId(`stop-${testBots.hang}`).click();
  await expect(page.getByTestId(`bot-status-${testBots.hang}`)).toHaveText('Stopped');
});
