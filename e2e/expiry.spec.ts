import { expect, test, type Locator } from '@playwright/test';
import { startBrowserHostProcess, type BrowserHostProcess } from './support/browser-host-process.js';
import { signInThroughBrowser, signInToSandbox, skipWizard } from './support/sign-in.js';
import { testBots, testBotsDir } from './support/test-bots.js';

/**
 * The expiry warning and re-authentication with a short-TTL sandbox: 90-second tokens are inside
 * the sandbox profile's last warning threshold (5 of 60, 15, 5 minutes) from the start, so the
 * session is at its last warning at once: red, and worded as the last warning. Re-authenticating
 * swaps the token in place: the countdown starts again from a later expiry, and a running bot
 * keeps running under the new token.
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

  // Warned everywhere: card status, header tone and words, and a banner with the fix. The last
  // threshold is red (danger), not the amber of the earlier ones, and says how close the end is.
  await expect(page.getByTestId('session-status-sandbox')).toHaveText('Expiring soon');
  await expect(page.getByTestId('session-status-sandbox')).toHaveClass(/status-badge--danger/);
  await expect(page.getByTestId('session-final-warning-sandbox')).toHaveText('Last warning: session ends within 5 minutes');
  const header = page.getByTestId('header-session-sandbox');
  await expect(header).toHaveAttribute('data-status', 'expiring');
  await expect(header).toHaveAttribute('data-stage', 'final');
  await expect(header).toHaveClass(/header-session--danger/);
  await expect(header).not.toHaveClass(/header-session--warning/);
  await expect(page.getByTestId('header-status-sandbox')).toContainText('Last warning: session ends within 5 minutes');
  const banner = page.getByTestId('expiry-banner-sandbox');
  await expect(banner).toHaveAttribute('data-stage', 'final');
  await expect(banner).toHaveClass(/banner--error/);
  await expect(banner).toHaveText(/Last warning: your session for Local sandbox ends in (?:[12] minutes?|\d+ seconds?)\. Re-authenticate now, or bots cannot get a token when it ends\./);
  const countdown = page.getByTestId('header-countdown-sandbox');
  await expect(countdown).toHaveText(/^00:01:[0-3]\d$/);

  // A bot runs under this session while it is renewed.
  await page.getByTestId(`start-${testBots.hang}`).click();
  await expect(page.getByTestId(`bot-status-${testBots.hang}`)).toHaveText('Running');

  // Let the clock visibly run down, then re-authenticate from the banner.
  const firstExpiresAt = Number(await countdown.getAttribute('data-expires-at'));
  const firstText = (await countdown.textContent()) ?? '';
  await expect(countdown).not.toHaveText(firstText);
  await signInThroughBrowser(page, host, () => banner.getByRole('button', { name: 'Re-authenticate' }).click());

  await expect.poll(async () => Number(await countdown.getAttribute('data-expires-at'))).toBeGreaterThan(firstExpiresAt);
  const renewedExpiresAt = Number(await countdown.getAttribute('data-expires-at'));
  await expect(page.getByTestId('countdown-sandbox')).toHaveAttribute('data-expires-at', String(renewedExpiresAt));
  expect(await page.getByTestId('header-until-sandbox').textContent()).toContain('until');
  await expect(page.getByTestId(`bot-status-${testBots.hang}`)).toHaveText('Running');
  await page.getByTestId(`stop-${testBots.hang}`).click();
  await expect(page.getByTestId(`bot-status-${testBots.hang}`)).toHaveText('Stopped', { timeout: 30_000 });
});

test('the header and its countdown keep their size and place while the countdown ticks', async ({ page }) => {
  await page.goto(host.pageUrl);
  const entry = page.getByTestId('header-session-sandbox');
  await expect(entry).toBeVisible();
  const countdown = page.getByTestId('header-countdown-sandbox');
  // Signed in by the first test; if that session has ended since, the header's one button
  // (Sign in or Re-authenticate) starts a new one.
  if ((await countdown.count()) === 0) await signInThroughBrowser(page, host, () => entry.getByRole('button').click());
  await expect(countdown).toHaveText(/^00:0[01]:\d{2}$/);
  const header = page.locator('header.app-header');
  const boxes = async () => ({ header: await box(header), entry: await box(entry), countdown: await box(countdown) });

  // Two visible ticks, each awaited by its text changing, never by a fixed pause.
  const before = await boxes();
  let text = (await countdown.textContent()) ?? '';
  for (let tick = 0; tick < 2; tick++) {
    await expect(countdown).not.toHaveText(text);
    text = (await countdown.textContent()) ?? '';
    expect(await boxes(), `after tick ${tick + 1} (${text})`).toEqual(before);
  }
});

async function box(locator: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  const rect = await locator.boundingBox();
  if (!rect) throw new Error('element is not visible');
  return rect;
}
