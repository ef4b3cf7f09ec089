import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumLaunchOptions } from '../../app/sandbox/test-support/browser-login.js';
import { chromiumMissing } from '../../app/test-support/prerequisites.js';

/**
 * The Electron window loads the built renderer from `file://` (index.ts, `loadFile`). Electron's
 * binary cannot run here, so the built page is opened the same way in Chromium: its one classic
 * script runs and its stylesheet applies under the page's own CSP, with nothing refused
 * (scripts/classic-script-plugin.ts). Without the preload's API the page says its link is out of
 * date, which is enough to show that the script ran.
 */
const indexPath = resolve(import.meta.dirname, '..', '..', 'out', 'renderer', 'index.html');

describe.skipIf(chromiumMissing())('the built renderer from file://', () => {
  it('runs its script and applies its stylesheet, with no error in the console', async () => {
    if (!existsSync(indexPath)) throw new Error(`${indexPath} is missing: run \`npx electron-vite build\` first (npm test does).`);
    const browser = await chromium.launch(chromiumLaunchOptions);
    try {
      const page = await browser.newPage();
      const problems: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
      });
      page.on('pageerror', (error) => problems.push(error.message));
      await page.goto(pathToFileURL(join(indexPath)).href);
      await expect.poll(() => page.textContent('#root')).toContain('RPA Supervisor');
      const fontUi = await page.evaluate(() => {
        const view = globalThis as unknown as { getComputedStyle(element: unknown): { getPropertyValue(name: string): string }; document: { documentElement: unknown } };
        return view.getComputedStyle(view.document.documentElement).getPropertyValue('--font-ui');
      });
      expect(fontUi.trim()).not.toBe('');
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
