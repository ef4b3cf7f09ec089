import { expect, type Page } from '@playwright/test';
import type { BrowserHostProcess } from './browser-host-process.js';
import { devScheme } from './sign-in.js';

/** A sandbox HCSS account (app/sandbox/sandbox-accounts.ts). */
export interface SandboxAccount {
  username: string;
  password: string;
}

/**
 * Settings → Companies → "Connect a company to `profileName`" → the provider's login page (which
 * must ask, even when this browser is signed in there already) → `account` → the app link handed
 * over by the hand-off launcher. `page` must show Settings. Returns the launcher's output.
 */
export async function connectCompanyWith(page: Page, host: BrowserHostProcess, profileName: string, account: SandboxAccount): Promise<string> {
  const tabOpened = page.context().waitForEvent('page');
  await page.getByTestId('companies').getByRole('button', { name: `Connect a company to ${profileName}` }).click();
  const tab = await tabOpened;
  await tab.getByLabel('Username').fill(account.username);
  await tab.getByLabel('Password').fill(account.password);
  await tab.getByRole('button', { name: 'Sign in' }).click();
  const link = tab.getByLabel('Link for RPA Supervisor');
  await expect(link).toHaveValue(new RegExp(`^${devScheme.replaceAll('.', '\\.')}://auth/callback\\?`));
  const callback = await link.inputValue();
  await tab.close();
  const handoff = await host.handOff(callback);
  expect(handoff.code, handoff.output).toBe(0);
  return handoff.output;
}

/** The sandbox's mimicked HCSS Marketplace (a new tab), where a company removes or adds the app. */
export async function setCompanyConsent(page: Page, host: BrowserHostProcess, companyId: string, consent: 'remove' | 'add'): Promise<void> {
  const issuer = /Local sandbox provider: (http:\/\/127\.0\.0\.1:\d+)/.exec(host.output())?.[1];
  expect(issuer, host.output()).toBeDefined();
  const marketplace = await page.context().newPage();
  await marketplace.goto(`${issuer}/marketplace`);
  await marketplace.getByRole('button', { name: `${consent === 'remove' ? 'Remove' : 'Add'} the app for ${companyId}` }).click();
  await expect(marketplace.locator(`[data-company-status="${companyId}"]`)).toHaveText(consent === 'remove' ? 'App removed' : 'App added');
  await marketplace.close();
}
