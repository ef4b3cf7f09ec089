import { expect, test, type Page } from '@playwright/test';
import { startBrowserHostProcess, type BrowserHostProcess } from '../support/browser-host-process.js';
import { signInToSandbox, skipWizard } from '../support/sign-in.js';
import { queueTestBots, queueTestBotsDir, scheduledTestBotsDir } from '../support/test-bots.js';
import { seriousViolations } from './check-accessibility.js';
import { setMaxConcurrentRuns } from '../support/run-limit.js';

/**
 * Accessibility of the queue and schedule UI, light and dark, at 1024 and 480 px wide: the
 * queued runs list with its controls, and a bot card showing its schedule and a skip reason.
 * Nothing may be wider than the window at 480 px.
 */
let host: BrowserHostProcess | undefined;
// Each test starts its own host and signs in; axe runs twice per width. Busy machines need room.
test.describe.configure({ timeout: 180_000 });
let page: Page;

test.afterEach(async () => {
  await page?.context().close();
  await host?.stop();
  host = undefined;
});

async function expectAccessibleAtWidths(screen: string): Promise<void> {
  for (const width of [1024, 480]) {
    await page.setViewportSize({ width, height: 800 });
    const problems = await seriousViolations(page, `${screen} at ${width} px`);
    expect(problems, JSON.stringify(problems, null, 2)).toEqual([]);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${screen} is wider than the ${width} px window`).toBeLessThanOrEqual(0);
  }
}

test('the queued runs list passes axe in light and dark at 1024 and 480 px', async ({ browser }) => {
  host = await startBrowserHostProcess({ RPA_SUPERVISOR_BOTS_DIR: queueTestBotsDir });
  page = await (await browser.newContext()).newPage();
  await page.goto(host.pageUrl);
  await skipWizard(page);
  await signInToSandbox(page, host);
  await setMaxConcurrentRuns(page, 1);
  for (const bot of [queueTestBots.screenEntry, queueTestBots.screenCheck, queueTestBots.archive, queueTestBots.urgent]) await page.getByTestId(`start-${bot}`).click();
  await expect(page.locator('[data-testid="queued-runs"] .queued-run')).toHaveCount(3);
  await page.getByRole('button', { name: /^Move up: Archive sweep, place \d$/ }).click();
  await expect(page.getByTestId('queued-runs')).toContainText('Moved by hand');
  await expectAccessibleAtWidths('overview: queued runs');
});

test('a bot card with its schedule and a skip reason passes axe in light and dark at 1024 and 480 px', async ({ browser }) => {
  host = await startBrowserHostProcess({ RPA_SUPERVISOR_BOTS_DIR: scheduledTestBotsDir });
  page = await (await browser.newContext()).newPage();
  await page.goto(host.pageUrl);
  await skipWizard(page);
  await expect(page.getByTestId(`bot-schedule-last-${queueTestBots.tick}`)).toHaveAttribute('data-outcome', 'skipped');
  await expectAccessibleAtWidths('overview: scheduled bot, skipped');
});
