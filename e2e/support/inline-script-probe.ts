import type { Page } from '@playwright/test';

/**
 * S48: injects an inline script into the page's DOM and reports the directive the page's CSP
 * refused it under, and whether it ran. The browser host's page and the Electron window's
 * `file://` page must both answer `{ directive: 'script-src-elem', ran: false }`.
 */
export async function injectInlineScript(page: Page): Promise<{ directive: string; ran: boolean }> {
  return page.evaluate(async () => {
    const seen = new Promise<string>((resolveSeen) => document.addEventListener('securitypolicyviolation', (event) => resolveSeen(event.effectiveDirective), { once: true }));
    const script = document.createElement('script');
    script.textContent = 'window.__inlineRan = true';
    document.body.append(script);
    const directive = await seen;
    return { directive, ran: (window as unknown as { __inlineRan?: boolean }).__inlineRan === true };
  });
}
