import { expect, test, type Page } from '@playwright/test';
import { startBrowserHostProcess, type BrowserHostProcess } from './support/browser-host-process.js';
import { demoUser, signInToSandbox, skipWizard } from './support/sign-in.js';
import { queueTestBots, queueTestBotsDir, scheduledTestBotsDir } from './support/test-bots.js';
import { setMaxConcurrentRuns } from './support/run-limit.js';

/**
 * The queue and schedules through the browser host (issue 13 item 7):
 * - a scheduled run is skipped, with its reason shown and audited, while nobody is signed in
 *   (S62), and starts by itself once someone is;
 * - waiting runs start by priority; the queued list is reordered and a queued run cancelled with
 *   the keyboard alone; a moved run keeps its place over priorities;
 * - two bots that use the screen (`exclusive`) never run at once, and the waiting one says why.
 */
let host: BrowserHostProcess | undefined;
// Each test starts its own host and signs in; axe runs twice per width. Busy machines need room.
test.describe.configure({ timeout: 180_000 });

test.afterEach(async () => {
  await host?.stop();
  host = undefined;
});

async function start(page: Page, botId: string): Promise<void> {
  await page.getByTestId(`start-${botId}`).click();
}

/** The queued list's bot names, next first. */
async function queuedNames(page: Page): Promise<string[]> {
  return page.locator('[data-testid="queued-runs"] .queued-run__name').allTextContents();
}

test('S62 a scheduled run is skipped with its reason, shown and audited, while nobody is signed in, and starts once someone is', async ({ page }) => {
  host = await startBrowserHostProcess({ RPA_SUPERVISOR_BOTS_DIR: scheduledTestBotsDir });
  await page.goto(host.pageUrl);
  await skipWizard(page);
  const bot = queueTestBots.tick;
  await expect(page.getByTestId(`bot-schedule-${bot}`)).toContainText('*/2 * * * * *');
  await expect(page.getByTestId(`bot-schedule-next-${bot}`)).not.toBeEmpty();

  const last = page.getByTestId(`bot-schedule-last-${bot}`);
  await expect(last).toHaveAttribute('data-outcome', 'skipped');
  await expect(last.locator('.error-message')).toHaveAttribute('data-code', 'schedule_skipped_signed_out');
  await expect(last).toContainText('The scheduled run of Tick report was skipped because nobody was signed in to Local sandbox.');
  // Never started: the bot has no run at all.
  await expect(page.getByTestId(`bot-status-${bot}`)).toHaveText('Not run yet');

  await page.getByTestId('nav-audit').click();
  const skipped = page.getByTestId('audit-table').locator('tr[data-type="scheduledRunSkipped"]').first();
  await expect(skipped).toContainText('schedule_skipped_signed_out');
  await page.getByTestId('nav-overview').click();

  await signInToSandbox(page, host);
  await expect(last).toHaveAttribute('data-outcome', 'started', { timeout: 15_000 });
  await expect(page.getByTestId(`bot-status-${bot}`)).toHaveText(/Running|Succeeded|Starting/);
  await page.getByTestId('nav-audit').click();
  await expect(page.getByTestId('audit-table').locator('tr[data-type="scheduledRunStarted"]').first()).toContainText('Dr Demo Supervisor');
});

test('waiting runs start by priority; the queued list is reordered and a run cancelled by keyboard alone', async ({ page }) => {
  host = await startBrowserHostProcess({ RPA_SUPERVISOR_BOTS_DIR: queueTestBotsDir });
  await page.goto(host.pageUrl);
  await skipWizard(page);
  await signInToSandbox(page, host);
  await setMaxConcurrentRuns(page, 1);

  await start(page, queueTestBots.screenEntry);
  await expect(page.getByTestId(`bot-status-${queueTestBots.screenEntry}`)).toHaveText('Running');
  await start(page, queueTestBots.archive);
  await start(page, queueTestBots.daily);
  await start(page, queueTestBots.urgent);
  await expect.poll(() => queuedNames(page)).toEqual(['1. Urgent referrals', '2. Daily claims', '3. Archive sweep']);
  await expect(page.getByTestId('queued-runs').getByRole('heading')).toHaveText('Waiting to start (3)');
  await expect(page.getByTestId('queued-runs')).toContainText('Waiting for a free slot');
  // The detail of a run that has not started says how long it has waited, not how long it ran.
  const facts = page.getByTestId('run-log-panel').locator('dl').first();
  await expect(page.getByTestId('run-status')).toHaveText('Queued');
  await expect(facts).toContainText('In the queue for');
  await expect(facts).toContainText('Queued at');
  await expect(facts).not.toContainText('Started');

  // Keyboard only: focus stays on the moved run's Move up, so Enter twice takes it to the front.
  const archiveUp = page.getByRole('button', { name: 'Move up: Archive sweep, place 3' });
  await archiveUp.focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => queuedNames(page)).toEqual(['1. Urgent referrals', '2. Archive sweep', '3. Daily claims']);
  await expect(page.getByRole('button', { name: 'Move up: Archive sweep, place 2' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect.poll(() => queuedNames(page)).toEqual(['1. Archive sweep', '2. Urgent referrals', '3. Daily claims']);
  // At the top Move up is disabled, so focus moves to the run's next control.
  await expect(page.getByRole('button', { name: 'Move down: Archive sweep, place 1' })).toBeFocused();
  await expect(page.getByTestId('queued-runs')).toContainText('Moved by hand');

  // Cancel Daily claims with the keyboard: Tab to its Cancel, Enter; focus goes to the list, not the top of the page.
  await page.getByRole('button', { name: 'Cancel: Daily claims, place 3 in the queue' }).focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => queuedNames(page)).toEqual(['1. Archive sweep', '2. Urgent referrals']);
  await expect(page.getByRole('button', { name: 'Cancel: Urgent referrals, place 2 in the queue' })).toBeFocused();
  await expect(page.getByTestId(`bot-status-${queueTestBots.daily}`)).toHaveText('Stopped', { timeout: 30_000 });

  // The moved low-priority run starts before the high one; the cancelled run never starts.
  await page.getByTestId(`stop-${queueTestBots.screenEntry}`).click();
  await expect(page.getByTestId(`bot-status-${queueTestBots.archive}`)).toHaveText('Running');
  await expect(page.getByTestId(`bot-status-${queueTestBots.urgent}`)).toHaveText('Queued');
  await expect(page.getByTestId(`bot-status-${queueTestBots.daily}`)).toHaveText('Stopped', { timeout: 30_000 });

  await page.getByTestId('nav-audit').click();
  const table = page.getByTestId('audit-table');
  await expect(table.locator('tr[data-type="queuedRunMoved"]')).toHaveCount(2);
  await expect(table.locator('tr[data-type="runEnded"]', { hasText: `Cancelled by ${demoUser.name} while it waited in the queue.` })).toHaveCount(1);
});

test('two bots that use the screen never run at once; the second waits with its reason while a plain bot starts', async ({ page }) => {
  host = await startBrowserHostProcess({ RPA_SUPERVISOR_BOTS_DIR: queueTestBotsDir });
  await page.goto(host.pageUrl);
  await skipWizard(page);
  await signInToSandbox(page, host);

  await expect(page.getByTestId(`bot-exclusive-${queueTestBots.screenEntry}`)).toHaveText('Uses the screen: runs alone');
  await start(page, queueTestBots.screenEntry);
  await expect(page.getByTestId(`bot-status-${queueTestBots.screenEntry}`)).toHaveText('Running');
  await start(page, queueTestBots.screenCheck);
  await start(page, queueTestBots.daily);
  await expect(page.getByTestId(`bot-status-${queueTestBots.daily}`)).toHaveText('Running');
  await expect(page.getByTestId(`bot-status-${queueTestBots.screenCheck}`)).toHaveText('Queued');
  await expect.poll(() => queuedNames(page)).toEqual(['1. Screen check']);
  await expect(page.getByTestId('queued-runs')).toContainText('Waiting for the bot using the screen to finish');

  await page.getByTestId(`stop-${queueTestBots.screenEntry}`).click();
  await expect(page.getByTestId(`bot-status-${queueTestBots.screenCheck}`)).toHaveText('Running');
  await expect(page.getByTestId(`bot-status-${queueTestBots.screenEntry}`)).toHaveText('Stopped', { timeout: 30_000 });
  await expect(page.getByTestId('queued-runs')).toHaveCount(0);
});
