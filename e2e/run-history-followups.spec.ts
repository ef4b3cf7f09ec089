import { expect, test, type Page } from '@playwright/test';
import { localDay } from '../app/state/local-day.js';
import { seriousViolations } from './a11y/check-accessibility.js';
import { tabTo } from './a11y/keyboard.js';
import { clinicWeekHost, clinicZone } from './support/clinic-week-host.js';
import { demoUser, signInToSandbox, skipWizardIfShown } from './support/sign-in.js';
import { testBots } from './support/test-bots.js';

/**
 * Run history follow-ups, on a clinic's week of 1,300 runs in Europe/London: Search narrows and
 * widens the whole week as keys are typed, the filters outlive a visit to Settings, Today's counts
 * open their runs, and a stopped run says who stopped it.
 */
const zone = clinicZone;
test.describe.configure({ mode: 'serial', timeout: 120_000 });

const week = clinicWeekHost(1_300);

async function openHistory(page: Page): Promise<void> {
  await page.goto(week.host.pageUrl);
  await skipWizardIfShown(page);
  await page.getByTestId('nav-runs').click();
  await expect(page.getByTestId('history-table').locator('tbody tr').first()).toBeVisible();
}

/** Every page of the seeded week loaded: From before its first day, then From cleared. */
async function loadWholeWeek(page: Page): Promise<void> {
  await page.getByTestId('history-from').fill(new Date((week.seeded.runs[0]?.startedAt ?? Date.now()) - 86_400_000).toISOString().slice(0, 10));
  await expect(page.getByTestId('history-count')).toHaveText('1,300 runs', { timeout: 30_000 });
  await page.getByTestId('history-from').fill('');
  await expect(page.getByTestId('history-count')).toHaveText('1,300 runs');
  await expect(page.getByTestId('history-table').locator('tbody tr')).toHaveCount(1_300);
}

// How fast each key paints with 1,300 runs listed is measured in bench/ (the typing benchmark).
test('typing in Search with 1,300 runs: a key that matches nothing empties the table, and the Backspace that empties the field brings every row back', async ({ page }) => {
  await openHistory(page);
  await loadWholeWeek(page);
  const search = page.getByTestId('history-search');
  const count = page.getByTestId('history-count');
  const rows = page.getByTestId('history-table').locator('tbody tr');
  await search.focus();
  // "zq" matches nothing; its Backspace is the keystroke that adds all 1,300 rows back.
  await page.keyboard.type('zq', { delay: 60 });
  await expect(count).toHaveText('0 of 1,300 runs');
  await expect(rows).toHaveCount(0);
  await page.keyboard.press('Backspace');
  await expect(search).toHaveValue('z');
  await expect(count).toHaveText('0 of 1,300 runs');
  await page.keyboard.press('Backspace');
  await expect(search).toHaveValue('');
  await expect(count).toHaveText('1,300 runs');
  await expect(rows).toHaveCount(1_300);
});

test('the filters are kept while the page lives: Settings and back finds them as left; a reload starts afresh', async ({ page }) => {
  await openHistory(page);
  await page.getByTestId('history-outcome').selectOption('failed');
  await page.getByTestId('history-search').fill('503');
  const count = page.getByTestId('history-count');
  await expect(count).not.toHaveText(/^1,300 runs/);
  const counted = await count.innerText();

  await page.getByTestId('nav-settings').click();
  await expect(page.getByTestId('history-search')).toHaveCount(0);
  const runs = page.getByTestId('nav-runs');
  await runs.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('history-outcome')).toHaveValue('failed');
  await expect(page.getByTestId('history-search')).toHaveValue('503');
  await expect(count).toHaveText(counted);
  await expect(page.getByTestId('history-clear')).toBeVisible();

  await page.reload();
  await page.getByTestId('nav-runs').click();
  await expect(page.getByTestId('history-outcome')).toHaveValue('all');
  await expect(page.getByTestId('history-search')).toHaveValue('');
});

test('Today’s counts open Run history on today’s runs of that outcome, by keyboard, named for where they go', async ({ page }) => {
  const day = localDay(Date.now(), zone);
  const todays = week.seeded.runs.filter((run) => run.startedAt >= day.startAt && run.startedAt < day.endAt);
  const failures = todays.filter((run) => run.status === 'failed' || run.status === 'timedOut').length;
  const date = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(day.startAt);
  await page.goto(week.host.pageUrl);
  await skipWizardIfShown(page);
  const failed = page.getByTestId('today-failed');
  await expect(failed).toHaveText(String(failures));
  await expect(failed).toHaveAccessibleName(`${failures} failed or timed out today: show ${failures === 1 ? 'it' : 'them'} in Run history`);
  await tabTo(page, failed, 150);
  await page.keyboard.press('Enter');

  await expect(page.getByTestId('history-outcome')).toHaveValue('failed');
  await expect(page.getByTestId('history-from')).toHaveValue(date);
  await expect(page.getByTestId('history-to')).toHaveValue(date);
  const count = page.getByTestId('history-count');
  await expect(count).toHaveText(failures === todays.length ? `${todays.length} runs` : `${failures} of ${todays.length} runs`);
  await expect(count).toBeFocused();
  await expect(page.getByTestId('history-table').locator('tbody tr')).toHaveCount(failures);

  // Every run today: the Runs count, with no outcome chosen.
  await page.getByTestId('nav-overview').click();
  await page.getByTestId('today-runs').click();
  await expect(page.getByTestId('history-outcome')).toHaveValue('all');
  await expect(count).toHaveText(`${todays.length} runs`);

  await page.getByTestId('nav-overview').click();
  await page.setViewportSize({ width: 480, height: 900 });
  for (const key of ['runs', 'succeeded', 'failed', 'running', 'waiting', 'stopped']) await expect(page.getByTestId(`today-${key}`)).toBeVisible();
  const sideways = await page.evaluate(() => [document.documentElement, ...document.querySelectorAll('.today')].filter((element) => element.scrollWidth > element.clientWidth + 1).length);
  expect(sideways).toBe(0);
  expect(await seriousViolations(page, 'Overview, Today’s counts as buttons (480 px)')).toEqual([]);
});

test('a run stopped by a person says who, in its detail and the history table; runs stored before say the operator', async ({ page }) => {
  await page.goto(week.host.pageUrl);
  await skipWizardIfShown(page);
  await signInToSandbox(page, week.host);
  await page.getByTestId(`start-${testBots.hang}`).click();
  await expect(page.getByTestId(`bot-status-${testBots.hang}`)).toHaveText('Running', { timeout: 30_000 });
  await page.getByTestId(`stop-${testBots.hang}`).click();
  await expect(page.getByTestId(`bot-status-${testBots.hang}`)).toHaveText('Stopped', { timeout: 30_000 });

  await page.getByTestId('nav-runs').click();
  const row = page.getByTestId('history-table').locator('tbody tr').first();
  await expect(row.locator('td.table__reason')).toHaveText(`Stopped by ${demoUser.name}.`);
  await row.getByRole('button').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('run-reason')).toHaveText(`Stopped by ${demoUser.name}.`);

  const old = week.seeded.runs.findLast((run) => run.status === 'cancelled');
  await expect(page.getByTestId(`history-reason-${old?.id}`)).toHaveText('Stopped by the operator.');
  // Axe on the one run, not the week: searching for the name finds it.
  await page.getByTestId('history-search').fill(demoUser.name.split(' ')[1] ?? '');
  await expect(page.getByTestId('history-table').locator('tbody tr')).not.toHaveCount(0);
  await page.setViewportSize({ width: 480, height: 900 });
  await expect(row.locator('td.table__reason')).toBeVisible();
  expect(await seriousViolations(page, 'Run history with a stop that names who (480 px)')).toEqual([]);
});
