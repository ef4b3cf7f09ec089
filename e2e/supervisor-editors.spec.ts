import { expect, test, type Page, type WebSocketRoute } from '@playwright/test';
import type { SupervisorState } from '../app/common/contract.js';
import { expectAccessibleAtWidths } from './a11y/check-accessibility.js';
import { tabTo } from './a11y/keyboard.js';
import { startBrowserHostProcess, type BrowserHostProcess } from './support/browser-host-process.js';
import { signInToSandbox, skipWizardIfShown } from './support/sign-in.js';
import { queueTestBots, queueTestBotsDir } from './support/test-bots.js';
import { setMaxConcurrentRuns } from './support/run-limit.js';

/**
 * The issue-13 editors through the browser host, keyboard only and axe clean (light and dark,
 * 1024 and 480 px): a bot's schedule (its own pattern, off, back to the manifest's), a run's
 * priority when starting (the manifest default marked), global shortcuts (desktop only; the
 * core's `hotkey_invalid` beside its field), the profile's absence policy (and the machine
 * policy's choice shown disabled), and the header's "Waiting for sign-in".
 *
 * Where the browser host cannot show a state for real (shortcuts exist in the desktop app only; a
 * machine policy file; a run waiting for sign-in), the page's state is edited on its WebSocket
 * while every command still goes to the real core.
 */
let host: BrowserHostProcess;
test.describe.configure({ timeout: 180_000 });

test.beforeAll(async () => {
  host = await startBrowserHostProcess({ RPA_SUPERVISOR_BOTS_DIR: queueTestBotsDir });
});

test.afterAll(async () => {
  await host?.stop();
});

async function open(page: Page): Promise<void> {
  await page.goto(host.pageUrl);
  await skipWizardIfShown(page);
  await expect(page.getByTestId('today-summary')).toBeVisible();
}

/** Passes every message through, editing the state the page receives. */
async function editState(page: Page, edit: (state: SupervisorState) => void): Promise<void> {
  await page.routeWebSocket(/\/ws\?/, (ws: WebSocketRoute) => {
    const server = ws.connectToServer();
    ws.onMessage((raw) => server.send(raw));
    server.onMessage((raw) => {
      const message = JSON.parse(String(raw)) as { event?: string; payload?: SupervisorState; value?: Partial<SupervisorState> };
      const state = message.event === 'state' ? message.payload : message.value?.preferences && message.value.host ? (message.value as SupervisorState) : undefined;
      if (state) edit(state);
      ws.send(JSON.stringify(message));
    });
  });
}

test('a bot’s schedule is set, switched off and given back to the manifest, keyboard only, with the core’s message beside the pattern', async ({ page }) => {
  await open(page);
  const bot = queueTestBots.daily;
  const toggle = page.getByTestId(`schedule-edit-${bot}`);
  await expect(toggle).toHaveText('Add a schedule');
  // The link lines up with the card's text, as a link in a sentence would.
  const toggleLeft = await toggle.evaluate((link) => link.getBoundingClientRect().x + Number.parseFloat(getComputedStyle(link).paddingLeft));
  const titleLeft = (await page.getByTestId(`bot-${bot}`).locator('h3').boundingBox())?.x;
  expect(Math.abs(toggleLeft - (titleLeft ?? -100))).toBeLessThanOrEqual(1);
  await tabTo(page, toggle, 80);
  await page.keyboard.press('Enter');
  const pattern = page.getByTestId(`schedule-cron-${bot}`).getByRole('textbox');
  await expect(pattern).toBeFocused();
  await page.keyboard.type('every morning');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId(`schedule-cron-${bot}-error`)).toHaveAttribute('data-code', 'schedule_invalid');
  await expect(pattern).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId(`schedule-form-${bot}`)).toBeVisible();
  await expectAccessibleAtWidths(page, 'overview: schedule editor with an error');

  await pattern.focus();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('0 9 * * 1-5');
  // Past the error's Details toggle to the switch, then to Save.
  await tabTo(page, page.getByTestId(`schedule-enabled-${bot}`), 3);
  await page.keyboard.press('Space');
  await tabTo(page, page.getByTestId(`schedule-save-${bot}`), 2);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId(`schedule-form-${bot}`)).toHaveCount(0);
  await expect(toggle).toBeFocused();
  await expect(page.getByTestId(`bot-schedule-${bot}`)).toHaveText('0 9 * * 1-5 (off) (set in RPA Supervisor)');
  await expect(page.getByTestId(`bot-schedule-next-${bot}`)).toHaveCount(0);

  // On again: the next firing shows; then back to the manifest's, which has none.
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Space');
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId(`bot-schedule-${bot}`)).toHaveText('0 9 * * 1-5 (set in RPA Supervisor)');
  await expect(page.getByTestId(`bot-schedule-next-${bot}`)).toBeVisible();
  await page.keyboard.press('Enter');
  await tabTo(page, page.getByTestId(`schedule-reset-${bot}`));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId(`bot-schedule-${bot}`)).toHaveCount(0);
  await expect(toggle).toHaveText('Add a schedule');
});

test('a run’s priority is chosen when it starts, the manifest’s default marked, and the queue follows it', async ({ page }) => {
  await open(page);
  await signInToSandbox(page, host);
  await setMaxConcurrentRuns(page, 1);

  const urgent = page.getByTestId(`start-priority-${queueTestBots.urgent}`);
  await expect(urgent.locator('option:checked')).toHaveText('High priority (the bot’s default)');
  await expect(page.getByTestId(`start-priority-${queueTestBots.archive}`).locator('option:checked')).toHaveText('Low priority (the bot’s default)');
  await expectAccessibleAtWidths(page, 'overview: start priority');

  await page.getByTestId(`start-${queueTestBots.daily}`).click();
  await expect(page.getByTestId(`bot-status-${queueTestBots.daily}`)).toHaveText('Running');
  // Archive sweep (low by its manifest) raised to high for this run, by keyboard.
  const archive = page.getByTestId(`start-priority-${queueTestBots.archive}`);
  await archive.focus();
  await archive.selectOption('high');
  await page.keyboard.press('Tab');
  await expect(page.getByTestId(`start-${queueTestBots.archive}`)).toBeFocused();
  await page.keyboard.press('Enter');
  await page.getByTestId(`start-${queueTestBots.urgent}`).click();
  const queued = page.locator('[data-testid="queued-runs"] .queued-run');
  await expect(queued).toHaveCount(2);
  // Both high: the earlier one first. After the start the picker is back at the bot's default.
  await expect(queued.nth(0)).toContainText('Archive sweep');
  await expect(queued.nth(0)).toContainText('High priority');
  await expect(archive.locator('option:checked')).toHaveText('Low priority (the bot’s default)');
});

test('global shortcuts: the browser host says they are desktop only; the desktop fields show the core’s hotkey_invalid beside the field', async ({ page }) => {
  await open(page);
  await page.getByTestId('nav-settings').click();
  await expect(page.getByTestId('hotkeys-desktop-only')).toHaveText('Global shortcuts for Pause all and Stop all work in the desktop app only.');

  // The desktop app's view of the same preferences (the core still checks what is saved).
  await editState(page, (state) => {
    state.preferences.hotkeys = { enabled: false, stopAll: 'CommandOrControl+Alt+Shift+S', pauseAll: 'CommandOrControl+Alt+Shift+P', pauseAllOffered: true };
  });
  await page.reload();
  await page.getByTestId('nav-settings').click();
  const enabled = page.getByTestId('hotkeys-enabled');
  await tabTo(page, enabled, 80);
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  const stopAll = page.getByTestId('hotkeys-stopAll').getByRole('textbox');
  await expect(stopAll).toBeFocused();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('S');
  await page.getByTestId('preferences-save').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('hotkeys-stopAll-error')).toContainText('needs at least one modifier');
  await expect(stopAll).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('preferences-error')).toContainText('hotkey_invalid');
  await expectAccessibleAtWidths(page, 'settings: global shortcuts with an error');

  await stopAll.fill('Control+Alt+F9');
  await page.getByTestId('preferences-save').click();
  await expect(page.getByTestId('preferences-error')).toHaveCount(0);
  await expect(page.getByTestId('preferences')).toContainText('Saved');
});

test('the profile’s absence policy is saved, and a machine policy’s choice is shown chosen and disabled', async ({ page }) => {
  await open(page);
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('add-profile').click();
  const editor = page.getByTestId('profile-editor');
  await editor.getByTestId('profile-preset').getByRole('combobox').selectOption('healthcodeProduction');
  await editor.getByTestId('profile-clientId').getByRole('textbox').fill('clinic-rpa');
  // A development build never offers its app link to a live provider: loopback needs nothing more.
  await editor.getByRole('radio', { name: /Loopback address/ }).check();
  const absence = editor.getByTestId('profile-absencePolicy');
  await expect(absence.getByRole('radio', { name: /wait until the supervisor is back/ })).toBeChecked();
  await absence.getByRole('radio', { name: 'Stop running bots' }).focus();
  await page.keyboard.press('Space');
  await expectAccessibleAtWidths(page, 'settings: profile editor with the absence policy');
  await page.getByTestId('profile-save').click();
  await expect(editor).toHaveCount(0);
  await page.getByTestId('edit-profile-healthcode').click();
  await expect(page.getByTestId('profile-absencePolicy').getByRole('radio', { name: 'Stop running bots' })).toBeChecked();

  await editState(page, (state) => {
    state.host.policy.onAbsence = 'wait';
  });
  await page.reload();
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('edit-profile-healthcode').click();
  const forced = page.getByTestId('profile-absencePolicy');
  await expect(forced.getByRole('radio', { name: /wait until the supervisor is back/ })).toBeChecked();
  await expect(forced.getByRole('radio', { name: /wait until the supervisor is back/ })).toBeDisabled();
  await expect(forced.getByRole('radio', { name: 'Stop running bots' })).toBeDisabled();
  await expect(page.getByTestId('profile-absencePolicy-forced')).toContainText('Your organisation’s policy decides this for every profile');
  await expectAccessibleAtWidths(page, 'settings: absence policy set by the machine policy');
});

test('the header says "Waiting for sign-in" for a profile whose runs wait for re-authentication, before any other state', async ({ page }) => {
  await editState(page, (state) => {
    const sandbox = state.sessions.find((session) => session.profileId === 'sandbox');
    if (sandbox) Object.assign(sandbox, { status: 'expired' });
    state.runs.push({ id: 'waiting-run', botId: queueTestBots.daily, botName: 'Daily claims', profileId: 'sandbox', status: 'waitingForSignIn', startedAt: state.at - 60_000 });
  });
  await open(page);
  const header = page.getByTestId('header-session-sandbox');
  await expect(header).toHaveAttribute('data-status', 'waitingForSignIn');
  await expect(header).toHaveClass(/header-session--warning/);
  await expect(page.getByTestId('header-status-sandbox')).toHaveText('Waiting for sign-in — 1 run waits');
  await expect(page.getByTestId('header-reauthenticate-sandbox')).toHaveClass(/button--primary/);
  await expectAccessibleAtWidths(page, 'header: waiting for sign-in');
});
