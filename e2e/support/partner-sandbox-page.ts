import type { Browser, BrowserContext, Page } from '@playwright/test';
import { startBrowserHostProcess, type BrowserHostProcess } from './browser-host-process.js';
import { skipWizard } from './sign-in.js';

/** The built-in "Local sandbox (HCSS partner)" profile the partner sandbox adds (app/config/profile.ts). */
export const partnerProfile = { id: 'sandbox-partner', name: 'Local sandbox (HCSS partner)' } as const;

export interface PartnerSandboxPage {
  host: BrowserHostProcess;
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/**
 * A browser host with the HCSS partner sandbox (RPA_SANDBOX_PARTNER=1) and the bots in `botsDir`,
 * its page past the wizard in a context of its own. `beforeLoad` is given the
 * page before the app loads, to hear it from its first WebSocket frame.
 */
export async function openPartnerSandboxPage(browser: Browser, botsDir: string, options: { beforeLoad?: (page: Page) => void } = {}): Promise<PartnerSandboxPage> {
  const host = await startBrowserHostProcess({ RPA_SANDBOX_PARTNER: '1', RPA_SUPERVISOR_BOTS_DIR: botsDir });
  let context: BrowserContext | undefined;
  try {
    context = await browser.newContext();
    const page = await context.newPage();
    options.beforeLoad?.(page);
    await page.goto(host.pageUrl);
    await skipWizard(page);
    const opened = context;
    return {
      host, context: opened, page,
      close: async () => {
        await opened.close();
        await host.stop();
      },
    };
  } catch (error) {
    await context?.close();
    await host.stop();
    throw error;
  }
}
