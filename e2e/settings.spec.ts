import { expect, test, type Page } from '@playwright/test';
import { startBrowserHostProcess, type BrowserHostProcess } from './support/browser-host-process.js';
import { skipWizard } from './support/sign-in.js';

/**
 * Settings through the browser host: the profile editor with the core's validation messages
 * beside the fields, import from a JSON file with per-entry problems, a locked profile shown
 * read-only, deleting with confirmation, and the bots and policies form.
 */
let host: BrowserHostProcess;
let page: Page;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  host = await startBrowserHostProcess();
  page = await browser.newPage();
  await page.goto(host.pageUrl);
  await skipWizard(page);
  await page.getByTestId('nav-settings').click();
});

test.afterAll(async () => {
  await page?.close();
  await host?.stop();
});

const editor = () => page.getByTestId('profile-editor');
const field = (name: string) => editor().getByTestId(`profile-${name}`);

test('the profile editor shows the core’s messages beside the fields, then saves', async () => {
  await page.getByTestId('add-profile').click();
  await field('preset').getByRole('combobox').selectOption('healthcodeProduction');
  await expect(field('issuer').getByRole('textbox')).toHaveValue('https://auth.healthcode.co.uk');
  await expect(field('id').getByRole('textbox')).toHaveValue('healthcode');
  // A development build never offers a live provider its app link (uk.co.rpasupervisor.dev://…).
  await expect(field('redirectMode').getByRole('radio', { name: 'App link' })).toHaveCount(0);
  await expect(editor().getByTestId('profile-dev-scheme-withheld')).toContainText('must never be registered with a live provider');
  await expect(field('redirectMode').getByRole('radio', { name: 'https bounce page' })).toBeChecked();
  await field('redirectMode').getByRole('radio', { name: 'Loopback address' }).check();

  // No client id: refused by the core, with the message beside the field.
  await page.getByTestId('profile-save').click();
  await expect(field('clientId').getByTestId('profile-clientId-error')).toBeVisible();
  await expect(field('clientId').getByRole('textbox')).toHaveAttribute('aria-invalid', 'true');
  await expect(field('clientId').getByRole('textbox')).toBeFocused();
  await expect(page.getByTestId('profile-error')).toContainText('Error code: profile_invalid');

  await field('clientId').getByRole('textbox').fill('clinic-rpa');
  await page.getByTestId('profile-save').click();
  await expect(editor()).toHaveCount(0);
  await expect(page.getByTestId('profile-saved')).toHaveText('Healthcode saved.');
  await expect(page.getByTestId('profile-redirect-uri-healthcode')).toHaveText('http://127.0.0.1/callback');

  // A bounce page must be https: the core says so beside the URL field.
  await page.getByTestId('edit-profile-healthcode').click();
  await field('redirectMode').getByRole('radio', { name: 'https bounce page' }).check();
  await field('bounceUrl').getByRole('textbox').fill('http://intranet.example.org/rpa');
  await page.getByTestId('profile-save').click();
  await expect(field('bounceUrl').getByTestId('profile-bounceUrl-error')).toBeVisible();
  await field('bounceUrl').getByRole('textbox').fill('https://intranet.example.org/rpa');
  await page.getByTestId('profile-save').click();
  await expect(editor()).toHaveCount(0);
  await expect(page.getByTestId('profile-redirect-uri-healthcode')).toHaveText('https://intranet.example.org/rpa');
});

test('the editor’s field messages and summary read as sentences; a client id with spaces is refused; focus goes into the form and back', async () => {
  const add = page.getByTestId('add-profile');
  await add.click();
  // Focus moves into the form as it opens, so the next Tab is in it.
  await expect(editor().getByTestId('profile-editor-heading')).toBeFocused();
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => Boolean(document.activeElement?.closest('[data-testid="profile-editor"]')))).toBe(true);

  await field('preset').getByRole('combobox').selectOption('custom');
  await field('id').getByRole('textbox').fill('bad id!');
  await field('issuer').getByRole('textbox').fill('http://idp.example.org');
  await field('clientId').getByRole('textbox').fill('  my client id ');
  await page.getByTestId('profile-save').click();
  await expect(field('id').getByTestId('profile-id-error')).toContainText('The profile id must be 1 to 64 letters, digits, dots, dashes or underscores, with no spaces.');
  await expect(field('issuer').getByTestId('profile-issuer-error')).toContainText('The issuer URL must start with https:// (plain http:// is allowed only for 127.0.0.1, this computer).');
  await expect(field('clientId').getByTestId('profile-clientId-error')).toContainText('The client id must not contain spaces, tabs, line breaks or control characters');
  const summary = page.getByTestId('profile-error');
  await expect(summary).toContainText('The profile was not saved: the profile id must be 1 to 64 letters');
  await expect(summary).toContainText('the issuer URL must start with https://');
  await expect(summary).toContainText('the client id must not contain spaces');
  await expect(editor()).not.toContainText(/ use (letters|an https)/);

  // Cancel: focus back on the button that opened the form.
  await editor().getByRole('button', { name: 'Cancel' }).click();
  await expect(editor()).toHaveCount(0);
  await expect(add).toBeFocused();
});

test('Settings names this installation’s data folder, where its settings, logs and audit trail are', async () => {
  await page.getByTestId('nav-settings').click();
  await expect(page.getByTestId('host-data-dir')).toHaveText(host.dataDir);
});

test('profiles import from a JSON file; problems are listed and a locked profile is read-only', async () => {
  const file = JSON.stringify({
    profiles: [
      { id: 'hcss-locked', name: 'HCSS (managed)', preset: 'hcssPartner', clientId: 'partner-app', locked: true },
      { id: 'broken', name: 'Broken', preset: 'custom', issuer: 'https://idp.example.org' },
    ],
  });
  await page.getByTestId('profile-import-file').setInputFiles({ name: 'profiles.json', mimeType: 'application/json', buffer: Buffer.from(file) });
  await expect(page.getByTestId('profile-import-count')).toHaveText('1 profile imported.');
  // Named by what the file calls it, in the editor's words (never "Profile 2", never zod's).
  await expect(page.getByTestId('profile-import-errors')).toContainText('“Broken” (broken): The client id is required.');

  const locked = page.getByTestId('profile-hcss-locked');
  await expect(locked.getByTestId('profile-locked-hcss-locked')).toHaveText('Locked by your organisation');
  await expect(locked).toContainText('This profile is managed by policy and is shown read-only.');
  await expect(locked.getByRole('button', { name: /Edit|Delete/ })).toHaveCount(0);
  // A partner profile brings the HCSS companies panel, empty for now, saying what to do.
  await expect(page.getByTestId('companies')).toContainText(/No companies are connected to .+ yet\./);

  // Not JSON at all: the catalogue message, with its code.
  await page.getByTestId('profile-import-file').setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('not json') });
  await expect(page.getByTestId('profile-import-error')).toContainText('Error code: profiles_import_invalid');
});

test('an import flags a client id with spaces and a plain-http issuer in sentences', async () => {
  const file = JSON.stringify({
    profiles: [
      { id: 'spaced', name: 'Spaced', preset: 'custom', issuer: 'https://idp.example.org', clientId: 'a b' },
      { id: 'plain', name: 'Plain', preset: 'custom', issuer: 'http://idp.example.org', clientId: 'plain-app' },
    ],
  });
  await page.getByTestId('profile-import-file').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(file) });
  const problems = page.getByTestId('profile-import-errors');
  await expect(problems).toContainText('“Spaced” (spaced): The client id must not contain spaces, tabs, line breaks or control characters: copy it again exactly as the provider issued it.');
  await expect(problems).toContainText('“Plain” (plain): The issuer URL must start with https:// (plain http:// is allowed only for 127.0.0.1, this computer).');
  await expect(page.getByTestId('profile-spaced')).toHaveCount(0);
});

test('Edit far down the list moves focus into the form at the top, and Save brings it back to Edit', async () => {
  const profiles = Array.from({ length: 12 }, (_, i) => ({ id: `clinic-${i + 1}`, name: `Clinic ${i + 1}`, preset: 'custom', issuer: `https://idp${i + 1}.example.org`, clientId: `app-${i + 1}` }));
  await page.getByTestId('profile-import-file').setInputFiles({ name: 'many.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ profiles })) });
  await expect(page.getByTestId('profile-import-count')).toHaveText('12 profiles imported.');
  const edit = page.getByTestId('edit-profile-clinic-12');
  await edit.click();
  const heading = editor().getByTestId('profile-editor-heading');
  await expect(heading).toBeFocused();
  await expect(heading).toBeInViewport();
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => Boolean(document.activeElement?.closest('[data-testid="profile-editor"]')))).toBe(true);
  await page.getByTestId('profile-save').click();
  await expect(editor()).toHaveCount(0);
  await expect(edit).toBeFocused();
  await expect(edit).toBeInViewport();
});

test('a profile is deleted only after confirmation', async () => {
  await page.getByTestId('delete-profile-healthcode').click();
  const dialog = page.getByRole('dialog', { name: 'Delete the profile Healthcode?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Delete profile' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('profile-healthcode')).toHaveCount(0);
});

test('bots and policies: a bad number is explained beside the field, a good one is saved', async () => {
  const form = page.getByTestId('preferences');
  const maxRuns = form.getByTestId('preferences-maxConcurrentRuns').getByRole('textbox');
  await maxRuns.fill('0');
  // The page's own check, with its catalogue code, read with the field.
  const error = form.getByTestId('preferences-maxConcurrentRuns-error');
  // Plain first; the code sits behind the Details toggle, and the field is described by the sentence.
  await expect(error).toHaveText(/^Enter a whole number from 1 to 256\. Details\s*Error code: max_runs_invalid$/);
  await expect(error).toHaveAttribute('data-code', 'max_runs_invalid');
  await expect(maxRuns).toHaveAccessibleDescription(/Enter a whole number from 1 to 256\./);
  await maxRuns.fill('4');

  // A browser program that is not there: the core refuses it beside the field, and nothing says Saved.
  const browserPath = form.getByTestId('preferences-browserPath').getByRole('textbox');
  await browserPath.fill('/no/such/browser/chromium');
  await page.getByTestId('preferences-save').click();
  await expect(form.getByTestId('preferences-browserPath-error')).toContainText('There is no browser program at /no/such/browser/chromium on this computer, so it was not saved.');
  await expect(browserPath).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByTestId('preferences-error')).toHaveAttribute('data-code', 'browser_path_missing');
  await expect(form.getByText('Saved.', { exact: true })).toHaveCount(0);
  await browserPath.fill('');

  await page.getByTestId('preferences-save').click();
  await expect(form.getByText('Saved.', { exact: true })).toBeVisible();
  await page.reload();
  await page.getByTestId('nav-settings').click();
  await expect(page.getByTestId('preferences').getByTestId('preferences-maxConcurrentRuns').getByRole('textbox')).toHaveValue('4');
});
