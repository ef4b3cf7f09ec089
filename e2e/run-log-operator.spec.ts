import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { copy } from '../renderer/copy.js';
import { seriousViolations } from './a11y/check-accessibility.js';
import { startBrowserHostProcess, type BrowserHostProcess } from './support/browser-host-process.js';
import { openSignedInPage } from './support/sign-in.js';
import { testBotsDir } from './support/test-bots.js';

/**
 * The run log as an RPA operator reads it through a day: a failing bot whose output is what real
 * bots print (colours, a progress bar redrawn with carriage returns, bytes that are not UTF-8, a
 * last line without a newline), and a live run read while it grows, by keyboard: scrolling back
 * is not undone by new lines, "Jump to latest" leaves focus on the log, and search steps from
 * match to match, in the matching lines or in the whole log around them.
 */
let host: BrowserHostProcess;
let page: Page;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  host = await startBrowserHostProcess({ RPA_SUPERVISOR_BOTS_DIR: resolve(testBotsDir, 'run-log-operator') });
  page = await openSignedInPage(browser, host, { viewport: { width: 1024, height: 800 } });
});

test.afterAll(async () => {
  await page?.context().close();
  await host?.stop();
});

const finalBar = `Uploading claims |${'#'.repeat(50)}| 100% (1200/1200)`;

test('a failed run shows a redrawn progress bar as it ended, and its last line without a newline as the reason', async () => {
  await page.getByTestId('start-messy-bot').click();
  await expect(page.getByTestId('run-status')).toHaveText('Failed', { timeout: 30_000 });
  const log = page.getByTestId('run-log');
  const text = (seq: number) => log.locator(`.log-line[data-seq="${seq}"] .log-line__text`);
  await expect(text(1)).toHaveText('PASS step 1 red bold');
  // Each progress bar is one line showing its last redraw, not every redraw run together.
  await expect(text(2)).toHaveText('Downloading 100%');
  await expect(text(3)).toHaveText(finalBar);
  await expect(text(4)).toHaveText('bad \uFFFD\uFFFD bytes');
  await expect(page.getByTestId('run-last-error')).toHaveText('Giving up after 3 attempts');
  await expect(log.locator('.log-line[data-stream="stderr"]').last()).toContainText('Giving up after 3 attempts');
  await expect(page.getByTestId('run-redactions')).toHaveText('1 NHS number');

  const [full] = await Promise.all([page.waitForEvent('download'), page.getByTestId('log-download-full').click()]);
  const fullText = await readFile((await full.path()) ?? '', 'utf8');
  expect(fullText).toMatch(new RegExp(` stdout +#3 ${finalBar.replace(/[|()]/g, '\\$&')}\n`));
  expect(fullText).not.toContain('0% (0/1200)');
  expect(fullText).toContain('Patient [NHS number] checked');
  expect(fullText).not.toContain('943 476 5919');
});

async function lineCount(log: Locator): Promise<number> {
  return Number(await log.getAttribute('data-line-count'));
}

/**
 * Whether `row` shows inside the log's scrolling box. Rows a little outside it are in the DOM
 * (the virtualiser's overscan), so being in the DOM, or "visible" to Playwright, is not enough.
 */
async function inView(row: Locator): Promise<boolean> {
  if ((await row.count()) !== 1) return false;
  return row.evaluate((element) => {
    const box = element.getBoundingClientRect();
    const list = element.closest('[role="log"]')?.getBoundingClientRect();
    return list !== undefined && box.top >= list.top - 1 && box.bottom <= list.bottom + 1;
  });
}

/** The log's scroll position once a smooth scroll has come to rest (two frames without a change). */
/** Where the log rests once a smooth scroll is over: the same position for 8 frames running (a busy machine drops frames mid-animation). */
async function restingScrollTop(log: Locator): Promise<number> {
  return log.evaluate(async (element) => {
    let previous = Number.NaN;
    let still = 0;
    while (still < 8) {
      still = element.scrollTop === previous ? still + 1 : 0;
      previous = element.scrollTop;
      await new Promise((frame) => requestAnimationFrame(frame));
    }
    return element.scrollTop;
  });
}

test('reading back in a live log is not undone by new lines, and Jump to latest leaves focus on the log', async () => {
  await page.getByTestId('start-live-bot').click();
  const log = page.getByTestId('run-log');
  await expect(log.locator('.log-line', { hasText: /^\S+tick 3001$/ })).toBeVisible({ timeout: 30_000 });
  await log.focus();
  // One arrow press: Chromium animates it, starting a few pixels from the bottom.
  await page.keyboard.press('ArrowUp');
  await expect(page.getByTestId('log-follow')).toHaveAttribute('aria-pressed', 'false');
  const readingAt = await restingScrollTop(log);
  const countThen = await lineCount(log);
  await expect.poll(() => lineCount(log)).toBeGreaterThan(countThen + 5);
  expect(Math.abs((await restingScrollTop(log)) - readingAt)).toBeLessThanOrEqual(2);
  await expect(page.getByTestId('log-follow')).toHaveAttribute('aria-pressed', 'false');
  expect(await log.evaluate((element) => element.scrollHeight - element.scrollTop - element.clientHeight)).toBeGreaterThan(100);

  const jump = page.getByTestId('log-jump-latest');
  await jump.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('log-follow')).toHaveAttribute('aria-pressed', 'true');
  // The button goes once it has done its work; focus lands on the log, not on the page.
  await expect(log).toBeFocused();
  await expect.poll(async () => inView(log.locator('.log-line').filter({ hasText: new RegExp(`tick ${(await lineCount(log)) - 1}$`) }))).toBe(true);
});

test('search steps through the matches, and shows a match among the lines around it', async () => {
  const log = page.getByTestId('run-log');
  const search = page.getByTestId('log-search');
  await search.fill('checkpoint');
  await expect(page.getByTestId('log-line-count')).toHaveText(/^\d+ of [\d,]+ lines match$/);
  const position = page.getByTestId('log-match-position');
  const current = log.locator('.log-line--current');

  await search.press('Enter');
  await expect(position).toHaveText(/^Match 1 of \d+$/);
  await expect(current).toHaveText(/tick 500 checkpoint$/);
  await search.press('Enter');
  await expect(current).toHaveText(/tick 1000 checkpoint$/);
  await search.press('Shift+Enter');
  await expect(current).toHaveText(/tick 500 checkpoint$/);
  await expect(position).toHaveText(/^Match 1 of \d+$/);
  await expect(search).toBeFocused();

  // The whole log, with the current match in view among its neighbours, and kept there while
  // the run goes on printing.
  await page.getByLabel(copy.runLog.onlyMatching).uncheck();
  await expect.poll(() => lineCount(log)).toBeGreaterThan(3000);
  await expect(current).toHaveText(/tick 500 checkpoint$/);
  await expect.poll(() => inView(current)).toBe(true);
  await expect.poll(() => inView(log.locator('.log-line', { hasText: /tick 499$/ }))).toBe(true);
  await expect.poll(() => inView(log.locator('.log-line', { hasText: /tick 501$/ }))).toBe(true);
  await expect(log.locator('.log-line--current mark')).toHaveText('checkpoint');
  await expect(page.getByTestId('log-follow')).toHaveAttribute('aria-pressed', 'false');
  const countThen = await lineCount(log);
  await expect.poll(() => lineCount(log)).toBeGreaterThan(countThen + 5);
  expect(await inView(current)).toBe(true);

  // Back from the first match wraps round to the last, the newest checkpoint.
  await page.getByRole('button', { name: copy.runLog.previousMatch }).click();
  await expect(current).not.toHaveText(/tick 500 checkpoint$/);
  await expect(current).toHaveText(/tick \d+ checkpoint$/);
  await expect.poll(() => inView(current)).toBe(true);
  // The run goes on printing checkpoints (live-bot.mjs: each 500 ticks up to 3,000, then each 50),
  // so the count may have grown since.
  const tick = Number(/tick (\d+) checkpoint$/.exec(await current.innerText())?.[1]);
  const match = tick <= 3000 ? tick / 500 : 6 + (tick - 3000) / 50;
  await expect(position).toHaveText(new RegExp(`^Match ${match} of \\d+$`));
});

test('the log with search and match navigation works at 480 px and passes axe in light and dark', async () => {
  await page.setViewportSize({ width: 480, height: 900 });
  await expect(page.getByRole('button', { name: copy.runLog.nextMatch })).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  const problems = await seriousViolations(page, 'run log with match navigation at 480 px');
  expect(problems, JSON.stringify(problems, null, 2)).toEqual([]);
  await page.getByTestId('log-search').fill('');
  await expect(page.getByTestId('log-match-position')).toHaveCount(0);
});
