import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { expectAccessibleAtWidths } from './a11y/check-accessibility.js';
import { tabTo } from './a11y/keyboard.js';
import { startBrowserHostProcess, type BrowserHostProcess } from './support/browser-host-process.js';
import { skipWizardIfShown } from './support/sign-in.js';

/**
 * The profile editor's "Use the browser's existing provider sign-in" (`reuseBrowserSignIn`,
 * docs/providers.md section 4), through the browser host and keyboard only: off for a new profile,
 * turned on and off and kept across a reload; then, after the host restarts on the same data folder
 * under a machine policy that asks who signs in (`supervision.askWhoSignsIn`), shown off and
 * disabled with the reason, while the profile keeps its own setting. The profile's card says
 * which applies throughout. Axe clean, light and dark, at 1024 and 480 px.
 */
let host: BrowserHostProcess | undefined;
let dataDir: string;
let policyDir: string;
const optionName = /Use the browser’s existing provider sign-in/;
/** The profile card's "Sign in" line: what applies, seen without opening the editor. */
const cardLine = (page: Page) => page.getByTestId('profile-sign-in-mode-healthcode');

test.describe.configure({ mode: 'serial', timeout: 180_000 });

test.beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'rpa-browser-sign-in-e2e-'));
  policyDir = mkdtempSync(join(tmpdir(), 'rpa-browser-sign-in-policy-'));
  host = await startBrowserHostProcess({ RPA_SUPERVISOR_DATA_DIR: dataDir });
});

test.afterAll(async () => {
  await host?.stop();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(policyDir, { recursive: true, force: true });
});

async function openSettings(page: Page): Promise<void> {
  if (!host) throw new Error('the browser host is not running');
  await page.goto(host.pageUrl);
  await skipWizardIfShown(page);
  await page.getByTestId('nav-settings').click();
}

/** Opens the profile's Edit, as a keyboard user would, and waits for focus in the form. */
async function editByKeyboard(page: Page): Promise<void> {
  const edit = page.getByTestId('edit-profile-healthcode');
  await edit.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('profile-editor-heading')).toBeFocused();
}

/** Nothing wider than the window at 1024 and at 480 px; the page is left at 1280 px. */
async function expectNoSidewaysScroll(page: Page, screen: string): Promise<void> {
  for (const width of [1024, 480]) {
    await page.setViewportSize({ width, height: 800 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${screen} is wider than the ${width} px window`).toBeLessThanOrEqual(0);
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

/** Saves the open editor with the keyboard and waits for it to close. */
async function saveByKeyboard(page: Page): Promise<void> {
  await tabTo(page, page.getByTestId('profile-save'));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('profile-editor')).toHaveCount(0);
  await expect(page.getByTestId('profile-saved')).toHaveText('Healthcode saved.');
}

test('a new profile asks who signs in; the admin turns reuse of the browser’s sign-in on and off by keyboard, and it is kept', async ({ page }) => {
  await openSettings(page);
  await page.getByTestId('add-profile').click();
  const editor = page.getByTestId('profile-editor');
  await editor.getByTestId('profile-preset').getByRole('combobox').selectOption('healthcodeProduction');
  await editor.getByTestId('profile-clientId').getByRole('textbox').fill('clinic-rpa');
  // A development build never offers its app link to a live provider: loopback needs nothing more.
  await editor.getByRole('radio', { name: /Loopback address/ }).check();

  const option = editor.getByRole('checkbox', { name: optionName });
  await expect(option).not.toBeChecked();
  await expect(option).toBeEnabled();
  await expect(option).toHaveAccessibleDescription(/Leave this off on a computer staff share/);
  await expect(editor.getByTestId('profile-reuseBrowserSignIn-forced')).toHaveCount(0);
  await editor.getByTestId('profile-editor-heading').focus();
  await tabTo(page, option);
  await page.keyboard.press('Space');
  await expect(option).toBeChecked();
  await expectAccessibleAtWidths(page, 'settings: profile editor, browser sign-in reused');
  await saveByKeyboard(page);
  await expect(cardLine(page)).toHaveText('Uses the browser’s existing sign-in (one-person computer)');
  await expect(page.getByTestId('profile-healthcode').getByRole('term').filter({ hasText: /^Sign in$/ })).toHaveCount(1);
  // Axe checks this card under the machine policy below, the same screen with another line;
  // this, the longer line, must fit too.
  await expectNoSidewaysScroll(page, 'settings: profile card, browser sign-in reused');

  await page.reload();
  await page.getByTestId('nav-settings').click();
  await editByKeyboard(page);
  const reopened = page.getByTestId('profile-editor').getByRole('checkbox', { name: optionName });
  await expect(reopened).toBeChecked();
  await tabTo(page, reopened);
  await page.keyboard.press('Space');
  await expect(reopened).not.toBeChecked();
  await saveByKeyboard(page);
  await expect(cardLine(page)).toHaveText('Asks who is signing in');

  await page.reload();
  await page.getByTestId('nav-settings').click();
  await editByKeyboard(page);
  const again = page.getByTestId('profile-editor').getByRole('checkbox', { name: optionName });
  await expect(again).not.toBeChecked();
  // On again, for the machine policy below to overrule.
  await tabTo(page, again);
  await page.keyboard.press('Space');
  await expect(again).toBeChecked();
  await saveByKeyboard(page);
});

test('under a machine policy that asks who signs in, the option is shown off and disabled with the reason, and the profile keeps its own setting', async ({ page }) => {
  await host?.stop();
  host = undefined;
  const policyFile = join(policyDir, 'policy.json');
  writeFileSync(policyFile, JSON.stringify({ version: 1, allowUserProfiles: true, supervision: { askWhoSignsIn: true } }));
  chmodSync(policyFile, 0o644);
  host = await startBrowserHostProcess({ RPA_SUPERVISOR_DATA_DIR: dataDir, RPA_SUPERVISOR_POLICY_FILE: policyFile });

  await openSettings(page);
  // The profile still says reuse; the card says what applies, and why.
  await expect(cardLine(page)).toHaveText('Asks who is signing in (organisation policy)');
  await expectAccessibleAtWidths(page, 'settings: profile card under a machine policy that asks');
  await editByKeyboard(page);
  const editor = page.getByTestId('profile-editor');
  const option = editor.getByRole('checkbox', { name: optionName });
  await expect(option).not.toBeChecked();
  await expect(option).toBeDisabled();
  const forced = editor.getByTestId('profile-reuseBrowserSignIn-forced');
  await expect(forced).toHaveText('Your organisation’s policy makes every sign-in on this computer ask who is signing in, so this cannot be turned on.');
  await expect(option).toHaveAccessibleDescription(/Your organisation’s policy makes every sign-in on this computer ask who is signing in/);
  await expectAccessibleAtWidths(page, 'settings: browser sign-in option under a machine policy that asks');

  // The disabled box is passed over; the rest of the form still saves by keyboard.
  const warning = editor.getByTestId('profile-warningMinutes').getByRole('textbox');
  await tabTo(page, warning);
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('30, 5');
  await saveByKeyboard(page);
  const stored = JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8')) as { profiles?: { profiles?: { id: string; warningMinutes: number[]; reuseBrowserSignIn?: boolean }[] } };
  const profile = stored.profiles?.profiles?.find((candidate) => candidate.id === 'healthcode');
  expect(profile?.warningMinutes).toEqual([30, 5]);
  // The policy decides what applies; the profile's own choice is there again if the policy goes.
  expect(profile?.reuseBrowserSignIn).toBe(true);
  await expect(cardLine(page)).toHaveText('Asks who is signing in (organisation policy)');
});
