import { expect, test } from '@playwright/test';
import { startBrowserHostProcess, type BrowserHostProcess } from '../support/browser-host-process.js';
import { signInToSandbox, skipWizard } from '../support/sign-in.js';
import { testBots, testBotsDir } from '../support/test-bots.js';
import { seriousViolations, type AccessibilityProblem } from './check-accessibility.js';

/**
 * Accessibility: axe-core finds no serious or critical violation on any screen, in light and
 * dark. This journey visits the Overview with a live run, log search, the confirmation dialog,
 * history, audit, settings with the profile editor, and the signed-out Overview; it collects
 * every finding and fails once with the full list. The wizard and sign-in states are in
 * wizard-screens.spec.ts.
 */
let host: BrowserHostProcess;

test.beforeAll(async () => {
  host = await startBrowserHostProcess({ RPA_SUPERVISOR_BOTS_DIR: testBotsDir });
});

test.afterAll(async () => {
  await host?.stop();
});

test('every screen passes axe in light and dark', async ({ page }) => {
  test.setTimeout(120_000);
  const problems: AccessibilityProblem[] = [];
  const check = async (screen: string) => {
    problems.push(...(await seriousViolations(page, screen)));
  };

  await page.goto(host.pageUrl);
  await skipWizard(page);
  await check('overview: signed out, first start');
  await signInToSandbox(page, host);

  await page.getByTestId(`start-${testBots.hang}`).click();
  await expect(page.getByTestId('run-log')).toContainText('now hanging');
  await check('overview: live run');
  await page.getByTestId('log-search').fill('item');
  await check('overview: log search');
  await page.getByTestId('log-search').fill('');

  await page.getByTestId('stop-all').click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await check('overview: stop-all confirmation');
  await page.keyboard.press('Escape');
  await page.getByTestId(`stop-${testBots.hang}`).click();
  await expect(page.getByTestId('run-status')).toHaveText('Stopped');

  await page.getByTestId('nav-runs').click();
  await expect(page.getByTestId('history-table')).toBeVisible();
  await check('run history');

  await page.getByTestId('nav-audit').click();
  await expect(page.getByTestId('audit-verification')).toHaveAttribute('data-ok', /true|false/);
  await check('audit trail');

  await page.getByTestId('nav-settings').click();
  await expect(page.getByTestId('host-info')).toBeVisible();
  await page.getByTestId('add-profile').click();
  await expect(page.getByTestId('profile-editor')).toBeVisible();
  await check('settings with the profile editor');

  // Signed out: the Overview explains why bots cannot start.
  await page.getByTestId('nav-overview').click();
  await page.getByTestId('sign-out-sandbox').click();
  await expect(page.getByTestId(`start-blocked-${testBots.api}`)).toBeVisible();
  await check('overview: signed out, start blocked');

  expect(problems, JSON.stringify(problems, null, 2)).toEqual([]);
});
