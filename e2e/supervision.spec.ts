import { expect, test, type Page } from '@playwright/test';
import { startBrowserHostProcess, type BrowserHostProcess } from './support/browser-host-process.js';
import { demoUser, signInToSandbox, skipWizard } from './support/sign-in.js';
import { testBots, testBotsDir } from './support/test-bots.js';

/**
 * Everyday supervision through the browser host with a test bots folder: the header, running
 * and stopping a bot, following its log, run history filters, and "Stop all and sign out".
 */
let host: BrowserHostProcess;
let page: Page;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  host = await startBrowserHostProcess({ RPA_SUPERVISOR_BOTS_DIR: testBotsDir });
  page = await browser.newPage();
  await page.goto(host.pageUrl);
  await skipWizard(page);
  await signInToSandbox(page, host);
});

test.afterAll(async () => {
  await page?.close();
  await host?.stop();
});

test('the header shows who is signed in, a live countdown and the local expiry time', async () => {
  const header = page.getByTestId('header-session-sandbox');
  await expect(header).toHaveAttribute('data-status', 'active');
  await expect(page.getByTestId('header-status-sandbox')).toHaveText(`Signed in as ${demoUser.name} · demo-clinic-1001`);
  const countdown = page.getByTestId('header-countdown-sandbox');
  await expect(countdown).toHaveText(/^2[34]:\d{2}:\d{2}$/);
  const first = await countdown.textContent();
  await expect(countdown).not.toHaveText(first ?? '');
  const expiresAt = Number(await countdown.getAttribute('data-expires-at'));
  const expected = await page.evaluate((at) => new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(at), expiresAt);
  await expect(page.getByTestId('header-until-sandbox')).toHaveText(`until ${expected}`);
  await expect(page.getByTestId('header-reauthenticate-sandbox')).toHaveAccessibleName('Re-authenticate to Local sandbox');
});

test('a long-running bot can be started, its log followed, and stopped', async () => {
  const bot = page.getByTestId(`bot-${testBots.hang}`);
  await expect(bot).toContainText('Signs in with');
  await expect(bot).toContainText('Local sandbox');
  await page.getByTestId(`start-${testBots.hang}`).click();
  await expect(page.getByTestId('run-status')).toHaveText('Running');
  const log = page.getByTestId('run-log');
  await expect(log).toContainText('now hanging');
  await expect(page.getByTestId('log-follow')).toHaveAttribute('aria-pressed', 'true');

  // Search filters to matching lines and says how many.
  await page.getByTestId('log-search').fill('item 2');
  await expect(page.getByTestId('log-line-count')).toHaveText(/^1 of \d+ lines match$/);
  await expect(log.locator('.log-line')).toHaveCount(1);
  await expect(log.locator('mark')).toHaveText('item 2');
  await page.getByTestId('log-search').fill('');

  await page.getByTestId(`stop-${testBots.hang}`).click();
  await expect(page.getByTestId('run-status')).toHaveText('Stopped', { timeout: 30_000 });
  await expect(page.getByTestId('run-reason')).toHaveText(`Stopped by ${demoUser.name}.`);
  await expect(bot.getByTestId(`bot-status-${testBots.hang}`)).toHaveText('Stopped', { timeout: 30_000 });
  await expect(page.getByTestId(`stop-${testBots.hang}`)).toHaveCount(0);
});

test('a finished run shows its exit code, and stderr is highlighted', async () => {
  await page.getByTestId(`start-${testBots.crash}`).click();
  await expect(page.getByTestId('run-status')).toHaveText('Failed', { timeout: 30_000 });
  await expect(page.getByTestId('run-exit-code')).toHaveText('3');
  const stderrLine = page.getByTestId('run-log').locator('.log-line--stderr', { hasText: 'about to crash' });
  await expect(stderrLine).toBeVisible();
  await expect(stderrLine).toContainText('Error output:');

  await page.getByTestId(`start-${testBots.api}`).click();
  await expect(page.getByTestId('run-status')).toHaveText('Succeeded', { timeout: 30_000 });
  await expect(page.getByTestId('run-log')).toContainText(`Authorised as ${demoUser.name}`);
  await expect(page.getByTestId('run-exit-code')).toHaveText('0');
});

test('run history filters by bot, outcome and text, and opens a run', async () => {
  await page.getByTestId('nav-runs').click();
  const table = page.getByTestId('history-table');
  await expect(table.locator('tbody tr')).toHaveCount(3);
  await expect(page.getByTestId('history-count')).toHaveText('3 runs');

  await page.getByTestId('history-outcome').selectOption('failed');
  await expect(table.locator('tbody tr')).toHaveCount(1);
  await expect(table).toContainText('Remittance import');
  await expect(page.getByTestId('history-count')).toHaveText('1 of 3 runs');

  await page.getByRole('button', { name: 'Clear filters' }).click();
  await page.getByTestId('history-bot').selectOption(testBots.api);
  await expect(table.locator('tbody tr')).toHaveCount(1);
  await page.getByTestId('history-bot').selectOption('');

  await page.getByTestId('history-search').fill('nobody matches this');
  await expect(page.getByText('No runs match these filters.')).toBeVisible();
  await page.getByTestId('history-search').fill(demoUser.name);
  await expect(table.locator('tbody tr')).toHaveCount(3);

  await table.getByRole('button', { name: /Claims watcher/ }).click();
  await expect(page.getByTestId('run-log-panel')).toContainText('Run detail — Claims watcher');
  await expect(page.getByTestId('run-log')).toContainText('working on item 1');
  await page.getByTestId('nav-overview').click();
});

test('Stop all and sign out asks first, then stops every bot and signs out', async () => {
  await page.getByTestId(`start-${testBots.hang}`).click();
  await expect(page.getByTestId(`bot-status-${testBots.hang}`)).toHaveText('Running');

  // Escape cancels: nothing stops.
  await page.getByTestId('stop-all').click();
  const dialog = page.getByRole('dialog', { name: 'Stop all bots and sign out?' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('1 bot run will be stopped.');
  await expect(dialog.getByRole('button', { name: 'Keep running' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('stop-all')).toBeFocused();
  await expect(page.getByTestId(`bot-status-${testBots.hang}`)).toHaveText('Running');

  await page.getByTestId('stop-all').click();
  await dialog.getByRole('button', { name: 'Stop all and sign out' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId(`bot-status-${testBots.hang}`)).toHaveText(/Stopped|Halted/, { timeout: 30_000 });
  await expect(page.getByTestId('session-status-sandbox')).toHaveText('Signed out');
  await expect(page.getByText('All bots were stopped and every provider is signed out.')).toBeVisible();
  await expect(page.getByTestId(`start-${testBots.api}`)).toBeDisabled();
  // Every bot waits for the same sign-in: said once above the bots, not on each card.
  const shared = page.getByTestId('start-blocked-shared');
  await expect(shared).toHaveCount(1);
  await expect(shared).toContainText('Sign in to Local sandbox first.');
  await expect(shared).toContainText('Error code: not_signed_in');
  await expect(page.locator('[data-testid^="start-blocked-"]:not([data-testid="start-blocked-shared"])')).toHaveCount(0);
});
