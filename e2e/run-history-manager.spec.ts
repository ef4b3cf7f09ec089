import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { localDay } from '../app/state/local-day.js';
import { seriousViolations } from './a11y/check-accessibility.js';
import { clinicWeekHost, clinicZone } from './support/clinic-week-host.js';
import { skipWizardIfShown } from './support/sign-in.js';

/**
 * A practice manager's Monday morning with a clinic's week of runs (1,300 of four bots by three
 * people, the oldest in the run archive), in Europe/London: last week's failures by date without
 * paging by hand, why each failed, Today's counts matching the list of today's runs, the list
 * taken to a meeting as CSV or on paper (every row, readable from dark mode), and Clear filters
 * by keyboard.
 */
const zone = clinicZone;
test.describe.configure({ mode: 'serial', timeout: 120_000 });

const week = clinicWeekHost(1_300);

/** The London calendar day `daysBack` before today: its `YYYY-MM-DD` and its bounds. */
function londonDay(daysBack: number): { date: string; startAt: number; endAt: number } {
  let day = localDay(Date.now(), zone);
  for (let i = 0; i < daysBack; i += 1) day = localDay(day.startAt - 1, zone);
  const date = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(day.startAt);
  return { date, ...day };
}

const failed = new Set(['failed', 'timedOut']);

async function openHistory(page: Page): Promise<void> {
  await page.goto(week.host.pageUrl);
  await skipWizardIfShown(page);
  await page.getByTestId('nav-runs').click();
  await expect(page.getByTestId('history-table').locator('tbody tr').first()).toBeVisible();
}

async function showFailuresOf(page: Page, from: string, to: string): Promise<void> {
  await page.getByTestId('history-outcome').selectOption('failed');
  await page.getByTestId('history-from').fill(from);
  await page.getByTestId('history-to').fill(to);
}

test('the last seven days’ failures are all listed from the dates alone, back into the archive, each with its last error', async ({ page }) => {
  const first = londonDay(7);
  const last = londonDay(1);
  const inRange = week.seeded.runs.filter((run) => run.startedAt >= first.startAt && run.startedAt < last.endAt);
  const failures = inRange.filter((run) => failed.has(run.status)).reverse();
  // The range reaches past the 1,000 runs runs.json keeps: the first page alone cannot answer.
  expect(inRange.length).toBeGreaterThan(500);
  expect(week.seeded.runs.indexOf(inRange[0] ?? week.seeded.runs[0]!)).toBeLessThan(week.seeded.runs.length - 1_000);

  await openHistory(page);
  await showFailuresOf(page, first.date, last.date);
  await expect(page.getByTestId('history-count')).toHaveText(`${failures.length} of ${inRange.length.toLocaleString('en-GB')} runs`, { timeout: 30_000 });
  const rows = page.getByTestId('history-table').locator('tbody tr');
  await expect(rows).toHaveCount(failures.length);
  await expect(rows.first()).toHaveAttribute('data-testid', `history-row-${failures[0]?.id}`);
  await expect(rows.last()).toHaveAttribute('data-testid', `history-row-${failures.at(-1)?.id}`);
  // Nothing older can match From: no "Load older runs" to press in case.
  await expect(page.getByTestId('history-older')).toHaveCount(0);

  // Why: the bot's last error beside the stop reason, and searchable.
  const withError = failures.find((run) => run.lastError !== undefined);
  await expect(page.getByTestId(`history-last-error-${withError?.id}`)).toHaveText(`Last error: ${withError?.lastError}`);
  await page.getByTestId('history-search').fill('503 Service');
  await expect(page.getByTestId('history-count')).toHaveText(`${failures.filter((run) => run.lastError?.includes('503 Service')).length} of ${inRange.length.toLocaleString('en-GB')} runs`);
});

test('From after To says so at the field, and no run is listed', async ({ page }) => {
  await openHistory(page);
  await showFailuresOf(page, londonDay(1).date, londonDay(3).date);
  await expect(page.getByTestId('history-from-field')).toContainText('The From date is after the To date, so no run can match.');
  await expect(page.getByTestId('history-from')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('history-table')).toHaveCount(0);
});

test('Today’s counts are the runs the history lists for today’s date, by London midnight', async ({ page }) => {
  const today = londonDay(0);
  const todays = week.seeded.runs.filter((run) => run.startedAt >= today.startAt && run.startedAt < today.endAt);
  await page.goto(week.host.pageUrl);
  await skipWizardIfShown(page);
  await expect(page.getByTestId('today-runs')).toHaveText(String(todays.length));
  await expect(page.getByTestId('today-failed')).toHaveText(String(todays.filter((run) => failed.has(run.status)).length));
  const todayRuns = await page.getByTestId('today-runs').innerText();
  const todayFailed = await page.getByTestId('today-failed').innerText();

  await page.getByTestId('nav-runs').click();
  await page.getByTestId('history-from').fill(today.date);
  await page.getByTestId('history-to').fill(today.date);
  const count = page.getByTestId('history-count');
  const runs = `${todayRuns} run${todayRuns === '1' ? '' : 's'}`;
  await expect(count).toHaveText(runs);
  await page.getByTestId('history-outcome').selectOption('failed');
  await expect(count).toHaveText(todayFailed === todayRuns ? runs : `${todayFailed} of ${runs}`);
});

test('the runs shown download as CSV, every one with its times, people and errors', async ({ page }) => {
  const first = londonDay(7);
  const last = londonDay(1);
  const failures = week.seeded.runs.filter((run) => run.startedAt >= first.startAt && run.startedAt < last.endAt && failed.has(run.status)).reverse();
  await openHistory(page);
  await showFailuresOf(page, first.date, last.date);
  await expect(page.getByTestId('history-table').locator('tbody tr')).toHaveCount(failures.length, { timeout: 30_000 });
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('history-download').click()]);
  expect(download.suggestedFilename()).toBe(`rpa-supervisor-runs-${londonDay(0).date}.csv`);
  await expect(page.getByTestId('history-download-feedback')).toHaveText(`Saved ${failures.length} runs as ${download.suggestedFilename()}.`);
  const lines = (await readFile(await download.path(), 'utf8')).split('\r\n').filter((line) => line !== '');
  expect(lines[0]).toBe('Bot,Bot id,Status,"Started (local time, UTC offset)","Ended (local time, UTC offset)",Duration,Duration (seconds),Supervised by,Supervisor subject,Exit code,Signal,Stop reason,Last error,Hidden from the log,Run id');
  expect(lines).toHaveLength(failures.length + 1);
  const sample = failures.find((run) => run.status === 'failed');
  expect(lines.find((line) => line.endsWith(`,${sample?.id}`))).toMatch(
    new RegExp(`^${sample?.botName.replace(/[()]/g, '\\$&')},${sample?.botId},Failed,\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} \\+0[01]:00,.*,1 min 35 s,95,${sample?.supervisor?.name},${sample?.supervisor?.subject},3,,The bot exited with code 3\\.,Error: Healthcode said 503 Service Unavailable,,${sample?.id}$`),
  );
});

test('printing lists every run shown, on as many pages as it takes, black on white even in dark mode', async ({ page }) => {
  await openHistory(page);
  await showFailuresOf(page, londonDay(7).date, londonDay(1).date);
  const rows = page.getByTestId('history-table').locator('tbody tr');
  await expect(rows).not.toHaveCount(0, { timeout: 30_000 });
  const shown = await rows.count();
  await expect(page.getByTestId('history-print')).toHaveAccessibleName('Print');
  await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
  // A row is at least two lines high: more than fifteen of them do not fit one A4 page.
  const pages = ((await page.pdf({ format: 'A4' })).toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  expect(pages).toBeGreaterThan(Math.floor(shown / 15));
  const last = rows.last().getByRole('cell').last();
  expect(await last.evaluate((cell) => getComputedStyle(cell).color)).toBe('rgb(0, 0, 0)');
  await expect(page.getByTestId('history-download')).toBeHidden();
  await page.emulateMedia({ media: 'screen', colorScheme: 'light' });
});

test('Clear filters by keyboard leaves focus on the first filter, and the filters fit 480 px without a serious axe finding', async ({ page }) => {
  await openHistory(page);
  const first = londonDay(7);
  const last = londonDay(1);
  const inRange = week.seeded.runs.filter((run) => run.startedAt >= first.startAt && run.startedAt < last.endAt);
  await showFailuresOf(page, first.date, last.date);
  // The dates' pages fetched back (a Clear pressed before that would stop the fetching).
  await expect(page.getByTestId('history-count')).toHaveText(`${inRange.filter((run) => failed.has(run.status)).length} of ${inRange.length.toLocaleString('en-GB')} runs`, { timeout: 30_000 });
  const clear = page.getByTestId('history-clear');
  await clear.focus();
  await page.keyboard.press('Enter');
  await expect(clear).toHaveCount(0);
  await expect(page.getByTestId('history-bot')).toBeFocused();
  // The pages the dates fetched stay loaded: every run, and nothing older to load.
  await expect(page.getByTestId('history-count')).toHaveText('1,300 runs');

  await page.setViewportSize({ width: 480, height: 900 });
  await showFailuresOf(page, londonDay(2).date, londonDay(1).date);
  await expect(page.getByTestId('history-table').locator('tbody tr').first()).toBeVisible();
  const sideways = await page.evaluate(() =>
    [document.documentElement, ...document.querySelectorAll('.app-main, .filters, .table-wrap')].filter((element) => element.scrollWidth > element.clientWidth + 1).map((element) => element.className || element.tagName),
  );
  expect(sideways).toEqual([]);
  for (const id of ['history-from', 'history-to', 'history-download', 'history-print']) {
    await page.getByTestId(id).scrollIntoViewIfNeeded();
    await expect(page.getByTestId(id)).toBeInViewport({ ratio: 1 });
  }
  expect(await seriousViolations(page, 'Run history filtered by dates (480 px)')).toEqual([]);
});
