import { expect, type Browser, type BrowserContextOptions, type Page } from '@playwright/test';
import type { BrowserHostProcess } from './browser-host-process.js';

/** The browser host's custom scheme (development flavour). */
export const devScheme = 'uk.co.rpasupervisor.dev';

/** The sandbox's demo account (app/sandbox/sandbox-accounts.ts). */
export const demoUser = { username: 'demo', password: 'demo-password', name: 'Dr Demo Supervisor' };

/**
 * Completes a sign-in the way a person would: `start` clicks whatever starts it (Sign in,
 * Re-authenticate…), the app opens the provider in a new tab (the browser host's stand-in for
 * the system browser), the demo user logs in, and the app link the sandbox's last page shows is
 * handed to the running app by the hand-off launcher (`node bin/hand-off.mjs`, link on stdin).
 * Returns the link, whose code a leak check can look for.
 */
export async function signInThroughBrowser(page: Page, host: BrowserHostProcess, start: () => Promise<void>): Promise<string> {
  const loginTabPromise = page.context().waitForEvent('page');
  await start();
  const loginTab = await loginTabPromise;
  const callback = await logInAndReadAppLink(loginTab);
  await loginTab.close();
  const handoff = await host.handOff(callback);
  expect(handoff.code, handoff.output).toBe(0);
  expect(handoff.output).toContain('Signed in as');
  return callback;
}

/** Logs the demo user in on the sandbox's page and reads the app link its last page shows. */
export async function logInAndReadAppLink(loginTab: Page): Promise<string> {
  await loginTab.getByLabel('Username').fill(demoUser.username);
  await loginTab.getByLabel('Password').fill(demoUser.password);
  await loginTab.getByRole('button', { name: 'Sign in' }).click();
  const field = loginTab.getByLabel('Link for RPA Supervisor');
  await expect(field).toHaveValue(new RegExp(`^${devScheme.replaceAll('.', '\\.')}://auth/callback\\?`));
  return field.inputValue();
}

/**
 * A sign-in the app starts in a new tab (Sign in, Re-authenticate, Connect a company…) when this
 * browser may already be logged in to the sandbox, which then shows its login form only the
 * first time; the link on its last page is handed over by the hand-off launcher.
 */
export async function signInWithRememberedLogin(page: Page, host: BrowserHostProcess, start: () => Promise<void>): Promise<void> {
  const tabOpened = page.context().waitForEvent('page');
  await start();
  const tab = await tabOpened;
  const username = tab.getByLabel('Username');
  const link = tab.getByLabel('Link for RPA Supervisor');
  await expect(username.or(link)).toBeVisible();
  if (await username.isVisible()) {
    await username.fill(demoUser.username);
    await tab.getByLabel('Password').fill(demoUser.password);
    await tab.getByRole('button', { name: 'Sign in' }).click();
  }
  await expect(link).toHaveValue(new RegExp(`^${devScheme.replaceAll('.', '\\.')}://auth/callback\\?`));
  const callback = await link.inputValue();
  await tab.close();
  const handoff = await host.handOff(callback);
  expect(handoff.code, handoff.output).toBe(0);
}

/**
 * A page of its own context (axe-core/playwright cannot run in the page `browser.newPage()`
 * makes) on the host's page, past the wizard and signed in to the Local sandbox.
 */
export async function openSignedInPage(browser: Browser, host: BrowserHostProcess, options: BrowserContextOptions = {}): Promise<Page> {
  const page = await (await browser.newContext(options)).newPage();
  await page.goto(host.pageUrl);
  await skipWizard(page);
  await signInToSandbox(page, host);
  return page;
}

/** Closes the first-run wizard when it is showing, as an admin who sets up later would. */
export async function skipWizard(page: Page): Promise<void> {
  await page.getByTestId('wizard-skip').click();
  await expect(page.getByTestId('wizard')).toHaveCount(0);
}

/**
 * Skips the setup wizard if the page shows it. The page renders once the core has answered, so
 * this waits for the wizard or the Overview before deciding (a count taken earlier sees neither).
 */
export async function skipWizardIfShown(page: Page): Promise<void> {
  await expect(page.getByTestId('wizard').or(page.getByTestId('today-summary')).first()).toBeVisible();
  if ((await page.getByTestId('wizard').count()) > 0) await skipWizard(page);
}

/**
 * Signs in to the Local sandbox from the Overview's sign-in card and waits until it is active.
 * Returns the callback URL, whose code a leak check can look for.
 */
export async function signInToSandbox(page: Page, host: BrowserHostProcess): Promise<string> {
  const callback = await signInThroughBrowser(page, host, () => page.getByTestId('sign-in-sandbox').click());
  await expect(page.getByTestId('session-status-sandbox')).toHaveText(/Active|Expiring soon/);
  return callback;
}
