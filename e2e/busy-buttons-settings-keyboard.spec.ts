import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { startBrowserHostProcess, type BrowserHostProcess } from './support/browser-host-process.js';
import { expectNoneDisabled, pressWhileHeld } from './support/busy-button.js';
import { gateCommands, type CommandGate } from './support/command-gate.js';
import { watchForDisabledButtons } from './support/disabled-button-witness.js';
import { partnerProfile } from './support/partner-sandbox-page.js';
import { devScheme, signInToSandbox, skipWizardIfShown } from './support/sign-in.js';
import { testBotsDir } from './support/test-bots.js';

/**
 * A keyboard user presses a button whose command then takes its time (held on the page's
 * WebSocket by support/command-gate.ts), through the browser host, real Chromium and the real
 * core: Settings' Save (bots and policies), the profile editor's Save draft and Save, "Test
 * connection", audit forwarding's Save and Turn off, a bot's schedule Save and "Use the bot's own
 * schedule", the notices' "Dismiss all" and Dismiss, the run log's "Download full log", and
 * Connect a company. Each keeps focus while its command is on its way (aria-disabled with the
 * progress cursor, never `disabled`, which drops focus to the page), a second press sends
 * nothing, and once the command has worked focus is on the button or where the form closed to.
 * The wizard's buttons: busy-buttons-wizard-keyboard.spec.ts; Workers': busy-buttons-workers-keyboard.spec.ts.
 */
test.describe.configure({ mode: 'serial', timeout: 120_000 });

const botId = 'busy-lines';
let host: BrowserHostProcess;
let botsDir: string;
let context: BrowserContext;
let page: Page;
let gate: CommandGate;

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  botsDir = await mkdtemp(join(tmpdir(), 'busy-buttons-bots-'));
  const manifest = { id: botId, name: 'Busy line printer', command: 'node', args: [join(testBotsDir, 'lines-bot.mjs')], profileId: 'sandbox', env: { LINES_TOTAL: '40' } };
  await writeFile(join(botsDir, `${botId}.bot.json`), JSON.stringify(manifest));
  host = await startBrowserHostProcess({ RPA_SANDBOX_PARTNER: '1', RPA_SUPERVISOR_BOTS_DIR: botsDir });
  context = await browser.newContext();
  page = await context.newPage();
  await page.setViewportSize({ width: 1024, height: 800 });
  // On every socket the page opens, so installed before the app loads.
  gate = await gateCommands(page);
  await page.goto(host.pageUrl);
  await skipWizardIfShown(page);
  await signInToSandbox(page, host);
});

test.afterAll(async () => {
  await context?.close();
  await host?.stop();
  if (botsDir) await rm(botsDir, { recursive: true, force: true });
});

test('Settings’ Save for bots and policies keeps focus while it saves', async () => {
  await page.getByTestId('nav-settings').click();
  const disabled = await watchForDisabledButtons(page);
  const save = page.getByTestId('preferences-save');
  await save.focus();
  await pressWhileHeld(page, gate, save, 'savePreferences');
  gate.release('savePreferences');
  await expect(page.getByTestId('preferences').getByText('Saved.', { exact: true })).toBeVisible();
  await expect(save).toBeFocused();
  await expect(save).not.toHaveAttribute('aria-disabled');
  await expectNoneDisabled(disabled, /^preferences-save$/);
});

test('the profile editor’s Save draft and Save keep focus while they save; focus then goes back to the button that opened the editor', async () => {
  await page.getByTestId('nav-settings').click();
  const disabled = await watchForDisabledButtons(page);
  const addProfile = page.getByTestId('add-profile');
  await addProfile.focus();
  await page.keyboard.press('Enter');
  const editor = page.getByTestId('profile-editor');
  await expect(editor.getByTestId('profile-editor-heading')).toBeFocused();
  await editor.getByTestId('profile-redirectMode').getByRole('radio', { name: 'Loopback address' }).check();
  const draft = editor.getByTestId('profile-save-draft');
  await draft.focus();
  await pressWhileHeld(page, gate, draft, 'saveProfile');
  gate.release('saveProfile');
  await expect(editor).toHaveCount(0);
  await expect(addProfile).toBeFocused();

  const edit = page.getByTestId('edit-profile-healthcode-uat');
  await edit.focus();
  await page.keyboard.press('Enter');
  await expect(editor.getByTestId('profile-editor-heading')).toBeFocused();
  await editor.getByTestId('profile-clientId').getByRole('textbox').fill('busy-buttons-client');
  const save = editor.getByTestId('profile-save');
  await save.focus();
  await pressWhileHeld(page, gate, save, 'saveProfile');
  gate.release('saveProfile');
  await expect(editor).toHaveCount(0);
  await expect(page.getByTestId('profile-saved')).toHaveText('Healthcode UAT saved.');
  await expect(edit).toBeFocused();
  await expectNoneDisabled(disabled, /^profile-save/);
});

test('“Test connection” keeps focus while it tests', async () => {
  await page.getByTestId('nav-settings').click();
  const disabled = await watchForDisabledButtons(page);
  const testButton = page.getByTestId('test-connection-sandbox');
  await testButton.focus();
  await pressWhileHeld(page, gate, testButton, 'testConnection');
  gate.release('testConnection');
  await expect(page.getByTestId('connection-result-sandbox')).not.toBeEmpty();
  await expect(testButton).toBeFocused();
  await expect(testButton).not.toHaveAttribute('aria-disabled');
  await expectNoneDisabled(disabled, /^test-connection-/);
});

test('audit forwarding’s Save and Turn off keep focus while they save; Turn off then hands focus to Save', async () => {
  await page.getByTestId('nav-settings').click();
  const disabled = await watchForDisabledButtons(page);
  const panel = page.getByTestId('audit-settings');
  const state = panel.getByTestId('audit-forwarding-status');
  await expect(state).toHaveAttribute('data-state', 'off');
  await panel.getByTestId('audit-forwarding-host').locator('input').fill('127.0.0.1');
  // Nothing listens there: forwarding is on, and retrying, which is all this needs.
  await panel.getByTestId('audit-forwarding-port').locator('input').fill('9');
  const save = panel.getByTestId('audit-forwarding-save');
  await save.focus();
  await pressWhileHeld(page, gate, save, 'saveAuditForwarding');
  gate.release('saveAuditForwarding');
  await expect(state).not.toHaveAttribute('data-state', 'off');
  await expect(save).toBeFocused();

  const off = panel.getByTestId('audit-forwarding-off');
  await off.focus();
  await pressWhileHeld(page, gate, off, 'saveAuditForwarding');
  gate.release('saveAuditForwarding');
  await expect(state).toHaveAttribute('data-state', 'off');
  await expect(off).toHaveCount(0);
  await expect(save).toBeFocused();
  await expectNoneDisabled(disabled, /^audit-forwarding-/);
});

test('a bot’s schedule Save and “Use the bot’s own schedule” keep focus while they save; focus then goes back to the schedule button', async () => {
  await page.getByTestId('nav-overview').click();
  const disabled = await watchForDisabledButtons(page);
  const toggle = page.getByTestId(`schedule-edit-${botId}`);
  await toggle.focus();
  await page.keyboard.press('Enter');
  const cron = page.getByTestId(`schedule-cron-${botId}`).getByRole('textbox');
  await expect(cron).toBeFocused();
  await page.keyboard.insertText('0 7 * * 1-5');
  const save = page.getByTestId(`schedule-save-${botId}`);
  await save.focus();
  await pressWhileHeld(page, gate, save, 'setBotSchedule');
  gate.release('setBotSchedule');
  await expect(page.getByTestId(`schedule-form-${botId}`)).toHaveCount(0);
  await expect(toggle).toBeFocused();

  await page.keyboard.press('Enter');
  const reset = page.getByTestId(`schedule-reset-${botId}`);
  await reset.focus();
  await pressWhileHeld(page, gate, reset, 'setBotSchedule');
  gate.release('setBotSchedule');
  await expect(page.getByTestId(`schedule-form-${botId}`)).toHaveCount(0);
  await expect(toggle).toBeFocused();
  await expectNoneDisabled(disabled, /^schedule-/);
});

test('the notices’ “Dismiss all” and a notice’s Dismiss keep focus while they are sent', async () => {
  const disabled = await watchForDisabledButtons(page);
  const notices = page.locator('.notice-list > .notice');
  // Two notices: a bad manifest in the bots folder, and an app link no sign-in was waiting for.
  await writeFile(join(botsDir, 'broken.bot.json'), '{ "id": "broken" ');
  await expect(page.locator('.notice[data-code="bot_manifest_invalid"]')).toBeVisible();
  await handOffStrayLink();
  const stray = page.locator('.notice[data-code="invalid_redirect"]');
  await expect(stray).toBeVisible();

  const dismissAll = page.getByTestId('dismiss-all-notices');
  await dismissAll.focus();
  await pressWhileHeld(page, gate, dismissAll, 'dismissAllNotices');
  await expect(notices).not.toHaveCount(0);
  gate.release('dismissAllNotices');
  await expect(notices).toHaveCount(0);

  await handOffStrayLink();
  const dismiss = stray.getByRole('button', { name: 'Dismiss' });
  await dismiss.focus();
  await pressWhileHeld(page, gate, dismiss, 'dismissNotice');
  await expect(stray).toBeVisible();
  gate.release('dismissNotice');
  await expect(stray).toHaveCount(0);
  await expectNoneDisabled(disabled, /^(dismiss-all-notices|Dismiss)$/);
  await rm(join(botsDir, 'broken.bot.json'));
});

test('the run log’s “Download full log” keeps focus while the log is fetched', async () => {
  const disabled = await watchForDisabledButtons(page);
  await page.getByTestId(`start-${botId}`).click();
  await expect(page.getByTestId('run-detail-heading')).toHaveText(/Busy line printer/);
  await expect(page.getByTestId('run-status')).toHaveText('Succeeded', { timeout: 30_000 });
  const download = page.getByTestId('log-download-full');
  await download.focus();
  await pressWhileHeld(page, gate, download, 'exportRunLog');
  const saved = page.waitForEvent('download');
  gate.release('exportRunLog');
  await saved;
  await expect(page.getByTestId('log-download-full-feedback')).not.toBeEmpty();
  await expect(download).toBeFocused();
  await expectNoneDisabled(disabled, /^log-download-full$/);
});

test('Connect a company keeps focus while the sign-in is started', async () => {
  await page.getByTestId('nav-settings').click();
  const disabled = await watchForDisabledButtons(page);
  const connect = page.getByTestId('companies').getByRole('button', { name: `Connect a company to ${partnerProfile.name}` });
  await connect.focus();
  await pressWhileHeld(page, gate, connect, 'connectCompany');
  const tabOpened = context.waitForEvent('page');
  gate.release('connectCompany');
  const tab = await tabOpened;
  await tab.close();
  await expect(connect).not.toHaveAttribute('aria-disabled');
  await expect(connect).toBeFocused();
  await expectNoneDisabled(disabled, /^Connect a company/);
});

/** An app link with this build's scheme that no sign-in waits for: the hand-off says it was refused, and the core posts a notice. */
async function handOffStrayLink(): Promise<void> {
  const handoff = await host.handOff(`${devScheme}://auth/callback?code=stray-code&state=no-such-state`);
  expect(handoff.output).toContain('no_pending_sign_in');
}
