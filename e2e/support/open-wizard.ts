import { expect, type Page } from '@playwright/test';

/**
 * Opens the first-run wizard: it shows by itself on a fresh host, and from Settings once someone
 * has closed it. The page renders only after the core has answered, so this waits for the wizard
 * or the section links before deciding (a count taken while the page loads sees neither).
 */
export async function openWizard(page: Page): Promise<void> {
  const wizard = page.getByTestId('wizard');
  await expect(wizard.or(page.getByTestId('nav-settings')).first()).toBeVisible();
  if ((await wizard.count()) > 0) return;
  await page.getByTestId('nav-settings').click();
  // A click that lands while the page is still settling (a loaded CI machine) is tried again; a
  // button that never opens the wizard still fails here.
  await expect(async () => {
    if ((await wizard.count()) === 0) await page.getByTestId('rerun-wizard').click({ timeout: 5_000 });
    await expect(wizard).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
}
