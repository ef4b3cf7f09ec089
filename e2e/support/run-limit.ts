import { expect, type Page } from '@playwright/test';

/**
 * Sets "Runs at the same time" in Settings and waits for the form's "Saved." (the field shows what
 * was typed at once, so it proves nothing about the save), then goes back to the Overview. Runs
 * started before the core has the new limit would run beside each other instead of queueing.
 */
export async function setMaxConcurrentRuns(page: Page, limit: number): Promise<void> {
  await page.getByTestId('nav-settings').click();
  const form = page.getByTestId('preferences');
  await form.getByTestId('preferences-maxConcurrentRuns').getByRole('textbox').fill(String(limit));
  await page.getByTestId('preferences-save').click();
  await expect(form.getByText('Saved.', { exact: true })).toBeVisible();
  await page.getByTestId('nav-overview').click();
}
