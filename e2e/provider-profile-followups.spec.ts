import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { startMisbehavingProvider, type MisbehavingProvider } from '../app/auth/test-support/misbehaving-provider.js';
import { seriousViolations, type AccessibilityProblem } from './a11y/check-accessibility.js';
import { startBrowserHostProcess, type BrowserHostProcess } from './support/browser-host-process.js';
import { demoUser, devScheme } from './support/sign-in.js';

/**
 * A clinic admin setting up UAT and live of one provider, through the browser host, against the
 * real sandbox behind the misbehaving-provider server (app/auth/test-support):
 * - back at the wizard's client step, the secret field says a secret is stored;
 * - Duplicate opens the editor on a copy (new id and name, no secret, said so) that is saved only
 *   on Save; Test connection's refusal says what to do from Settings, not from a sign-in card;
 * - the confirmation dialogs space their paragraphs and pass axe (light, dark, 1024 and 480 px);
 *   after a save that signed someone out the status says so, and after a deletion focus is kept.
 */
let provider: MisbehavingProvider;
let host: BrowserHostProcess;
let page: Page;
let botsDir: string;

const discoveryPath = '/.well-known/openid-configuration';
const misbehavingBot = resolve(import.meta.dirname, '..', 'bots', 'misbehaving-bot', 'misbehaving-bot.mjs');

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  provider = await startMisbehavingProvider({ customSchemes: [devScheme] });
  botsDir = mkdtempSync(join(tmpdir(), 'rpa-profile-followups-bots-'));
  writeFileSync(join(botsDir, 'claims-watch.bot.json'), JSON.stringify({ id: 'claims-watch', name: 'Claims watch', command: 'node', args: [misbehavingBot], profileId: 'clinic', env: { MISBEHAVE_MODE: 'hang' } }));
  host = await startBrowserHostProcess({ RPA_SUPERVISOR_BOTS_DIR: botsDir });
  // A context of its own: axe-core/playwright cannot run in the page browser.newPage() makes.
  page = await (await browser.newContext()).newPage();
  await page.goto(host.pageUrl);
});

test.afterAll(async () => {
  await page?.context().close();
  await host?.stop();
  await provider?.close();
  if (botsDir) rmSync(botsDir, { recursive: true, force: true });
});

const editor = () => page.getByTestId('profile-editor');
const editorField = (name: string) => editor().getByTestId(`profile-${name}`).getByRole('textbox');
const secretLabel = 'Client secret (optional)';

/** Presses Enter on a control, as a keyboard user does, so focus starts where theirs would. */
async function press(control: Locator): Promise<void> {
  await control.focus();
  await page.keyboard.press('Enter');
}

/** The vertical gap, in CSS pixels, between each paragraph of a dialog's body and the next. */
async function paragraphGaps(dialog: Locator): Promise<number[]> {
  return dialog.locator('.dialog__body > p').evaluateAll((paragraphs) =>
    paragraphs.slice(1).map((paragraph, index) => paragraph.getBoundingClientRect().top - (paragraphs[index] as Element).getBoundingClientRect().bottom),
  );
}

/** axe on an open dialog, at the desktop and the narrow width, light and dark. */
async function dialogProblems(screen: string): Promise<AccessibilityProblem[]> {
  const problems: AccessibilityProblem[] = [];
  for (const width of [1024, 480]) {
    await page.setViewportSize({ width, height: 800 });
    problems.push(...(await seriousViolations(page, `${screen} at ${width} px`)));
  }
  await page.setViewportSize({ width: 1280, height: 720 });
  return problems;
}

test('back at the wizard’s client step, the secret field says a secret is stored and an empty field keeps it', async () => {
  await page.getByRole('radio', { name: /Another OpenID Connect provider/ }).check();
  await page.getByTestId('wizard-next').click();
  await expect(page.getByTestId('wizard-step-title')).toHaveText('Register the redirect URI with the provider');
  await page.getByTestId('wizard-next').click();
  await page.getByTestId('wizard-name').getByRole('textbox').fill('Clinic IdP UAT');
  await page.getByTestId('wizard-issuer').getByRole('textbox').fill(provider.issuer);
  await page.getByTestId('wizard-clientId').getByRole('textbox').fill('clinic-uat-app');
  const secret = page.getByTestId('wizard-clientSecret');
  await expect(secret).toContainText('Only if the provider issued one.');
  await secret.getByLabel(secretLabel).fill('uat-secret');
  await page.getByTestId('wizard-next').click();
  await expect(page.getByTestId('wizard-step-title')).toHaveText('Check that sign-ins can come back');

  await page.getByTestId('wizard-back').click();
  await expect(page.getByTestId('wizard-step-title')).toHaveText('Enter the details the provider gave you');
  await expect(secret.getByLabel(secretLabel)).toHaveValue('');
  await expect(secret).toContainText('A secret is stored. Leave this empty to keep it.');
  await expect(secret).not.toContainText('Only if the provider issued one.');
  await page.getByTestId('wizard-next').click();
  await expect(page.getByTestId('wizard-step-title')).toHaveText('Check that sign-ins can come back');
  await page.getByTestId('wizard-skip').click();
  await page.getByTestId('nav-settings').click();
  await expect(page.getByTestId('profile-custom')).toContainText('Client secret stored');
});

test('Duplicate opens a copy with a new id and name and without the secret; Cancel adds nothing and returns focus', async () => {
  const card = page.getByTestId('profile-custom');
  // Keyboard order on the card: Edit, then Duplicate, then Delete.
  await card.getByTestId('edit-profile-custom').focus();
  await page.keyboard.press('Tab');
  await expect(card.getByTestId('duplicate-profile-custom')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(card.getByTestId('delete-profile-custom')).toBeFocused();

  await press(card.getByRole('button', { name: 'Duplicate Clinic IdP UAT' }));
  await expect(page.getByTestId('profile-editor-heading')).toHaveText('New profile, copied from Clinic IdP UAT');
  await expect(page.getByTestId('profile-editor-heading')).toBeFocused();
  await expect(editor().getByTestId('profile-copied-from')).toContainText('except its client secret, which is never copied');
  await expect(editorField('name')).toHaveValue('Clinic IdP UAT (copy)');
  await expect(editorField('id')).toHaveValue('custom-copy');
  await expect(editorField('id')).not.toHaveAttribute('readonly');
  await expect(editorField('issuer')).toHaveValue(provider.issuer);
  await expect(editorField('clientId')).toHaveValue('clinic-uat-app');
  await expect(editor().getByTestId('profile-clientAuth').getByRole('combobox')).toHaveValue('client_secret_basic');
  const secret = editor().getByTestId('profile-clientSecret');
  await expect(secret.getByLabel(secretLabel)).toHaveValue('');
  await expect(secret).toContainText('The secret of Clinic IdP UAT is not copied. Enter the one the provider issued for this profile.');

  await press(editor().getByRole('button', { name: 'Cancel' }));
  await expect(editor()).toHaveCount(0);
  await expect(card.getByTestId('duplicate-profile-custom')).toBeFocused();
  await expect(page.getByTestId('profile-custom-copy')).toHaveCount(0);

  // A copy opened while a new profile is being added is the copy, not the half-typed new one,
  // once the admin has said to discard what was typed (e2e/profile-editor-unsaved.spec.ts).
  await page.getByTestId('add-profile').click();
  await editorField('name').fill('Half typed');
  await card.getByTestId('duplicate-profile-custom').click();
  await page.getByTestId('discard-changes-dialog').getByRole('button', { name: 'Discard changes' }).click();
  await expect(page.getByTestId('profile-editor-heading')).toHaveText('New profile, copied from Clinic IdP UAT');
  await expect(editorField('name')).toHaveValue('Clinic IdP UAT (copy)');
});

test('the copy is saved as a new profile only on Save, with its own secret, and the original is unchanged', async () => {
  await editorField('name').fill('Clinic IdP live');
  await editorField('issuer').fill(`${provider.issuer}/live`);
  await page.getByTestId('profile-save').click();
  // The secret belongs to one registration: the copy needs the one issued for it.
  await expect(editor().getByTestId('profile-clientSecret')).toContainText('is required when client authentication is client_secret_basic');
  await expect(page.getByTestId('profile-custom-copy')).toHaveCount(0);

  await editor().getByTestId('profile-clientSecret').getByLabel(secretLabel).fill('live-secret');
  await page.getByTestId('profile-save').click();
  await expect(editor()).toHaveCount(0);
  await expect(page.getByTestId('profile-saved')).toHaveText('Clinic IdP live saved.');
  const copyCard = page.getByTestId('profile-custom-copy');
  await expect(copyCard).toContainText(`${provider.issuer}/live`);
  await expect(copyCard).toContainText('Client secret stored');
  const original = page.getByTestId('profile-custom');
  await expect(original.getByRole('heading')).toHaveText('Clinic IdP UAT');
  await expect(original).not.toContainText(`${provider.issuer}/live`);
});

test('Test connection’s pre-flight refusal says what to do from Settings, not from a sign-in card', async () => {
  const discovery = (await (await fetch(`${provider.issuer}${discoveryPath}`)).json()) as { authorization_endpoint: string };
  provider.rewrite(new URL(discovery.authorization_endpoint).pathname, () => ({ status: 403, contentType: 'text/html', body: '<h1>403 Forbidden</h1>' }));
  try {
    await page.getByTestId('test-connection-custom').click();
    const result = page.getByTestId('connection-result-custom');
    await expect(result).toContainText('refused the sign-in request before showing its login page');
    await expect(result).toContainText('Nobody can sign in with this profile until the provider changes this. Once it has, choose Test connection again.');
    await expect(result).not.toContainText(/continue in the browser/i);
  } finally {
    provider.clear();
  }
});

test('the sign-out-on-save dialog spaces its paragraphs and passes axe; the status then says who was signed out', async () => {
  const file = JSON.stringify({ profiles: [{ id: 'clinic', name: 'Clinic IdP', preset: 'custom', issuer: provider.issuer, clientId: provider.sandbox.clientId, scopes: ['openid', 'profile', 'api'], redirect: { mode: 'loopback' } }] });
  await page.getByTestId('profile-import-file').setInputFiles({ name: 'clinic.json', mimeType: 'application/json', buffer: Buffer.from(file) });
  await expect(page.getByTestId('profile-import-count')).toHaveText('1 profile imported.');
  await page.getByTestId('nav-overview').click();
  const loginTabPromise = page.context().waitForEvent('page');
  await page.getByTestId('sign-in-clinic').click();
  const loginTab = await loginTabPromise;
  await loginTab.getByLabel('Username').fill(demoUser.username);
  await loginTab.getByLabel('Password').fill(demoUser.password);
  await loginTab.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('session-status-clinic')).toHaveText(/Active|Expiring soon/);
  await loginTab.close();

  await page.getByTestId('nav-settings').click();
  await press(page.getByTestId('edit-profile-clinic'));
  await editorField('clientId').fill('rpa-supervisor-new-registration');
  await page.getByTestId('profile-save').click();
  const dialog = page.getByTestId('sign-out-on-save-dialog');
  await expect(dialog).toBeVisible();
  const gaps = await paragraphGaps(dialog);
  expect(gaps).toHaveLength(1);
  for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(6);
  const problems = await dialogProblems('sign-out-on-save dialog');
  expect(problems, JSON.stringify(problems, null, 2)).toEqual([]);

  await dialog.getByRole('button', { name: 'Save and sign out' }).click();
  await expect(editor()).toHaveCount(0);
  await expect(page.getByTestId('profile-saved')).toHaveText(`Clinic IdP saved. ${demoUser.name} was signed out: sign in again on the Overview.`);
  await expect(page.getByTestId('edit-profile-clinic')).toBeFocused();
});

test('the delete dialog spaces its paragraphs and passes axe; after deleting, focus stays in the profile list and the status says so', async () => {
  await press(page.getByTestId('delete-profile-clinic'));
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByTestId('delete-bots')).toContainText('Claims watch');
  const gaps = await paragraphGaps(dialog);
  expect(gaps).toHaveLength(1);
  for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(6);
  const problems = await dialogProblems('delete profile dialog');
  expect(problems, JSON.stringify(problems, null, 2)).toEqual([]);

  await press(dialog.getByRole('button', { name: 'Delete profile' }));
  await expect(page.getByTestId('profile-clinic')).toHaveCount(0);
  await expect(page.getByTestId('profile-saved')).toHaveText('Clinic IdP deleted.');
  await expect(page.getByRole('heading', { name: 'Provider profiles' })).toBeFocused();
  // The next Tab goes on through the profiles, not back to the top of the page.
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('add-profile')).toBeFocused();
});
