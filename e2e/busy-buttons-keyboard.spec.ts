import { resolve } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import type { CommandName } from '../app/common/contract.js';
import { expectAccessibleAtWidths } from './a11y/check-accessibility.js';
import { tabTo } from './a11y/keyboard.js';
import { expectNoneDisabled, pressWhileHeld as pressHeld } from './support/busy-button.js';
import { gateCommands, type CommandGate } from './support/command-gate.js';
import { watchForDisabledButtons } from './support/disabled-button-witness.js';
import { setMaxConcurrentRuns } from './support/run-limit.js';
import { logInAndReadAppLink, skipWizardIfShown } from './support/sign-in.js';
import { startSupervisionHost, type Setup } from './support/supervision-host.js';
import { testBotsDir } from './support/test-bots.js';

/**
 * A keyboard user presses a button whose command then takes its time, through the browser host,
 * real Chromium and the real core; the test holds the command on the page's WebSocket for as long
 * as it looks (support/command-gate.ts). The paste-link box's "Use this link", the run detail's
 * Pause, Resume, "Stop at next safe point" and Stop now, a bot's Stop, the queued runs' Move and
 * Cancel, and the confirmation dialog's buttons (Stop all's): each keeps focus while its command
 * is on its way (aria-disabled with the progress cursor, never `disabled`, which drops focus to
 * the page, nor lights up under the pointer), a second press sends nothing, and once the command
 * has worked focus is on the button, or on what now stands where it was.
 */
test.describe.configure({ mode: 'serial', timeout: 180_000 });

const bots = { steps: 'steps-bot', plain: 'plain-bot', question: 'question-bot' } as const;

let setup: Setup;
let page: Page;
let gate: CommandGate;

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  // Presence checks off: a "Still supervising?" must not come up in the middle of a test.
  setup = await startSupervisionHost(browser, resolve(testBotsDir, 'supervision'), { idleAfterMs: 0 });
  page = setup.page;
  // The gate sits on sockets opened after it: the page opens the app again behind it.
  gate = await gateCommands(page);
  await page.setViewportSize({ width: 1024, height: 800 });
  await page.reload();
  await skipWizardIfShown(page);
  await expect(page.getByTestId('session-status-sandbox')).toHaveText(/Active|Expiring soon/);
});

test.afterAll(async () => {
  await setup?.dispose();
});

/** The shared check (support/busy-button.ts) with this file's page and gate. */
const pressWhileHeld = (button: Locator, command: CommandName) => pressHeld(page, gate, button, command);

test('“Use this link” keeps focus while the pasted link is used: on a refusal it stays there, and a link that works hands focus on with the sign-in', async () => {
  const disabled = await watchForDisabledButtons(page);
  const reauthenticate = page.getByTestId('reauthenticate-sandbox');
  const tabOpened = page.context().waitForEvent('page');
  await reauthenticate.focus();
  await page.keyboard.press('Enter');
  const tab = await tabOpened;
  await expect(page.getByTestId('cancel-sign-in-sandbox')).toBeFocused();

  const box = page.getByTestId('paste-link-input-sandbox');
  const use = page.getByTestId('paste-link-submit-sandbox');
  await tabTo(page, box);
  // Our scheme, but not the state this sign-in waits for: refused by the core.
  await page.keyboard.insertText('uk.co.rpasupervisor.dev://auth/callback?code=forged-code&state=not-the-state');
  await page.keyboard.press('Tab');
  await pressWhileHeld(use, 'openPastedLink');
  gate.release('openPastedLink');
  await expect(page.getByTestId('paste-link-error-sandbox')).toHaveAttribute('data-code', 'state_mismatch');
  await expect(use).toBeFocused();
  await expect(use).not.toHaveAttribute('aria-disabled');
  await expect(box).toHaveValue('');

  // The real link: the box goes with the waiting sign-in, and focus follows it to the card's heading.
  const link = await logInAndReadAppLink(tab);
  await tab.close();
  await page.bringToFront();
  await box.focus();
  await page.keyboard.insertText(link);
  await page.keyboard.press('Tab');
  await expect(use).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('session-status-sandbox')).toHaveText(/Active|Expiring soon/);
  await expect(page.getByTestId('session-card-sandbox').getByRole('heading', { name: 'Local sandbox' })).toBeFocused();
  await expectNoneDisabled(disabled, /^paste-link-submit/);
});

test('the run detail’s Pause, Resume and “Stop at next safe point” keep focus while they are sent', async () => {
  const disabled = await watchForDisabledButtons(page);
  const start = page.getByTestId(`start-${bots.steps}`);
  await tabTo(page, start, 120);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('run-detail-heading')).toHaveText(/Claims batch/);
  await expect(page.getByTestId('run-log')).toContainText('step 2');

  const pause = page.getByTestId('run-pause');
  await tabTo(page, pause, 80);
  await pressWhileHeld(pause, 'pauseRun');
  await expectAccessibleAtWidths(page, 'run detail: Pause on its way');
  await page.setViewportSize({ width: 1024, height: 800 });
  await expect(pause).toBeFocused();
  gate.release('pauseRun');
  await expect(page.getByTestId('run-status')).toHaveText('Paused');
  const resume = page.getByTestId('run-resume');
  await expect(resume).toBeFocused();

  await pressWhileHeld(resume, 'resumeRun');
  gate.release('resumeRun');
  await expect(page.getByTestId('run-status')).toHaveText('Running');
  await expect(pause).toBeFocused();

  const stopSafe = page.getByTestId('run-stop-safe');
  await page.keyboard.press('Tab');
  await pressWhileHeld(stopSafe, 'stopRunAtSafePoint');
  gate.release('stopRunAtSafePoint');
  await expect(page.getByTestId('run-log')).toContainText('stop requested: cleaning up at a safe point');
  await expect(page.getByTestId('run-status')).toHaveText('Stopped', { timeout: 30_000 });
  // The run's controls went with it: focus is on Run again, not at the top of the page.
  await expect(page.getByTestId('run-again')).toBeFocused();
  await expectNoneDisabled(disabled, /^run-(pause|resume|stop)$/);
});

test('a bot’s Stop keeps focus while it is sent, and hands it to Start once the run has stopped', async () => {
  const disabled = await watchForDisabledButtons(page);
  const start = page.getByTestId(`start-${bots.plain}`);
  const stop = page.getByTestId(`stop-${bots.plain}`);
  await tabTo(page, start, 120);
  await page.keyboard.press('Enter');
  await expect(stop).toBeFocused();
  await pressWhileHeld(stop, 'stopRun');
  gate.release('stopRun');
  await expect(page.getByTestId(`bot-status-${bots.plain}`)).toHaveText('Stopped', { timeout: 30_000 });
  await expect(start).toBeFocused();
  await expectNoneDisabled(disabled, /^stop-/);
});

test('the run detail’s Stop now keeps focus while it is sent, and hands it to Run again once the run has stopped', async () => {
  const disabled = await watchForDisabledButtons(page);
  await page.getByTestId(`start-${bots.plain}`).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('run-detail-heading')).toHaveText(/Report printer/);
  await expect(page.getByTestId('run-status')).toHaveText('Running');
  const stopNow = page.getByTestId('run-stop');
  await tabTo(page, stopNow, 80);
  await pressWhileHeld(stopNow, 'stopRun');
  gate.release('stopRun');
  await expect(page.getByTestId('run-status')).toHaveText('Stopped', { timeout: 30_000 });
  await expect(page.getByTestId('run-again')).toBeFocused();
  await expectNoneDisabled(disabled, /^run-stop$/);
});

test('at 480 px, the queued runs’ Move down and Cancel keep focus while they are sent; focus stays with the run moved, then goes to the next run’s Cancel, then to Start', async () => {
  await setMaxConcurrentRuns(page, 1);
  await page.setViewportSize({ width: 480, height: 800 });
  const disabled = await watchForDisabledButtons(page);
  await page.getByTestId(`start-${bots.plain}`).click();
  await expect(page.getByTestId(`bot-status-${bots.plain}`)).toHaveText('Running');
  await page.getByTestId(`start-${bots.steps}`).click();
  await page.getByTestId(`start-${bots.question}`).click();
  const names = page.locator('[data-testid="queued-runs"] .queued-run__name');
  await expect(names).toHaveText(['1. Claims batch', '2. Remittance poster']);

  const down = page.getByRole('button', { name: 'Move down: Claims batch, place 1' });
  await tabTo(page, down, 120);
  await pressWhileHeld(down, 'moveQueuedRun');
  // While the move is on its way none of the list's buttons is off (Move up at the top, and Move down at the bottom, are by place).
  await expectNoneDisabled(disabled, /^queued-/);
  await expectAccessibleAtWidths(page, 'queued runs: Move down on its way');
  await page.setViewportSize({ width: 480, height: 800 });
  await expect(down).toBeFocused();
  gate.release('moveQueuedRun');
  await expect(names).toHaveText(['1. Remittance poster', '2. Claims batch']);
  // Last in the list, its Move down is off: focus is on its Move up.
  await expect(page.getByRole('button', { name: 'Move up: Claims batch, place 2' })).toBeFocused();

  const cancelFirst = page.getByRole('button', { name: 'Cancel: Remittance poster, place 1 in the queue' });
  // Back one control, to the run before it.
  await page.keyboard.press('Shift+Tab');
  await expect(cancelFirst).toBeFocused();
  await pressWhileHeld(cancelFirst, 'cancelQueuedRun');
  gate.release('cancelQueuedRun');
  await expect(names).toHaveText(['1. Claims batch']);
  const cancelLast = page.getByRole('button', { name: 'Cancel: Claims batch, place 1 in the queue' });
  await expect(cancelLast).toBeFocused();

  await pressWhileHeld(cancelLast, 'cancelQueuedRun');
  gate.release('cancelQueuedRun');
  await expect(page.getByTestId('queued-runs')).toHaveCount(0);
  // The list went with its last run: focus is on that bot's Start, where it can be started again.
  await expect(page.getByTestId(`start-${bots.steps}`)).toBeFocused();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(480);
  await expectNoneDisabled(disabled, /^queued-cancel-/);
  await page.setViewportSize({ width: 1024, height: 800 });
});

test('the confirmation dialog’s buttons keep focus while Stop all works; Escape and Keep running wait for it; focus then returns to Stop all', async () => {
  const disabled = await watchForDisabledButtons(page);
  // Something to stop (running, or queued behind the last test's run), so the dialog offers Keep running.
  await page.getByTestId(`start-${bots.steps}`).click();
  await expect(page.getByTestId(`bot-status-${bots.steps}`)).toHaveText(/Running|Queued/);
  const stopAll = page.getByTestId('stop-all');
  await stopAll.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByTestId('stop-all-dialog');
  const keepRunning = dialog.getByRole('button', { name: 'Keep running' });
  const confirm = dialog.getByRole('button', { name: 'Stop all and sign out' });
  await expect(keepRunning).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await pressWhileHeld(confirm, 'stopAll');

  await page.keyboard.press('Escape');
  await expect(dialog).toBeVisible();
  await expect(confirm).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(keepRunning).toBeFocused();
  await expect(keepRunning).toHaveAttribute('aria-disabled', 'true');
  await page.keyboard.press('Enter');
  await expect(dialog).toBeVisible();
  await expect(keepRunning).toBeFocused();
  await expectAccessibleAtWidths(page, 'Stop all on its way');
  await page.setViewportSize({ width: 1024, height: 800 });

  gate.release('stopAll');
  await expect(dialog).toBeHidden();
  await expect(page.getByText('All bots were stopped and every provider is signed out.')).toBeVisible();
  await expect(stopAll).toBeFocused();
  expect(gate.invoked('stopAll')).toBe(1);
  await expectNoneDisabled(disabled, /^(Stop all and sign out|Keep running)$/);
});
