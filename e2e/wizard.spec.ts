import { expect, test, type Page } from '@playwright/test';
import { startBrowserHostProcess, type BrowserHostProcess } from './support/browser-host-process.js';
import { devScheme, signInThroughBrowser } from './support/sign-in.js';
import { openWizard as openWizardOn } from './support/open-wizard.js';

/**
 * The first-run wizard through the browser host: the Local sandbox path end to end (redirect
 * URI, sign-in), a Healthcode UAT profile whose redirect URI and registration request come first
 * (never the development scheme), a draft without a client id, no silent duplicates, and the
 * deep-link self-test completed by pasting its link back.
 */
let host: BrowserHostProcess;
let page: Page;

test.beforeAll(async ({ browser }) => {
  host = await startBrowserHostProcess();
  const context = await browser.newContext();
  // The copy buttons use the Clipboard API; the test reads back what they wrote.
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(host.pageUrl).origin });
  page = await context.newPage();
  await page.goto(host.pageUrl);
});

test.afterAll(async () => {
  await page?.context().close();
  await host?.stop();
});

const wizard = () => page.getByTestId('wizard');

/** Opens the wizard from Settings, unless this is a fresh host (after a failed test) showing it already. */
const openWizard = () => openWizardOn(page);
const stepTitle = () => page.getByTestId('wizard-step-title');
const next = () => page.getByTestId('wizard-next').click();

test('a fresh install opens on the wizard, and it sets up the Local sandbox end to end', async () => {
  await expect(wizard()).toBeVisible();
  await expect(page.getByRole('navigation')).toHaveCount(0);
  await expect(page.getByRole('listitem').filter({ hasText: 'Provider' })).toHaveAttribute('aria-current', 'step');

  // 1. Provider.
  await expect(page.getByTestId('wizard-next')).toBeDisabled();
  await page.getByRole('radio', { name: 'Local sandbox (try it out)' }).check();
  await next();

  // 2. Redirect first: the exact URI to register, with a working copy button; focus moves to the step's heading.
  await expect(stepTitle()).toHaveText('Register the redirect URI with the provider');
  await expect(stepTitle()).toBeFocused();
  const redirectUri = `${devScheme}://auth/callback`;
  await expect(page.getByTestId('wizard-redirect-uri')).toHaveText(redirectUri);
  await page.getByTestId('wizard-copy-redirect-uri').click();
  await expect(page.getByText('Redirect URI copied.')).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(redirectUri);
  await next();

  // 3. Client: the sandbox needs nothing.
  await expect(stepTitle()).toHaveText('The Local sandbox needs no details');
  await next();

  // 4. The deep-link self-test is optional (its own test below).
  await expect(stepTitle()).toHaveText('Check that sign-ins can come back');
  await next();

  // 5. Sign in, with the same card as the Overview.
  await expect(stepTitle()).toHaveText('Sign in');
  await signInThroughBrowser(page, host, () => page.getByTestId('sign-in-sandbox').click());
  await expect(page.getByTestId('wizard-signed-in')).toBeVisible();
  // Nothing is left to skip: Finish is the one way on.
  await expect(page.getByTestId('wizard-skip')).toHaveCount(0);
  // Finished from the end of the scroll area, by keyboard.
  await page.locator('main').evaluate((main) => main.scrollTo({ top: main.scrollHeight }));
  await page.getByTestId('wizard-finish').focus();
  await page.keyboard.press('Enter');

  // Done: the app from its top, focus at the start of its content, and the wizard stays closed after a reload.
  await expect(wizard()).toHaveCount(0);
  await expect(page.locator('main')).toBeFocused();
  expect(await page.locator('main').evaluate((main) => main.scrollTop)).toBe(0);
  await expect(page.getByRole('navigation', { name: 'Sections' })).toBeVisible();
  await expect(page.getByTestId('session-status-sandbox')).toHaveText('Active');
  await page.reload();
  await expect(page.getByTestId('session-status-sandbox')).toHaveText('Active');
  await expect(wizard()).toHaveCount(0);
});

test('a Healthcode UAT profile: the redirect URI and the request for the BDM first, never the development scheme; then a draft', async () => {
  await openWizard();
  await page.getByRole('radio', { name: 'Healthcode UAT (test)' }).check();
  await next();

  // Register first: a development build never offers a live provider its app link.
  await expect(stepTitle()).toHaveText('Register the redirect URI with the provider');
  await expect(page.getByRole('radio', { name: /App link/ })).toHaveCount(0);
  await expect(page.getByTestId('wizard-dev-scheme-withheld')).toContainText('must never be registered with a live provider');
  await expect(page.getByRole('radio', { name: 'https bounce page (recommended)' })).toBeChecked();
  await expect(page.getByTestId('wizard-redirect-uri')).toHaveCount(0);

  // The bounce page is guided first; without its address there is nothing to register yet.
  await next();
  await expect(page.getByTestId('wizard-bounceUrl-error')).toHaveAttribute('data-code', 'bounce_url_invalid');
  await page.getByTestId('wizard-bounceUrl').getByRole('textbox').fill('https://rpa.clinic.example/postauth/');
  await expect(page.getByTestId('wizard-redirect-uri')).toHaveText('https://rpa.clinic.example/postauth/');
  const request = page.getByTestId('wizard-registration-request');
  await expect(page.getByTestId('wizard-send-to-provider')).toContainText('Business Development Manager');
  await expect(request).toHaveValue(/Name of the client app: RPA Supervisor/);
  await expect(request).toHaveValue(/Brief description: .+/);
  await expect(request).toHaveValue(/Post-authentication endpoint URL \(redirect URI\), exactly: https:\/\/rpa\.clinic\.example\/postauth\//);
  await page.getByTestId('wizard-copy-request').click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toContain('exactly: https://rpa.clinic.example/postauth/');

  // Loopback instead: the URI to register changes with it.
  await page.getByRole('radio', { name: 'Loopback address' }).check();
  await expect(page.getByTestId('wizard-redirect-uri')).toHaveText('http://127.0.0.1/callback');
  await next();

  // Client details: no client id yet. Saving needs one, beside the field; a draft does not.
  await expect(stepTitle()).toHaveText('Enter the details the provider gave you');
  await expect(page.getByTestId('wizard-issuer').getByRole('textbox')).toHaveValue('https://auth.uat.healthcode.co.uk');
  await expect(page.getByTestId('wizard-issuer').getByRole('textbox')).toHaveJSProperty('readOnly', true);
  await next();
  await expect(page.getByTestId('wizard-clientId-error')).toHaveText(/\w{3,}/);
  await expect(page.getByTestId('wizard-clientId').getByRole('textbox')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('wizard-error')).toContainText('Error code: profile_invalid');

  // A secret typed while authentication is "None" switches to Basic, and says so.
  await page.getByTestId('wizard-clientSecret').getByRole('textbox').fill('issued-secret');
  await expect(page.getByTestId('wizard-auth-switched')).toContainText('client_secret_basic');
  await page.getByTestId('wizard-clientSecret').getByRole('textbox').fill('');

  await page.getByTestId('wizard-save-draft').click();
  await expect(stepTitle()).toHaveText('Check that sign-ins can come back');
  await expect(page.getByTestId('wizard-draft-saved')).toContainText('saved as a draft');
  await expect(page.getByText('The loopback redirect mode does not use the app link')).toBeVisible();
  await next();
  // The draft's card says what is missing instead of offering a sign-in that cannot work.
  await expect(page.getByTestId('session-blocked-healthcode-uat')).toHaveAttribute('data-code', 'profile_draft');
  await expect(page.getByTestId('sign-in-healthcode-uat')).toHaveCount(0);

  await page.getByTestId('wizard-skip').click();
  await expect(wizard()).toHaveCount(0);
  await page.getByTestId('nav-settings').click();
  await expect(page.getByTestId('profile-redirect-uri-healthcode-uat')).toHaveText('http://127.0.0.1/callback');
});

test('no silent duplicates: the same provider and client id again is refused with the profile it clashes with', async () => {
  await openWizard();
  await page.getByRole('radio', { name: 'Healthcode UAT (test)' }).check();
  await next();
  await page.getByRole('radio', { name: 'Loopback address' }).check();
  await next();
  await page.getByTestId('wizard-clientId').getByRole('textbox').fill('rpa-supervisor-clinic');
  await next();
  await expect(stepTitle()).toHaveText('Check that sign-ins can come back');

  // The same registration once more, through the wizard again. The skip must have closed the
  // wizard first, or openWizard sees the closing one and does not reopen it.
  await page.getByTestId('wizard-skip').click();
  await expect(wizard()).toHaveCount(0);
  await openWizard();
  await page.getByRole('radio', { name: 'Healthcode UAT (test)' }).check();
  await next();
  await page.getByRole('radio', { name: 'Loopback address' }).check();
  await next();
  await page.getByTestId('wizard-clientId').getByRole('textbox').fill('rpa-supervisor-clinic');
  await next();
  await expect(page.getByTestId('wizard-error')).toContainText('Error code: profile_duplicate');
  await expect(page.getByTestId('wizard-clientId-error')).toContainText('Healthcode UAT');
  await expect(stepTitle()).toHaveText('Enter the details the provider gave you');
  await page.getByTestId('wizard-skip').click();
  await expect(wizard()).toHaveCount(0);
});

test('the deep-link self-test waits for the app link, pasted back by hand in the browser host', async () => {
  await openWizard();
  await page.getByRole('radio', { name: 'Local sandbox (try it out)' }).check();
  await next();
  await next();
  await next();
  await expect(stepTitle()).toHaveText('Check that sign-ins can come back');

  const status = page.getByTestId('self-test-status');
  await page.getByTestId('self-test-start').click();
  // The browser host cannot open app links from a page: the link is shown, to paste back.
  await expect(status).toHaveAttribute('data-status', 'waiting');
  const link = page.getByTestId('self-test-link');
  await expect(link).toHaveText(/^uk\.co\.rpasupervisor\.dev:\/\/selftest\?nonce=[0-9a-f]+$/);
  await page.getByLabel('Paste the link your browser could not open').fill((await link.textContent()) ?? '');
  await page.getByRole('button', { name: 'Use this link' }).click();
  await expect(status).toHaveAttribute('data-status', 'passed');
  await expect(status).toContainText('Passed: this app receives its app links.');

  await page.getByTestId('wizard-skip').click();
  await expect(wizard()).toHaveCount(0);
});
