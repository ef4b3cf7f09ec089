import { expect, test } from '@playwright/test';
import { seriousViolations } from './a11y/check-accessibility.js';
import { startBrowserHostProcess, type BrowserHostProcess } from './support/browser-host-process.js';
import { signInToSandbox, signInWithRememberedLogin, skipWizard } from './support/sign-in.js';
import { testBotsDir } from './support/test-bots.js';

/**
 * Two sessions ending together on a narrow window (480 × 800: a side panel, a small laptop
 * zoomed in). The header, sections and expiry banners stay in view while the page scrolls, so
 * together they must leave most of the window to the screen itself: the sessions share one
 * banner, a line and a button each (docs/ui.md).
 */
let host: BrowserHostProcess;
test.beforeAll(async () => {
  host = await startBrowserHostProcess({ RPA_SANDBOX_PARTNER: '1', RPA_SANDBOX_TTL_SECONDS: '900', RPA_SUPERVISOR_BOTS_DIR: testBotsDir });
});
test.afterAll(async () => {
  await host?.stop();
});

test('two sessions ending at 480 px: the part that stays in view leaves most of the window to the screen', async ({ page }) => {
  await page.setViewportSize({ width: 480, height: 800 });
  await page.goto(host.pageUrl);
  await skipWizard(page);
  await signInToSandbox(page, host);
  await signInWithRememberedLogin(page, host, () => page.getByTestId('sign-in-sandbox-partner').click());
  // One banner, a line each, each with its own button named for its session.
  const group = page.getByTestId('expiry-banner-group');
  await expect(group).toHaveText(/^Re-authenticate to keep bots running:/);
  await expect(group.getByTestId('expiry-banner-sandbox')).toHaveText(/^Local sandbox: ends in 1[45] minutes\.Re-authenticate$/);
  await expect(group.getByTestId('expiry-banner-sandbox-partner')).toHaveText(/^Local sandbox \(HCSS partner\): ends in 1[45] minutes\.Re-authenticate$/);
  await expect(group.getByRole('button', { name: 'Re-authenticate to Local sandbox', exact: true })).toBeVisible();
  await expect(group.getByRole('button', { name: 'Re-authenticate to Local sandbox (HCSS partner)' })).toBeVisible();
  // Words beside their button, which never breaks in two.
  for (const button of await group.getByRole('button').all()) expect((await button.boundingBox())!.height).toBeLessThan(40);

  const top = await page.locator('.app-top').boundingBox();
  expect(top!.height).toBeLessThanOrEqual(800 * 0.4);
  expect(await seriousViolations(page, 'two sessions ending at 480 px')).toEqual([]);

  // At 1024 px each line stays on one line.
  await page.setViewportSize({ width: 1024, height: 800 });
  for (const line of await group.getByRole('listitem').all()) expect((await line.boundingBox())!.height).toBeLessThan(44);
});
