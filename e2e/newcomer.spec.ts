import { expect, test, type Page } from '@playwright/test';
import { filesUnder, findSecrets, findSecretsInFiles, labelled } from '../app/test-support/find-secrets.js';
import { seriousViolations } from './a11y/check-accessibility.js';
import { startBrowserHostProcess, type BrowserHostProcess } from './support/browser-host-process.js';

/**
 * A newcomer's first sign-in in the browser host, using only what is on screen: the wizard, the
 * sandbox's own page (whose demo sign-in it reads from the page), the sandbox's Copy button on its
 * last page, and the waiting card's paste box. No network interception, no launcher, no request
 * events: if a person could not finish it from the screen, this test cannot either.
 */
let host: BrowserHostProcess;

test.beforeAll(async () => {
  host = await startBrowserHostProcess();
});

test.afterAll(async () => {
  await host?.stop();
});

async function nextUntil(page: Page, title: string): Promise<void> {
  const stepTitle = page.getByTestId('wizard-step-title');
  for (let step = 0; step < 5 && (await stepTitle.textContent()) !== title; step += 1) {
    await page.getByTestId('wizard-next').click();
  }
  await expect(stepTitle).toHaveText(title);
}

test('a newcomer finishes the first sign-in from the screen alone: Copy on the provider page, paste in the app', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto(host.pageUrl);

  // The wizard greets a fresh install; the newcomer tries the Local sandbox.
  await expect(page.getByTestId('wizard')).toBeVisible();
  await page.getByRole('radio', { name: 'Local sandbox (try it out)' }).check();
  await nextUntil(page, 'Sign in');

  // Sign in: the provider opens in a new tab (the browser host's stand-in for the system browser).
  const loginTabPromise = context.waitForEvent('page');
  await page.getByTestId('sign-in-sandbox').click();
  const loginTab = await loginTabPromise;
  await expect(page.getByTestId('session-status-sandbox')).toHaveText('Waiting for your browser…');

  // The sandbox's page says which demo account to use; the newcomer types what it shows.
  const hint = (await loginTab.getByText('Demo sign-in:').textContent()) ?? '';
  const [, username, password] = /username (\S+), password (\S+?)\.$/.exec(hint.trim()) ?? [];
  expect(username, hint).toBeTruthy();
  await loginTab.getByLabel('Username').fill(username as string);
  await loginTab.getByLabel('Password').fill(password as string);
  await loginTab.getByRole('button', { name: 'Sign in' }).click();

  // The last page cannot open the app link in this browser, so it shows it with a Copy button.
  await expect(loginTab.getByRole('heading', { name: 'Almost done: hand this link to RPA Supervisor' })).toBeVisible();
  await expect(loginTab.getByText('Paste the link your browser could not open')).toBeVisible();
  const shownLink = await loginTab.getByLabel('Link for RPA Supervisor').inputValue();
  await loginTab.getByRole('button', { name: 'Copy link' }).click();
  await expect(loginTab.getByRole('status')).toHaveText('Copied. Now paste it into RPA Supervisor.');
  expect(await seriousViolations(loginTab, 'sandbox: hand the link over')).toEqual([]);

  // Back in the app: paste into the waiting card's box and use it.
  await page.bringToFront();
  const box = page.getByLabel('Paste the link your browser could not open');
  await box.focus();
  await page.keyboard.press('ControlOrMeta+V');
  await expect(box).toHaveValue(shownLink);
  await page.getByRole('button', { name: 'Use this link' }).click();

  await expect(page.getByTestId('session-status-sandbox')).toHaveText('Active');
  await expect(page.getByTestId('session-user-sandbox')).toHaveText('Dr Demo Supervisor');
  await expect(page.getByTestId('wizard-signed-in')).toBeVisible();
  await page.getByTestId('wizard-finish').click();
  await expect(page.getByTestId('wizard')).toHaveCount(0);

  const secrets = labelled('authorization code', [new URL(shownLink).searchParams.get('code') ?? '']);
  expect(secrets[0]?.value).toBeTruthy();
  await loginTab.close();
  // The link, code and all, is on no screen of the app and in no file it wrote.
  expect([...findSecrets([{ where: 'the DOM', text: await page.content() }, { where: 'the host output', text: host.output() }], secrets), ...(await findSecretsInFiles(await filesUnder(host.dataDir), secrets))]).toEqual([]);
});

test('S4 and S8: a pasted link of another scheme, or not for this sign-in, is refused with the reason', async ({ page }) => {
  await page.goto(host.pageUrl);
  await expect(page.getByTestId('session-card-sandbox')).toBeVisible();
  // The journey above left the sandbox signed in.
  if (await page.getByTestId('sign-out-sandbox').isVisible()) await page.getByTestId('sign-out-sandbox').click();
  const loginTabPromise = page.context().waitForEvent('page');
  await page.getByTestId('sign-in-sandbox').click();
  await (await loginTabPromise).close();
  const box = page.getByLabel('Paste the link your browser could not open');

  await page.getByRole('button', { name: 'Use this link' }).click();
  await expect(page.getByTestId('paste-link-error-sandbox')).toHaveAttribute('data-code', 'pasted_link_empty');

  await box.fill('https://evil.example/auth/callback?code=stolen&state=x');
  await page.getByRole('button', { name: 'Use this link' }).click();
  await expect(page.getByTestId('paste-link-error-sandbox')).toHaveAttribute('data-code', 'invalid_redirect');
  await expect(box).toHaveValue('');
  // Plain first, with the next step; the technical reason only behind Details.
  const refusal = page.getByTestId('paste-link-error-sandbox');
  await expect(refusal.locator('.error-message__text')).toHaveText('That link could not be used. Copy the whole link again from your browser’s last page, or sign in again.');
  await expect(refusal.locator('.error-message__details')).toBeHidden();
  await refusal.getByRole('button', { name: 'Details' }).click();
  await expect(refusal.locator('.error-message__detail')).toContainText('its scheme is not one this app answers to');

  // A link cut short when it was copied: the same next step, and Details say it was cut short.
  await box.fill('uk.co.rpasupervisor.dev://auth/callback?code=cut-short');
  await page.getByRole('button', { name: 'Use this link' }).click();
  await expect(refusal.locator('.error-message__text')).toContainText('Copy the whole link again');
  await refusal.getByRole('button', { name: 'Details' }).click();
  await expect(refusal.locator('.error-message__detail')).toContainText('it has no state (the link was probably cut short when it was copied)');

  // S4: our scheme, but not the state this sign-in is waiting for.
  await box.fill('uk.co.rpasupervisor.dev://auth/callback?code=forged-code&state=not-the-state');
  await page.getByRole('button', { name: 'Use this link' }).click();
  await expect(page.getByTestId('paste-link-error-sandbox')).toHaveAttribute('data-code', 'state_mismatch');
  await expect(page.getByTestId('session-status-sandbox')).toHaveText('Waiting for your browser…');
  expect(host.output()).not.toContain('forged-code');
  await page.getByTestId('cancel-sign-in-sandbox').click();
});
