import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { startBrowserHostProcess, type BrowserHostProcess } from './support/browser-host-process.js';
import { expectNoneDisabled, pressWhileHeld } from './support/busy-button.js';
import { gateCommands, type CommandGate } from './support/command-gate.js';
import { watchForDisabledButtons } from './support/disabled-button-witness.js';
import { openWizard } from './support/open-wizard.js';

/**
 * The first-run wizard's buttons by keyboard while their command takes its time (held on the
 * page's WebSocket by support/command-gate.ts), through the browser host, real Chromium and the
 * real core: the self-test's start, Save draft, Next (which saves the client details), Skip and
 * Finish. Each keeps focus while its command is on its way (aria-disabled with the progress
 * cursor, never `disabled`, which drops focus to the page), a second press sends nothing, and
 * once it has worked focus is on the next step's heading, or at the start of the app's content.
 */
test.describe.configure({ mode: 'serial', timeout: 120_000 });

let host: BrowserHostProcess;
let context: BrowserContext;
let page: Page;
let gate: CommandGate;

test.beforeAll(async ({ browser }) => {
  host = await startBrowserHostProcess();
  context = await browser.newContext({ viewport: { width: 1024, height: 800 } });
  page = await context.newPage();
  // On every socket the page opens, so installed before the app loads.
  gate = await gateCommands(page);
  await page.goto(host.pageUrl);
});

test.afterAll(async () => {
  await context?.close();
  await host?.stop();
});

const wizard = () => page.getByTestId('wizard');
const stepTitle = () => page.getByTestId('wizard-step-title');

test('the self-test’s start and Skip keep focus while they are sent; Skip then leaves focus at the start of the content', async () => {
  await expect(wizard()).toBeVisible();
  await page.getByRole('radio', { name: 'Local sandbox (try it out)' }).check();
  for (const title of ['Register the redirect URI with the provider', 'The Local sandbox needs no details', 'Check that sign-ins can come back']) {
    await page.getByTestId('wizard-next').click();
    await expect(stepTitle()).toHaveText(title);
  }
  const disabled = await watchForDisabledButtons(page);
  const start = page.getByTestId('self-test-start');
  await start.focus();
  await pressWhileHeld(page, gate, start, 'startSelfTest');
  gate.release('startSelfTest');
  await expect(page.getByTestId('self-test-status')).toHaveAttribute('data-status', 'waiting');
  await expect(start).toBeFocused();
  await expect(start).not.toHaveAttribute('aria-disabled');

  const skip = page.getByTestId('wizard-skip');
  await skip.focus();
  await pressWhileHeld(page, gate, skip, 'savePreferences');
  await expect(wizard()).toBeVisible();
  gate.release('savePreferences');
  await expect(wizard()).toHaveCount(0);
  await expect(page.locator('main')).toBeFocused();
  await expectNoneDisabled(disabled, /^(self-test-start|wizard-)/);
});

test('Save draft and Next keep focus while the profile is saved, then the next step’s heading has it; Finish keeps it until the wizard closes', async () => {
  await openWizard(page);
  await page.getByRole('radio', { name: 'Healthcode UAT (test)' }).check();
  await page.getByTestId('wizard-next').click();
  await expect(stepTitle()).toHaveText('Register the redirect URI with the provider');
  await page.getByRole('radio', { name: 'Loopback address' }).check();
  await page.getByTestId('wizard-next').click();
  await expect(stepTitle()).toHaveText('Enter the details the provider gave you');

  const disabled = await watchForDisabledButtons(page);
  const draft = page.getByTestId('wizard-save-draft');
  await draft.focus();
  await pressWhileHeld(page, gate, draft, 'saveProfile');
  await expect(stepTitle()).toHaveText('Enter the details the provider gave you');
  gate.release('saveProfile');
  await expect(stepTitle()).toHaveText('Check that sign-ins can come back');
  await expect(stepTitle()).toBeFocused();
  await expect(page.getByTestId('wizard-draft-saved')).toContainText('saved as a draft');

  // Back to the client details, now with a client id: Next saves them.
  await page.getByTestId('wizard-back').click();
  await expect(stepTitle()).toHaveText('Enter the details the provider gave you');
  await page.getByTestId('wizard-clientId').getByRole('textbox').fill('busy-buttons-wizard');
  const next = page.getByTestId('wizard-next');
  await next.focus();
  await pressWhileHeld(page, gate, next, 'saveProfile');
  await expect(stepTitle()).toHaveText('Enter the details the provider gave you');
  gate.release('saveProfile');
  await expect(stepTitle()).toHaveText('Check that sign-ins can come back');
  await expect(stepTitle()).toBeFocused();
  expect(gate.invoked('saveProfile')).toBe(2);

  await next.click();
  await expect(stepTitle()).toHaveText('Sign in');
  const finish = page.getByTestId('wizard-finish');
  await finish.focus();
  await pressWhileHeld(page, gate, finish, 'savePreferences');
  await expect(wizard()).toBeVisible();
  gate.release('savePreferences');
  await expect(wizard()).toHaveCount(0);
  await expect(page.locator('main')).toBeFocused();
  await expectNoneDisabled(disabled, /^wizard-/);
});
