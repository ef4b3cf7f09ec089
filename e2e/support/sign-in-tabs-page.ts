import type { Browser, BrowserContext, Page } from '@playwright/test';
import { startBrowserHostProcess, type BrowserHostProcess } from './browser-host-process.js';
import { skipWizard } from './sign-in.js';
import { testBotsDir } from './test-bots.js';

export interface SignInTabsPage {
  host: BrowserHostProcess;
  context: BrowserContext;
  page: Page;
  /** Every tab the app's page opened as the system browser, in order (axe's own blank pages are not its). */
  signInTabs: Page[];
  close(): Promise<void>;
}

/**
 * A host whose sandbox sign-ins last four minutes (inside every default expiry warning, and longer
 * than the specs that use it), with the test bots, and its page past the wizard at 1024 px in a
 * context of its own, counting the sign-in tabs the page opens.
 */
export async function openSignInTabsPage(browser: Browser): Promise<SignInTabsPage> {
  const host = await startBrowserHostProcess({ RPA_SANDBOX_TTL_SECONDS: '240', RPA_SUPERVISOR_BOTS_DIR: testBotsDir });
  const context = await browser.newContext({ viewport: { width: 1024, height: 800 } });
  const page = await context.newPage();
  const signInTabs: Page[] = [];
  page.on('popup', (tab) => signInTabs.push(tab));
  await page.goto(host.pageUrl);
  await skipWizard(page);
  return {
    host, context, page, signInTabs,
    close: async () => {
      await context.close();
      await host.stop();
    },
  };
}
