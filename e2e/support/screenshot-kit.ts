import { appendFile, mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';

/**
 * What the @screenshots specs share. They run in every test run, so a journey a picture shows
 * cannot break unnoticed, but only `npm run screenshots` (RPA_SCREENSHOTS=1) writes the pictures
 * to docs/screenshots/; an ordinary run writes them to .tmp/screenshots-check/ (kept out of git).
 * They take every picture the same way.
 */
export const screenshotViewport = { width: 1280, height: 800 };
/**
 * Every picture's page: the viewport above, light, and a UK browser locale as clinic staff have.
 * Chromium draws date fields in its own UI language (mm/dd/yyyy here), whatever the page's locale.
 */
export const screenshotPageOptions = { viewport: screenshotViewport, deviceScaleFactor: 1, colorScheme: 'light', locale: 'en-GB' } as const;
const repoRoot = resolve(import.meta.dirname, '..', '..');
const outDir = screenshotsEnabled() ? resolve(repoRoot, 'docs', 'screenshots') : resolve(repoRoot, '.tmp', 'screenshots-check');
/**
 * The newcomer check (`RPA_NEWCOMER_CHECK=1` beside RPA_SCREENSHOTS=1): every picture again at
 * 1024 and 480 px, light and dark, for a person to look through; kept out of git (.tmp/).
 */
const checkDir = resolve(repoRoot, '.tmp', 'newcomer-check');
const newcomerLooks = [
  { width: 1024, dark: false },
  { width: 1024, dark: true },
  { width: 480, dark: false },
  { width: 480, dark: true },
] as const;

/** True under `npm run screenshots`: the pictures are the ones docs/ shows. */
function screenshotsEnabled(): boolean {
  return process.env.RPA_SCREENSHOTS === '1';
}

/** Call at the top of a @screenshots spec: its tests run in order, each with room for many pictures. */
export function screenshotSpec(): void {
  test.describe.configure({ mode: 'serial', timeout: 120_000 });
  test.beforeAll(async () => {
    await mkdir(outDir, { recursive: true });
    if (process.env.RPA_NEWCOMER_CHECK === '1') await mkdir(checkDir, { recursive: true });
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

export interface ShootOptions {
  /** Brought to the top of the view again whenever the width changes, so each picture keeps its subject. */
  subject?: Locator;
  /** Committed beside the picture: `<name>-dark.png` (same width, dark) and `<name>-480.png` (480 px wide, light). */
  also?: readonly ('dark' | '480')[];
  /** Keep the in-page notifications in the picture (they step aside by themselves after 10 s, so most pictures leave them out). */
  toasts?: boolean;
}

/** docs/screenshots/<name>.png, once a click's focus ring and any status text have settled into the picture. */
export async function shoot(page: Page, name: string, options: ShootOptions = {}): Promise<void> {
  // Hidden through the CSSOM (the page's CSP allows no injected style sheet), and only for the picture: no click, so focus and state stay as they are.
  if (!options.toasts) await page.evaluate(() => document.querySelectorAll<HTMLElement>('.toasts').forEach((toasts) => (toasts.style.visibility = 'hidden')));
  await settle(page);
  await page.screenshot({ path: screenshotPath(name) });
  for (const variant of options.also ?? []) {
    const look = variant === 'dark' ? { width: page.viewportSize()?.width ?? screenshotViewport.width, dark: true } : { width: 480, dark: false };
    await shootAt(page, screenshotPath(`${name}-${variant}`), look, options.subject);
  }
  if (process.env.RPA_NEWCOMER_CHECK === '1') {
    for (const look of newcomerLooks) {
      const file = resolve(checkDir, `${name}-${String(look.width)}-${look.dark ? 'dark' : 'light'}.png`);
      const sideways = await shootAt(page, file, look, options.subject);
      await appendFile(resolve(checkDir, 'report.jsonl'), `${JSON.stringify({ name, ...look, sideways })}\n`);
    }
  }
  if (!options.toasts) await page.evaluate(() => document.querySelectorAll<HTMLElement>('.toasts').forEach((toasts) => (toasts.style.visibility = '')));
}

export function screenshotPath(name: string): string {
  return resolve(outDir, `${name}.png`);
}

async function settle(page: Page): Promise<void> {
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
}

/**
 * One picture at another width and colour scheme, then the page as it was. Returns what scrolls
 * where it should not: the page itself (sideways, or down past the fixed header), or any element
 * wider than its box (a newcomer at 480 px should never have to scroll sideways to read a screen).
 */
async function shootAt(page: Page, path: string, look: { width: number; dark: boolean }, subject?: Locator): Promise<string[]> {
  const before = page.viewportSize() ?? screenshotViewport;
  const wasDark = await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches);
  const scrolledTo = await page.locator('main').evaluate((main) => main.scrollTop);
  await page.setViewportSize({ width: look.width, height: before.height });
  await page.emulateMedia({ colorScheme: look.dark ? 'dark' : 'light' });
  if (subject) await subject.evaluate((element) => element.scrollIntoView({ block: 'start' }));
  await settle(page);
  await page.screenshot({ path });
  const sideways = await page.evaluate(() => {
    const found: string[] = [];
    if (document.documentElement.scrollWidth > window.innerWidth) found.push(`page (${String(document.documentElement.scrollWidth)} px)`);
    // Only the screen below the header scrolls; a document taller than the window lets the header slide away.
    if (document.documentElement.scrollHeight > window.innerHeight) found.push(`page scrolls down (${String(document.documentElement.scrollHeight)} px)`);
    for (const element of document.querySelectorAll<HTMLElement>('body *')) {
      const overflow = getComputedStyle(element).overflowX;
      if ((overflow === 'auto' || overflow === 'scroll') && element.scrollWidth > element.clientWidth + 1) {
        found.push(`${element.tagName.toLowerCase()}${element.dataset.testid ? `[data-testid=${element.dataset.testid}]` : ''}.${element.getAttribute('class') ?? ''} (${String(element.scrollWidth)} > ${String(element.clientWidth)} px)`);
      }
    }
    return found;
  });
  await page.setViewportSize(before);
  await page.emulateMedia({ colorScheme: wasDark ? 'dark' : 'light' });
  await page.locator('main').evaluate((main, top) => main.scrollTo({ top }), scrolledTo);
  await settle(page);
  return sideways;
}
