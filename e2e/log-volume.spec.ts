import { expect, test } from '@playwright/test';
import { startBrowserHostProcess, type BrowserHostProcess } from './support/browser-host-process.js';
import { signInToSandbox, skipWizard } from './support/sign-in.js';
import { testBots, testBotsDir } from './support/test-bots.js';

/**
 * The log view at volume: a real bot prints 100,000 lines through the real core and transport;
 * the virtualised list keeps fewer than 200 rows in the DOM, follows the tail to the last line,
 * and the first and last lines stay reachable by scrolling.
 *
 * When the machine is too busy for the core to keep up, it skips a flood's oldest pending lines
 * by design (app/bots/log-batcher.ts) and the view pages back what the ring buffer still holds.
 * So the test requires a log of at least half the lines (far beyond what an unvirtualised list
 * survives) and records how many arrived; on an idle machine that is all 100,000.
 */
let host: BrowserHostProcess;
const total = 100_000;

test.beforeAll(async () => {
  host = await startBrowserHostProcess({ RPA_SUPERVISOR_BOTS_DIR: testBotsDir });
});

test.afterAll(async () => {
  await host?.stop();
});

test('100,000 lines stream into the view with fewer than 200 rows in the DOM', async ({ page }) => {
  await page.goto(host.pageUrl);
  await skipWizard(page);
  await signInToSandbox(page, host);

  await page.getByTestId(`start-${testBots.lines}`).click();
  const log = page.getByTestId('run-log');
  const rows = log.locator('.log-line');
  const lastLine = rows.filter({ hasText: `line ${total} of ${total}` });

  // Following the tail while the lines stream in: the newest line comes into view by itself.
  await expect(lastLine).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('run-status')).toHaveText('Succeeded', { timeout: 30_000 });
  // The view has caught up once its count stops changing after the run ended.
  let received = -1;
  await expect
    .poll(async () => {
      const previous = received;
      received = Number(await log.getAttribute('data-line-count'));
      return received === previous;
    })
    .toBe(true);
  test.info().annotations.push({ type: 'lines in the view', description: String(received) });
  expect(received).toBeGreaterThanOrEqual(total / 2);
  await expect(page.getByTestId('log-line-count')).toHaveText(`${received.toLocaleString('en-GB')} lines`);
  expect(await rows.count()).toBeLessThan(200);
  // Every thousandth line (but the last) went to stderr, and is marked as such.
  await expect(lastLine).toHaveAttribute('data-stream', 'stdout');
  await page.getByTestId('log-search').fill('(stderr)');
  await expect(rows.first()).toBeVisible();
  await expect(rows.first()).toHaveAttribute('data-stream', 'stderr');
  await expect(rows.first()).toHaveClass(/log-line--stderr/);
  await page.getByTestId('log-search').fill('');

  // Back to the top: following stops, the first lines show, and the DOM stays small.
  await log.focus();
  await page.keyboard.press('Home');
  await log.evaluate((element) => element.scrollTo({ top: 0 }));
  await expect(page.getByTestId('log-follow')).toHaveAttribute('aria-pressed', 'false');
  const firstRow = log.locator('.log-line[data-index="0"]');
  await expect(firstRow).toBeVisible();
  await expect(firstRow).toContainText(/Starting Line printer|line \d+ of 100000/);
  await expect(lastLine).toHaveCount(0);
  expect(await rows.count()).toBeLessThan(200);

  // "Jump to latest" brings the last line back.
  await page.getByTestId('log-jump-latest').click();
  await expect(lastLine).toBeVisible();
  await expect(page.getByTestId('log-follow')).toHaveAttribute('aria-pressed', 'true');
  expect(await rows.count()).toBeLessThan(200);

  // Searching the whole log narrows it to the matches (the last lines are always complete).
  await page.getByTestId('log-search').fill('line 99999 of');
  await expect(page.getByTestId('log-line-count')).toHaveText(`1 of ${received.toLocaleString('en-GB')} lines match`);
  await expect(rows).toHaveCount(1);
});
