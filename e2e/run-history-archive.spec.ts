import { rm } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { seriousViolations } from './a11y/check-accessibility.js';
import { startBrowserHostProcess, type BrowserHostProcess } from './support/browser-host-process.js';
import { seedRunHistory, type SeededRunHistory } from './support/seeded-run-history.js';
import { skipWizardIfShown } from './support/sign-in.js';
import { testBotsDir } from './support/test-bots.js';

/**
 * A week and more of runs, 1,200 of them, written before this start: the Run history screen
 * pages back past the 1,000 runs.json keeps, through the run archive, from the keyboard, and an
 * archived run still shows its log.
 */
let host: BrowserHostProcess;
let seeded: SeededRunHistory;

test.beforeAll(async () => {
  seeded = await seedRunHistory(1_200);
  host = await startBrowserHostProcess({ RPA_SUPERVISOR_BOTS_DIR: testBotsDir, RPA_SUPERVISOR_DATA_DIR: seeded.dataDir });
});

test.afterAll(async () => {
  await host?.stop();
  if (seeded) await rm(seeded.dataDir, { recursive: true, force: true });
});

test('"Load older runs" reaches every run from the keyboard, focus goes on to the first older run, and an archived run shows its log', async ({ page }) => {
  const newestFirst = [...seeded.runs].reverse();
  await page.goto(host.pageUrl);
  await skipWizardIfShown(page);
  await page.getByTestId('nav-runs').click();
  const rows = page.getByTestId('history-table').locator('tbody tr');
  const count = page.getByTestId('history-count');
  const older = page.getByTestId('history-older');
  await expect(rows).toHaveCount(500);
  await expect(count).toHaveText('500 runs loaded. Load older runs to look further back.');
  await expect(rows.first()).toHaveAttribute('data-testid', `history-row-${newestFirst[0]?.id}`);

  await older.focus();
  await page.keyboard.press('Enter');
  await expect(rows).toHaveCount(1_000);
  await expect(page.locator(`[data-run-open="${newestFirst[500]?.id}"]`)).toBeFocused();
  await expect(rows.nth(500)).toHaveAttribute('data-testid', `history-row-${newestFirst[500]?.id}`);

  // The last page: the button goes, and nothing older is offered.
  await older.focus();
  await page.keyboard.press('Enter');
  await expect(rows).toHaveCount(1_200);
  await expect(older).toHaveCount(0);
  await expect(count).toHaveText('1,200 runs');
  await expect(page.locator(`[data-run-open="${newestFirst[1_000]?.id}"]`)).toBeFocused();
  await expect(rows.last()).toHaveAttribute('data-testid', `history-row-${seeded.runs[0]?.id}`);

  // The oldest run is in the archive, not runs.json; its log is still there.
  await page.locator(`[data-run-open="${seeded.runs[0]?.id}"]`).press('Enter');
  await expect(page.getByTestId('run-log')).toContainText(`Ward round list printed for ${seeded.runs[0]?.id}`);
});

test('a search for an archived run says older runs are not loaded yet, and focus stays on "Load older runs" until one matches', async ({ page }) => {
  const oldest = seeded.runs[0]?.id ?? '';
  await page.goto(host.pageUrl);
  await skipWizardIfShown(page);
  await page.getByTestId('nav-runs').click();
  await page.getByTestId('history-search').fill(oldest);
  await expect(page.getByText('No loaded run matches these filters. Load older runs to look further back, or clear the filters.')).toBeVisible();
  await expect(page.getByTestId('history-count')).toHaveText('0 of 500 runs loaded. Load older runs to look further back.');
  // At 480 px, light and dark: the button is there, and axe finds nothing serious.
  await page.setViewportSize({ width: 480, height: 900 });
  const older = page.getByTestId('history-older');
  await older.scrollIntoViewIfNeeded();
  await expect(older).toBeInViewport({ ratio: 1 });
  expect(await seriousViolations(page, 'Run history with older runs to load (480 px)')).toEqual([]);

  await older.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('history-count')).toHaveText('0 of 1,000 runs loaded. Load older runs to look further back.');
  await expect(older).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('history-count')).toHaveText('1 of 1,200 runs');
  await expect(page.locator(`[data-run-open="${oldest}"]`)).toBeFocused();
});
