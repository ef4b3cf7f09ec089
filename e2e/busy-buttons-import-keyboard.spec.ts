import { expect, test, type BrowserContext, type FileChooser, type Page } from '@playwright/test';
import { expectAccessibleAtWidths } from './a11y/check-accessibility.js';
import { tabTo } from './a11y/keyboard.js';
import { startBrowserHostProcess, type BrowserHostProcess } from './support/browser-host-process.js';
import { expectNoneDisabled, pressWhileHeld } from './support/busy-button.js';
import { gateCommands, type CommandGate } from './support/command-gate.js';
import { watchForDisabledButtons } from './support/disabled-button-witness.js';
import { skipWizardIfShown } from './support/sign-in.js';

/**
 * Settings → "Import profiles from a file" by keyboard alone, through the browser host, real
 * Chromium and the real core, with the import held on the page's WebSocket
 * (support/command-gate.ts): the control that chooses the file keeps focus while the import is
 * on its way, as every other busy button does (aria-disabled with the progress cursor, never
 * `disabled`, which drops focus to the page); a press meanwhile opens no second file chooser and
 * sends nothing; once imported, focus is still on it, so the next file is one press away.
 */
test.describe.configure({ mode: 'serial', timeout: 120_000 });

let host: BrowserHostProcess;
let context: BrowserContext;
let page: Page;
let gate: CommandGate;

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  host = await startBrowserHostProcess();
  context = await browser.newContext();
  page = await context.newPage();
  await page.setViewportSize({ width: 1024, height: 800 });
  // On every socket the page opens, so installed before the app loads.
  gate = await gateCommands(page);
  await page.goto(host.pageUrl);
  await skipWizardIfShown(page);
});

test.afterAll(async () => {
  await context?.close();
  await host?.stop();
});

const profilesFile = (id: string) => ({
  name: `${id}.json`,
  mimeType: 'application/json',
  buffer: Buffer.from(JSON.stringify({ profiles: [{ id, name: `Clinic ${id}`, preset: 'hcssPartner', clientId: `partner-app-${id}` }] })),
});

test('the import’s “Choose a file” keeps focus while the file is imported; a press meanwhile opens no second chooser', async () => {
  await page.getByTestId('nav-settings').click();
  const disabled = await watchForDisabledButtons(page);
  const choose = page.getByTestId('profile-import-choose');
  await page.getByTestId('profile-import').getByRole('heading').scrollIntoViewIfNeeded();
  await page.evaluate(() => (document.activeElement instanceof HTMLElement ? document.activeElement.blur() : undefined));
  await tabTo(page, choose, 200);

  // Each chooser the page opens gets the file at once, as a person picking it would.
  const choosers: FileChooser[] = [];
  const pick = (chooser: FileChooser) => {
    choosers.push(chooser);
    void chooser.setFiles(profilesFile(`import-${choosers.length}`));
  };
  page.on('filechooser', pick);
  await pressWhileHeld(page, gate, choose, 'importProfiles');
  expect(choosers).toHaveLength(1);
  await expect(page.getByTestId('profile-import-busy')).toHaveText('Importing import-1.json…');
  gate.release('importProfiles');
  await expect(page.getByTestId('profile-import-count')).toHaveText('1 profile imported.');
  await expect(page.getByTestId('profile-import-busy')).toHaveCount(0);
  await expect(page.getByTestId('profile-import-1')).toBeVisible();
  await expect(choose).toBeFocused();
  await expect(choose).not.toHaveAttribute('aria-disabled');

  // The next file: one more press, from where focus was left.
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('profile-import-2')).toBeVisible();
  await expect(choose).toBeFocused();
  page.off('filechooser', pick);
  expect(choosers).toHaveLength(2);
  await expectNoneDisabled(disabled, /^profile-import/);
});

test('the import card passes axe, light and dark, at 1024 and 480 px, while a file is imported', async () => {
  const choose = page.getByTestId('profile-import-choose');
  page.once('filechooser', (chooser) => void chooser.setFiles(profilesFile('import-3')));
  gate.hold('importProfiles');
  await choose.focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => gate.held('importProfiles')).toBe(1);
  await expect(choose).toHaveAttribute('aria-disabled', 'true');
  await expectAccessibleAtWidths(page, 'Settings, a profiles file being imported');
  gate.release('importProfiles');
  await expect(page.getByTestId('profile-import-3')).toBeVisible();
  await expect(choose).not.toHaveAttribute('aria-disabled');
});
