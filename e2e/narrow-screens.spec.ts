import { expect, test, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { seriousViolations } from './a11y/check-accessibility.js';
import { startBrowserHostProcess, type BrowserHostProcess } from './support/browser-host-process.js';
import { signInToSandbox, skipWizard } from './support/sign-in.js';
import { testBots, testBotsDir } from './support/test-bots.js';

/**
 * A window 480 px wide with real data (issue 13, the newcomer check): run history and the audit
 * trail reflow into stacked rows instead of scrolling sideways, and keep their table semantics;
 * the header shows the whole profile name of the busiest session (signed in, with its countdown,
 * Re-authenticate and "1 more" beside it) instead of cutting it to "Loca…".
 */
test.describe.configure({ mode: 'serial', timeout: 180_000 });

const width = 480;
let host: BrowserHostProcess;
let context: BrowserContext;
let page: Page;

test.beforeAll(async ({ browser }) => {
  // Starting a host and signing in is slow on a loaded machine.
  test.setTimeout(180_000);
  host = await startBrowserHostProcess({ RPA_SUPERVISOR_BOTS_DIR: testBotsDir, RPA_SANDBOX_PARTNER: '1' });
  context = await browser.newContext({ viewport: { width: 1024, height: 800 } });
  page = await context.newPage();
  await page.goto(host.pageUrl);
  await skipWizard(page);
  await signInToSandbox(page, host);
  // History with a failure (a long stop reason) and a success, and the audit records they leave.
  await page.getByTestId(`start-${testBots.crash}`).click();
  await expect(page.getByTestId(`bot-${testBots.crash}`)).toContainText('Failed', { timeout: 60_000 });
  await page.getByTestId(`start-${testBots.api}`).click();
  await expect(page.getByTestId(`bot-${testBots.api}`)).toContainText('Succeeded', { timeout: 60_000 });
  await page.setViewportSize({ width, height: 800 });
});

test.afterAll(async () => {
  await context?.close();
  await host?.stop();
});

/** What scrolls sideways: the page itself, and any table wrapper wider inside than its box. */
async function sidewaysScroll(): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    if (document.documentElement.scrollWidth > window.innerWidth) found.push(`page: ${document.documentElement.scrollWidth} > ${window.innerWidth}`);
    for (const wrap of document.querySelectorAll<HTMLElement>('.table-wrap')) {
      if (wrap.scrollWidth > wrap.clientWidth + 1) found.push(`table: ${wrap.scrollWidth} > ${wrap.clientWidth}`);
    }
    return found;
  });
}

/** Every cell of the table lies inside the window. */
async function expectCellsInside(table: Locator): Promise<void> {
  const outside = await table.evaluate((element) =>
    [...element.querySelectorAll('tbody th, tbody td')].filter((cell) => {
      const box = cell.getBoundingClientRect();
      return box.left < 0 || box.right > window.innerWidth + 0.5;
    }).length,
  );
  expect(outside).toBe(0);
}

test('View log at 480 px takes focus to the run detail far below the bots, and brings it into view', async () => {
  await page.getByTestId('nav-overview').click();
  await page.getByTestId(`view-log-${testBots.crash}`).click();
  const heading = page.getByTestId('run-detail-heading');
  await expect(heading).toBeFocused();
  await expect(heading).toContainText('Remittance import');
  await expect(heading).toBeInViewport();
});

test('run history at 480 px: rows stack with every value labelled, nothing scrolls sideways, and it is still a table', async () => {
  await page.getByTestId('nav-runs').click();
  const table = page.getByTestId('history-table');
  await expect(table.locator('tbody tr')).toHaveCount(2);
  expect(await sidewaysScroll()).toEqual([]);
  await expectCellsInside(table);
  // Stacked: the bot's name comes first, then each value under its column's label.
  const failed = table.locator('tbody tr').filter({ hasText: 'Remittance import' });
  const cells = failed.getByRole('cell');
  await expect(cells).toHaveCount(6);
  await expect(failed.getByRole('rowheader')).toContainText('Remittance import');
  const reason = failed.locator('td[data-label="Stop reason"]');
  await expect(reason).toHaveCount(1);
  const drawn = await reason.evaluate((cell) => ({ label: getComputedStyle(cell, '::before').content, display: getComputedStyle(cell).display }));
  expect(drawn.label).not.toBe('none');
  expect(drawn.display).toBe('block');
  // The column headers are still there for screen readers, and the roles survive the stacking.
  await expect(table.getByRole('columnheader')).toHaveCount(7);
  await expect(table).toHaveAttribute('role', 'table');
  const problems = await seriousViolations(page, 'run history at 480 px');
  expect(problems, JSON.stringify(problems, null, 2)).toEqual([]);

  // Opening a run by keyboard still works from the stacked row, and the page still does not scroll sideways.
  await failed.getByRole('button').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('run-detail-heading')).toBeFocused();
  expect(await sidewaysScroll()).toEqual([]);
});

test('the audit trail at 480 px: records stack, nothing scrolls sideways, and it is still a table', async () => {
  await page.getByTestId('nav-audit').click();
  const table = page.getByTestId('audit-table');
  await expect(table.locator('tbody tr').first()).toBeVisible();
  expect(await table.locator('tbody tr').count()).toBeGreaterThanOrEqual(3);
  expect(await sidewaysScroll()).toEqual([]);
  await expectCellsInside(table);
  await expect(table.getByRole('columnheader')).toHaveCount(6);
  await expect(table.getByRole('rowheader').first()).toBeVisible();
  const problems = await seriousViolations(page, 'audit trail at 480 px');
  expect(problems, JSON.stringify(problems, null, 2)).toEqual([]);
});

test('the header at 480 px shows the whole profile name beside its status, countdown, Re-authenticate and "1 more"', async () => {
  const entry = page.getByTestId('header-session-sandbox');
  await expect(entry).toHaveAttribute('data-status', 'active');
  await expect(page.getByTestId('header-more')).toBeVisible();
  await expect(page.getByTestId('header-reauthenticate-sandbox')).toBeVisible();
  const name = entry.locator('.header-session__profile');
  await expect(name).toHaveText('Local sandbox');
  // Fully visible: not cut by its own box, nor by any box around it, and inside the window.
  const clipped = await name.evaluate((element) => {
    const box = element.getBoundingClientRect();
    const problems: string[] = [];
    if (element.scrollWidth > element.clientWidth + 0.5) problems.push(`own box ${element.scrollWidth} > ${element.clientWidth}`);
    if (box.left < 0 || box.right > window.innerWidth) problems.push(`window ${box.left}–${box.right}`);
    for (let parent = element.parentElement; parent && parent !== document.body; parent = parent.parentElement) {
      const style = getComputedStyle(parent);
      if (style.display === 'contents' || style.overflowX === 'visible') continue;
      const outer = parent.getBoundingClientRect();
      if (box.left < outer.left - 0.5 || box.right > outer.right + 0.5 || box.top < outer.top - 0.5 || box.bottom > outer.bottom + 0.5) problems.push(`cut by ${parent.className}`);
    }
    return problems;
  });
  expect(clipped).toEqual([]);
  // Nothing sits on top of it: the button and "1 more" are beside it, the status and countdown below.
  const nameBox = await name.boundingBox();
  const button = await page.getByTestId('header-reauthenticate-sandbox').boundingBox();
  const more = await page.getByTestId('header-more').boundingBox();
  const status = await page.getByTestId('header-status-sandbox').boundingBox();
  expect(nameBox && button && nameBox.x + nameBox.width <= button.x + 0.5).toBe(true);
  expect(nameBox && more && nameBox.x + nameBox.width <= more.x + 0.5).toBe(true);
  expect(status && nameBox && status.y >= nameBox.y + nameBox.height - 1).toBe(true);
  await expect(page.getByTestId('header-countdown-sandbox')).toBeVisible();
  // The status keeps enough of its line to say who is signed in, not just "Signed…": the time
  // left sits under the button, beside it.
  const statusSays = await page.getByTestId('header-status-sandbox').evaluate((element, shown) => {
    const range = document.createRange();
    range.setStart(element.firstChild as Node, 0);
    range.setEnd(element.firstChild as Node, shown.length);
    return range.getBoundingClientRect().right <= element.getBoundingClientRect().right + 0.5 && element.textContent?.startsWith(shown);
  }, 'Signed in as Dr Demo');
  expect(statusSays).toBe(true);
  const countdown = await page.getByTestId('header-countdown-sandbox').boundingBox();
  expect(status && countdown && countdown.x >= status.x + status.width - 0.5).toBe(true);
  expect(countdown && countdown.x + countdown.width <= 480).toBe(true);
  expect(await sidewaysScroll()).toEqual([]);
});

test('at 1024 and 1280 px the header says in full who is signed in, for which company, with the time left; the end time gives way first', async () => {
  const status = page.getByTestId('header-status-sandbox');
  for (const wide of [1280, 1024]) {
    await page.setViewportSize({ width: wide, height: 800 });
    await expect(page.getByTestId('header-session-sandbox')).toHaveAttribute('data-status', 'active');
    await expect(status).toContainText('Signed in as Dr Demo Supervisor');
    // Drawn whole: the text that holds the name and company is not cut short by its box.
    const cut = await status.evaluate((element) => {
      const text = element.closest('.header-session__text') as HTMLElement;
      const range = document.createRange();
      range.selectNodeContents(element);
      return { overflow: text.scrollWidth - text.clientWidth, right: range.getBoundingClientRect().right - text.getBoundingClientRect().right };
    });
    expect(cut.overflow, `at ${wide} px`).toBeLessThanOrEqual(0.5);
    expect(cut.right, `at ${wide} px`).toBeLessThanOrEqual(0.5);
    await expect(page.getByTestId('header-countdown-sandbox')).toBeVisible();
    const countdown = await page.getByTestId('header-countdown-sandbox').evaluate((element) => element.scrollWidth <= element.clientWidth + 0.5);
    expect(countdown, `countdown whole at ${wide} px`).toBe(true);
  }
  expect(await sidewaysScroll()).toEqual([]);
  await page.setViewportSize({ width, height: 800 });
});
