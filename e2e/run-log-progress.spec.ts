import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Download, type Page } from '@playwright/test';
import { copy } from '../renderer/copy.js';
import { seriousViolations } from './a11y/check-accessibility.js';
import { startBrowserHostProcess, type BrowserHostProcess } from './support/browser-host-process.js';
import { openSignedInPage } from './support/sign-in.js';
import { testBotsDir } from './support/test-bots.js';

/**
 * An RPA operator at a clinic watches a bot that uploads claims behind a progress bar it redraws
 * with carriage returns and no newline for minutes. They must see it move while it runs, not "No
 * output yet", and find in the saved log how it went; the two download buttons must say which
 * lines each saves; and the log stays readable at 480 px. The host shows a line still being
 * redrawn every second here (RPA_TEST_REDRAW_SNAPSHOT_MS) instead of every five, and the bot
 * redraws until the test has seen its bar while the run runs, so minutes take a few seconds.
 */
let host: BrowserHostProcess;
let page: Page;
let botsDir: string;
let doneDir: string;
const snapshotEveryMs = 1000;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  botsDir = await mkdtemp(join(tmpdir(), 'run-log-progress-bots-'));
  doneDir = await mkdtemp(join(tmpdir(), 'run-log-progress-done-'));
  const manifest = {
    id: 'progress-bot',
    name: 'Claims uploader',
    description: 'Draws an upload progress bar with carriage returns and no newline until the upload is done, then prints a long summary line and exits.',
    command: 'node',
    args: [join(testBotsDir, 'run-log-progress', 'progress-bot.mjs')],
    profileId: 'sandbox',
    env: { DONE_FILE: join(doneDir, 'uploaded') },
  };
  await writeFile(join(botsDir, 'progress-bot.bot.json'), JSON.stringify(manifest));
  host = await startBrowserHostProcess({ RPA_SUPERVISOR_BOTS_DIR: botsDir, RPA_TEST_REDRAW_SNAPSHOT_MS: String(snapshotEveryMs) });
  page = await openSignedInPage(browser, host, { viewport: { width: 1024, height: 800 } });
});

test.afterAll(async () => {
  await page?.context().close();
  await host?.stop();
  for (const dir of [botsDir, doneDir]) if (dir) await rm(dir, { recursive: true, force: true });
});

const progressLine = /^Uploading claims \d+\/140$/;

async function downloaded(testId: string): Promise<{ download: Download; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  return { download, text: await readFile((await download.path()) ?? '', 'utf8') };
}

test('a progress bar without a newline shows in the log while the bot runs, and the log keeps how it went', async () => {
  await page.getByTestId('start-progress-bot').click();
  const log = page.getByTestId('run-log');
  await expect(log.locator('.log-line__text', { hasText: 'Connecting to the claims portal' })).toBeVisible({ timeout: 30_000 });
  // The status and the log read in one go: the bar must show while the run is still running.
  await expect
    .poll(
      () =>
        page.evaluate(() => ({
          status: document.querySelector('[data-testid="run-status"]')?.textContent ?? '',
          progress: [...document.querySelectorAll('[data-testid="run-log"] .log-line__text')].map((row) => row.textContent ?? '').filter((text) => text.startsWith('Uploading claims')),
        })),
      // Looked at often: the bar is shown within a second, and each second more adds a state of it.
      { timeout: 12_000, intervals: [100, 250] },
    )
    .toMatchObject({ status: 'Running', progress: expect.arrayContaining([expect.stringMatching(progressLine)]) });
  await writeFile(join(doneDir, 'uploaded'), '');

  await expect(page.getByTestId('run-status')).toHaveText('Succeeded', { timeout: 30_000 });
  const texts = await log.locator('.log-line[data-stream="stdout"] .log-line__text').allInnerTexts();
  const bars = texts.filter((text) => text.startsWith('Uploading claims'));
  // A few states of the bar as it went, each whole, ending with the last one; never every redraw.
  expect(bars.length).toBeGreaterThanOrEqual(2);
  expect(bars.length).toBeLessThanOrEqual(5);
  for (const bar of bars) expect(bar).toMatch(progressLine);
  expect(bars.at(-1)).toBe('Uploading claims 140/140');
  expect(texts.at(-1)).toBe('Finished the upload');

  const full = await downloaded('log-download-full');
  expect(full.text).toContain(' stdout ');
  expect(full.text.match(/Uploading claims \d+\/140\n/g)).toHaveLength(bars.length);
  expect(full.text).toMatch(/ #\d+ Uploading claims 140\/140\n/);
});

test('the download beside Copy says whether it saves the matching lines or the shown ones', async () => {
  const button = page.getByTestId('log-download');
  await expect(button).toHaveText(copy.runLog.download);
  await page.getByTestId('log-search').fill('uploading');
  await expect(button).toHaveText(copy.runLog.downloadMatching);
  await expect(page.getByTestId('log-copy')).toHaveText(copy.runLog.copyMatching);
  const matching = await downloaded('log-download');
  expect(matching.download.suggestedFilename()).toMatch(/^progress-bot-run-[\w-]+\.matching\.log\.txt$/);
  const matchingLines = matching.text.split('\n');
  expect(matchingLines.length).toBeGreaterThanOrEqual(2);
  for (const line of matchingLines) expect(line).toMatch(/ Uploading claims \d+\/140$/);

  // The whole log with the matches marked: the button names the shown lines again.
  await page.getByLabel(copy.runLog.onlyMatching).uncheck();
  await expect(button).toHaveText(copy.runLog.download);
  const shown = await downloaded('log-download');
  expect(shown.download.suggestedFilename()).toMatch(/^progress-bot-run-[\w-]+\.log\.txt$/);
  expect(shown.text).toContain('Connecting to the claims portal');
  expect(shown.text).toMatch(/ Finished the upload\n.* \[supervisor\] The bot exited with code 0/);
  await page.getByTestId('log-search').fill('');
  await expect(button).toHaveText(copy.runLog.download);
});

test('at 480 px a long line wraps inside the log, the tools stay in the window, and axe passes in light and dark', async () => {
  await page.setViewportSize({ width: 480, height: 900 });
  const log = page.getByTestId('run-log');
  const summary = log.locator('.log-line', { hasText: /^\S*Summary:claim-accepted;/ });
  await expect(summary).toBeVisible();
  const layout = await page.evaluate(() => {
    const list = document.querySelector('[data-testid="run-log"]');
    const row = [...document.querySelectorAll('[data-testid="run-log"] .log-line')].find((line) => line.textContent?.includes('Summary:'));
    const tools = [...document.querySelectorAll('.log-toolbar button:not([hidden]), .log-toolbar input')];
    return {
      pageOverflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      logOverflow: list ? list.scrollWidth - list.clientWidth : -1,
      rowRight: row?.getBoundingClientRect().right ?? Infinity,
      listRight: list?.getBoundingClientRect().right ?? 0,
      rowHeight: row?.getBoundingClientRect().height ?? 0,
      toolsOutside: tools.filter((tool) => tool.getBoundingClientRect().right > window.innerWidth + 0.5).length,
    };
  });
  expect(layout.pageOverflow).toBeLessThanOrEqual(0);
  expect(layout.logOverflow).toBeLessThanOrEqual(0);
  expect(layout.rowRight).toBeLessThanOrEqual(layout.listRight + 0.5);
  // Wrapped over several rows of text rather than cut off.
  expect(layout.rowHeight).toBeGreaterThan(60);
  expect(layout.toolsOutside).toBe(0);
  const problems = await seriousViolations(page, 'run log with a long line at 480 px');
  expect(problems, JSON.stringify(problems, null, 2)).toEqual([]);
});
