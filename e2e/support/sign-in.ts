import { expect, type Page } from '@playwright/test';
import type { BrowserHostProcess } from './browser-host-process.js';

/** The browser host's custom scheme (development flavour). */
export const devScheme = 'uk.co.rpasupervisor.dev';

/** The sandbox's demo account (app/sandbox/sandbox-accounts.ts). */
export const demoUser = { username: 'demo', password: 'demo-password', name: 'Dr Demo Supervisor' };

/**
 * Completes a sign-in the way a person would: `start` clicks whatever starts it (Sign in,
 * Re-authenticate…), the app opens the provider in a new tab (the browser host's stand-in for
 * the system browser), the demo user logs in, and the custom-scheme redirect the provider sends
 * is handed to the running app by a second launcher run, as the OS would.
 *
 * No routing in the login tab: a route would hide the custom-scheme request from the request events.
 */
export async function signInThroughBrowser(page: Page, host: BrowserHostProcess, start: () => Promise<void>): Promise<string> {
  const loginTabPromise = page.context().waitForEvent('page');
  await start();
  const loginTab = await loginTabPromise;
  const callbackPromise = new Promise<string>((resolve) => {
    loginTab.on('request', (request) => {
      if (request.url().startsWith(`${devScheme}://`)) resolve(request.url());
    });
  });
  await loginTab.getByLabel('Username').fill(demoUser.username);
  await loginTab.getByLabel('Password').fill(demoUser.password);
  await loginTab.getByRole('button', { name: 'Sign in' }).click();
  const callback = await callbackPromise;
  await loginTab.close();
  const handoff = await host.runLauncher([callback]);
  expect(handoff.code, handoff.output).toBe(0);
  return callback;
}

/** Closes the first-run wizard when it is showing, as an admin who sets up later would. */
export async function skipWizard(page: Page): Promise<void> {
  await page.getByTestId('wizard-skip').click();
  await expect(page.getByTestId('wizard')).toHaveCount(0);
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
