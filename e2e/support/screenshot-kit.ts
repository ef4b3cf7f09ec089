import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';

/**
 * What the @screenshots specs share: they run only under `npm run screenshots` (RPA_SCREENSHOTS=1),
 * so an ordinary test run never rewrites docs/screenshots/, and they take every picture the same way.
 */
export const screenshotViewport = { width: 1280, height: 800 };
const outDir = resolve(import.meta.dirname, '..', '..', 'docs', 'screenshots');

/** Call at the top of a @screenshots spec: serial, generous, and skipped with its reason outside `npm run screenshots`. */
export function screenshotsOnly(): void {
  test.describe.configure({ mode: 'serial', timeout: 120_000 });
  const reason = 'skipped: screenshots are made by `npm run screenshots`, not by the test run';
  const enabled = process.env.RPA_SCREENSHOTS === '1';
  if (!enabled) console.log(reason);
  test.skip(!enabled, reason);
  test.beforeAll(async () => {
    await mkdir(outDir, { recursive: true });
  });
}

/** The browser host keeps sign-ins in memory only and says so; the pictures show the screens. */
export async function dismissMemoryOnlyNotice(page: Page): Promise<void> {
  await page.locator('.notice[data-code="secrets_memory_only"]').getByRole('button', { name: 'Dismiss' }).click();
  await expect(page.locator('.notice[data-code="secrets_memory_only"]')).toHaveCount(0);
}

export async function scrollToTop(page: Page): Promise<void> {
  await page.locator('main').evaluate((main) => main.scrollTo({ top: 0 }));
}

/** docs/screenshots/<name>.png, once a click's focus ring and any status text have settled into the picture. */
export async function shoot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  await page.screenshot({ path: screenshotPath(name) });
}

export function screenshotPath(name: string): string {
  return resolve(outDir, `${name}.png`);
}
