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
  await expect(page.getByTestId('companies')).toContainText('No companies are connected yet.');

  // Not JSON at all: the catalogue message, with its code.
  await page.getByTestId('profile-import-file').setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('not json') });
  await expect(page.getByTestId('profile-import-error')).toContainText('Error code: profiles_import_invalid');
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
  await page.getByTestId('preferences-save').click();
  await expect(form.getByText('Saved.')).toBeVisible();
  await page.reload();
  await page.getByTestId('nav-settings').click();
  await expect(page.getByTestId('preferences').getByTestId('preferences-maxConcurrentRuns').getByRole('textbox')).toHaveValue('4');
});
