import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { seriousViolations } from './a11y/check-accessibility.js';
import { startBrowserHostProcess, type BrowserHostProcess } from './support/browser-host-process.js';
import { skipWizard } from './support/sign-in.js';

/**
 * The retention period in the profile editor, through the browser host: what cannot be a number
 * of days is refused beside the field with its code (never guessed: "-5" is not 5 days); the
 * core's limits appear beside it too; a shorter period is saved only after a confirmation that
 * says what will be deleted, for good; a longer one says nothing comes back; and a period the
 * machine policy sets is shown locked, with why.
 */
let host: BrowserHostProcess;
let policyHost: BrowserHostProcess;
let policyDir: string;

test.describe.configure({ timeout: 120_000 });

test.beforeAll(async () => {
  policyDir = mkdtempSync(join(tmpdir(), 'rpa-retention-e2e-'));
  const policyFile = join(policyDir, 'policy.json');
  writeFileSync(policyFile, JSON.stringify({ version: 1, patientData: { retentionDays: 14 } }));
  chmodSync(policyFile, 0o644);
  [host, policyHost] = await Promise.all([startBrowserHostProcess(), startBrowserHostProcess({ RPA_SUPERVISOR_POLICY_FILE: policyFile })]);
});

test.afterAll(async () => {
  await Promise.all([host?.stop(), policyHost?.stop()]);
  if (policyDir) rmSync(policyDir, { recursive: true, force: true });
});

const editor = (page: Page) => page.getByTestId('profile-editor');
const retention = (page: Page) => page.getByTestId('profile-retentionDays');

async function addProfile(page: Page, target: BrowserHostProcess): Promise<void> {
  await page.goto(target.pageUrl);
  await skipWizard(page);
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('add-profile').click();
  await editor(page).getByTestId('profile-preset').getByRole('combobox').selectOption('healthcodeProduction');
  await editor(page).getByTestId('profile-clientId').getByRole('textbox').fill('clinic-rpa');
  await editor(page).getByRole('radio', { name: /Loopback address/ }).check();
}

/** seriousViolations checks the light and the dark colour scheme itself, and leaves the page light. */
async function expectAccessibleAtWidths(page: Page, screen: string): Promise<void> {
  for (const width of [1024, 480]) {
    await page.setViewportSize({ width, height: 800 });
    expect(await seriousViolations(page, `${screen} at ${width} px`)).toEqual([]);
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

test('a retention period that is not a number of days is refused beside the field; a shorter one is saved only once the deletion is confirmed', async ({ page }) => {
  await addProfile(page, host);
  await expect(retention(page)).toHaveValue('30');
  await page.getByTestId('profile-save').click();
  await expect(editor(page)).toHaveCount(0);

  await page.getByTestId('edit-profile-healthcode').click();
  const error = page.getByTestId('profile-retentionDays-error');
  // Typed as it is, and refused by the page with its code: not quietly 5 days, 13 days or 0.
  for (const typed of ['-5', '1e3', 'thirty', '']) {
    await retention(page).fill(typed);
    await expect(retention(page)).toHaveValue(typed);
    await page.getByTestId('profile-save').click();
    await expect(error).toHaveAttribute('data-code', 'retention_days_invalid');
    await expect(error).toContainText('Enter the number of days as a whole number from 1 to 3,650, for example 30.');
    await expect(retention(page)).toHaveAttribute('aria-invalid', 'true');
    await expect(retention(page)).toBeFocused();
  }
  // The core's limits, beside the field too.
  await retention(page).fill('0');
  await page.getByTestId('profile-save').click();
  await expect(error).toHaveText('The retention period must be at least 1 day.');
  await retention(page).fill('99999');
  await page.getByTestId('profile-save').click();
  await expect(error).toHaveText('The retention period must be at most 3,650 days.');
  await expectAccessibleAtWidths(page, 'settings: retention period refused');

  // Shorter: nothing is saved until the deletion is confirmed; Escape keeps editing.
  await retention(page).fill('7');
  await page.getByTestId('profile-save').click();
  const dialog = page.getByTestId('retention-shortening-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('heading')).toHaveText('Delete run logs and files older than 7 days?');
  await expect(dialog).toContainText('This profile keeps run logs and the files its bots attached for 30 days. With 7 days, those of its runs that ended more than 7 days ago are deleted for good');
  await expect(dialog).toContainText('cannot be brought back');
  await expect(dialog.getByRole('button', { name: 'Keep editing' })).toBeFocused();
  await expectAccessibleAtWidths(page, 'settings: confirm a shorter retention period');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(editor(page)).toBeVisible();
  await expect(retention(page)).toHaveValue('7');

  await page.getByTestId('profile-save').click();
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Shift+Tab');
  await expect(dialog.getByRole('button', { name: 'Save and delete older logs' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(editor(page)).toHaveCount(0);
  await page.getByTestId('edit-profile-healthcode').click();
  await expect(retention(page)).toHaveValue('7');

  // Longer: saved without a question, and the hint says logs already deleted do not come back.
  await retention(page).fill('60');
  await expect(page.getByTestId('profile-retentionDays-hint')).toContainText('logs already deleted do not come back');
  await page.getByTestId('profile-save').click();
  await expect(editor(page)).toHaveCount(0);
  await expect(dialog).toBeHidden();
  await page.getByTestId('edit-profile-healthcode').click();
  await expect(retention(page)).toHaveValue('60');
});

test('a retention period the machine policy sets is shown locked, with why', async ({ page }) => {
  await addProfile(page, policyHost);
  await expect(retention(page)).toHaveValue('14');
  await expect(retention(page)).toBeDisabled();
  await expect(page.getByTestId('profile-retentionDays-hint')).toHaveText('Set by your administrator for every profile, so it cannot be changed here.');
  await expect(retention(page)).toHaveAccessibleDescription(/Set by your administrator for every profile/);
  await page.getByTestId('profile-save').click();
  // Saved without a question: the policy's period applies whatever the profile says.
  await expect(editor(page)).toHaveCount(0);
});
