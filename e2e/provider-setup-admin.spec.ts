import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startMisbehavingProvider, type MisbehavingProvider } from '../app/auth/test-support/misbehaving-provider.js';
import { startBrowserHostProcess, type BrowserHostProcess } from './support/browser-host-process.js';
import { demoUser, devScheme } from './support/sign-in.js';

/**
 * A clinic admin who has never seen the app sets up and maintains a provider, through the browser
 * host, against the real sandbox behind the misbehaving-provider server (app/auth/test-support):
 * - the issuer pasted as the provider guide gives it (the discovery document's address, with
 *   spaces) is saved as the issuer, and the issuer check still applies (S14);
 * - an edit that ends the live session (a new client id) says so, naming who is signed out and
 *   the bots it stops, before saving; a harmless edit (a new name) asks nothing and keeps it;
 * - deleting asks with who is signed out and which bots (scheduled ones marked) can no longer start;
 * - a profile without discovery keeps its endpoints when it is edited.
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
  botsDir = mkdtempSync(join(tmpdir(), 'rpa-provider-admin-bots-'));
  const bot = (id: string, name: string, extra: Record<string, unknown> = {}) =>
    writeFileSync(join(botsDir, `${id}.bot.json`), JSON.stringify({ id, name, command: 'node', args: [misbehavingBot], profileId: 'clinic', env: { MISBEHAVE_MODE: 'hang' }, ...extra }));
  bot('claims-watch', 'Claims watch');
  bot('nightly-claims', 'Nightly claims', { schedule: '0 3 * * *' });
  host = await startBrowserHostProcess({ RPA_SUPERVISOR_BOTS_DIR: botsDir });
  page = await browser.newPage();
  await page.goto(host.pageUrl);
});

test.afterAll(async () => {
  await page?.close();
  await host?.stop();
  await provider?.close();
  if (botsDir) rmSync(botsDir, { recursive: true, force: true });
});

const editor = () => page.getByTestId('profile-editor');
const editorField = (name: string) => editor().getByTestId(`profile-${name}`).getByRole('textbox');

test('S14 the discovery address pasted as the issuer is saved as the issuer, and a document naming another issuer is still refused', async () => {
  // The wizard, by keyboard: another OpenID provider, loopback (a development build's default for it).
  await page.getByRole('radio', { name: /Another OpenID Connect provider/ }).focus();
  await page.keyboard.press('Space');
  await page.getByTestId('wizard-next').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('wizard-step-title')).toHaveText('Register the redirect URI with the provider');
  await expect(page.getByTestId('wizard-step-title')).toBeFocused();
  await page.getByTestId('wizard-next').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('wizard-step-title')).toHaveText('Enter the details the provider gave you');

  await page.getByTestId('wizard-name').getByRole('textbox').fill('Clinic IdP');
  await page.getByTestId('wizard-issuer').getByRole('textbox').fill(`  ${provider.issuer}${discoveryPath} `);
  await page.getByTestId('wizard-clientId').getByRole('textbox').fill(`${provider.sandbox.clientId}\n`);
  await page.getByTestId('wizard-scopes').getByRole('textbox').fill('openid profile api');
  await page.getByTestId('wizard-next').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('wizard-step-title')).toHaveText('Check that sign-ins can come back');
  await page.getByTestId('wizard-skip').click();

  await page.getByTestId('nav-settings').click();
  const card = page.getByTestId('profile-custom');
  await expect(card).toContainText(provider.issuer);
  await expect(card).not.toContainText('.well-known');

  // The document now names someone else: the pasted address must not have switched the check off.
  provider.rewrite(discoveryPath, (upstream) => ({ body: JSON.stringify({ ...upstream.json, issuer: 'https://login.other.example' }) }));
  await page.getByTestId('test-connection-custom').click();
  await expect(page.getByTestId('connection-result-custom')).toContainText('Error code: discovery_issuer_mismatch');
  provider.clear();
  await page.getByTestId('test-connection-custom').click();
  await expect(page.getByTestId('connection-result-custom')).toContainText('Connection works');
});

test('an edit that ends the live session says whom it signs out and which bots it stops before saving; a new name asks nothing', async () => {
  // The clinic's own id for the profile, as its bots' manifests name it: delete the wizard's, import it again.
  await page.getByTestId('delete-profile-custom').click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete profile' }).click();
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
  await page.getByTestId('start-claims-watch').click();
  await expect(page.getByTestId('stop-claims-watch')).toBeVisible();

  await page.getByTestId('nav-settings').click();
  await page.getByTestId('edit-profile-clinic').click();
  await editorField('name').fill('Clinic IdP (live)');
  await page.getByTestId('profile-save').click();
  await expect(editor()).toHaveCount(0);
  await expect(page.getByTestId('sign-out-on-save-dialog')).toBeHidden();

  await page.getByTestId('edit-profile-clinic').click();
  await editorField('clientId').fill('rpa-supervisor-new-registration');
  await page.getByTestId('profile-save').click();
  const dialog = page.getByTestId('sign-out-on-save-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(`Saving signs ${demoUser.name} out of Clinic IdP (live)`);
  await expect(dialog).toContainText('1 running bot is stopped as well.');
  // The safe choice has focus; keeping on editing changes nothing.
  await expect(dialog.getByRole('button', { name: 'Keep editing' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(editor()).toBeVisible();
  await page.getByTestId('nav-overview').click();
  await expect(page.getByTestId('session-status-clinic')).toHaveText(/Active|Expiring soon/);
  await expect(page.getByTestId('stop-claims-watch')).toBeVisible();
});

test('deleting a profile someone is signed in with names them and the bots that can no longer start', async () => {
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('delete-profile-clinic').click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByTestId('delete-signs-out')).toHaveText(`${demoUser.name} is signed in with this profile: deleting it signs them out and stops 1 running bot.`);
  await expect(dialog.getByTestId('delete-bots')).toHaveText('These bots use it and cannot start until their manifest names another profile: Nightly claims (scheduled) and Claims watch.');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();

  // Now the edit, confirmed: the session ends and the bot stops, as the dialog said.
  await page.getByTestId('edit-profile-clinic').click();
  await editorField('clientId').fill('rpa-supervisor-new-registration');
  await page.getByTestId('profile-save').click();
  await page.getByTestId('sign-out-on-save-dialog').getByRole('button', { name: 'Save and sign out' }).click();
  await expect(editor()).toHaveCount(0);
  await page.getByTestId('nav-overview').click();
  await expect(page.getByTestId('session-status-clinic')).toHaveText('Signed out');
  await expect(page.getByTestId('stop-claims-watch')).toHaveCount(0);
});

test('a profile for a provider without discovery keeps its endpoints when it is renamed', async () => {
  const discovery = (await (await fetch(`${provider.issuer}${discoveryPath}`)).json()) as { authorization_endpoint: string; token_endpoint: string };
  // Its issuer serves no discovery document: only the endpoints in the profile make it work.
  const file = JSON.stringify({
    profiles: [
      {
        id: 'legacy',
        name: 'Legacy OAuth server',
        preset: 'custom',
        issuer: `${provider.issuer}/legacy`,
        clientId: provider.sandbox.clientId,
        scopes: ['api'],
        redirect: { mode: 'loopback' },
        endpoints: { authorization: discovery.authorization_endpoint, token: discovery.token_endpoint },
      },
    ],
  });
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('profile-import-file').setInputFiles({ name: 'legacy.json', mimeType: 'application/json', buffer: Buffer.from(file) });
  await expect(page.getByTestId('profile-import-count')).toHaveText('1 profile imported.');
  await page.getByTestId('test-connection-legacy').click();
  await expect(page.getByTestId('connection-result-legacy')).toContainText('Connection works');

  await page.getByTestId('edit-profile-legacy').click();
  await editorField('name').fill('Legacy OAuth server (billing)');
  await page.getByTestId('profile-save').click();
  await expect(editor()).toHaveCount(0);
  await expect(page.getByTestId('profile-saved')).toHaveText('Legacy OAuth server (billing) saved.');
  await page.getByTestId('test-connection-legacy').click();
  await expect(page.getByTestId('connection-result-legacy')).toContainText('Connection works');
  await expect(page.getByTestId('connection-result-legacy')).not.toContainText('Error code');
});

test('the client secret is never shown back, says when one is stored, and says before saving that None deletes it', async () => {
  await page.getByTestId('edit-profile-legacy').click();
  // Pasted with a line break after it, as from an email: the break goes, the secret stays.
  await editor().getByTestId('profile-clientSecret').getByLabel('Client secret (optional)').fill('s3cret-from-the-provider\n');
  await expect(editor().getByTestId('profile-auth-switched')).toContainText('Client authentication is now “Basic”');
  await page.getByTestId('profile-save').click();
  await expect(editor()).toHaveCount(0);
  const card = page.getByTestId('profile-legacy');
  await expect(card).toContainText('Client secret stored');
  await expect(card).not.toContainText('s3cret-from-the-provider');

  await page.getByTestId('edit-profile-legacy').click();
  const secret = editor().getByTestId('profile-clientSecret');
  await expect(secret.getByLabel('Client secret (optional)')).toHaveValue('');
  await expect(secret).toContainText('A secret is stored. Leave this empty to keep it.');
  await editor().getByTestId('profile-clientAuth').getByRole('combobox').selectOption('none');
  await expect(secret).toContainText('A secret is stored, and is deleted when you save: client authentication is None.');
  await page.getByTestId('profile-save').click();
  await expect(editor()).toHaveCount(0);
  await expect(card).not.toContainText('Client secret stored');
});
