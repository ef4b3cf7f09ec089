import { expect, test } from '@playwright/test';
import { startBrowserHostProcess, type BrowserHostProcess } from './support/browser-host-process.js';
import { signInToSandbox, skipWizard } from './support/sign-in.js';

/**
 * The expiry banner counts down in seconds in its last minute. A screen reader reads out every
 * change inside a polite live region, so the ticking words must sit outside it: the region says
 * that the session is ending (and each new stage), not "59 seconds", "58 seconds"… once a second,
 * which would drown everything else the person needs to hear (docs/ui.md: countdowns are not
 * announced on every tick). 70-second tokens put the banner in its last minute soon after sign-in.
 */
let host: BrowserHostProcess;

test.beforeAll(async () => {
  host = await startBrowserHostProcess({ RPA_SANDBOX_TTL_SECONDS: '70' });
});

test.afterAll(async () => {
  await host?.stop();
});

test('the expiry banner is announced when it comes, not on every tick of its countdown', async ({ page }) => {
  await page.goto(host.pageUrl);
  await skipWizard(page);
  // Changes from here on are recorded as a screen reader would take them: any change inside a
  // polite or assertive region, unless it is inside a part marked not to be announced.
  await page.evaluate(() => {
    const said: string[] = [];
    (window as unknown as { said: string[] }).said = said;
    const liveRegion = (node: Node | null): Element | null => {
      for (let element = node instanceof Element ? node : (node?.parentElement ?? null); element; element = element.parentElement) {
        const live = element.getAttribute('aria-live') ?? ({ status: 'polite', alert: 'assertive', log: 'polite', timer: 'off', marquee: 'off' } as Record<string, string>)[element.getAttribute('role') ?? ''];
        if (live !== undefined) return live === 'off' ? null : element;
      }
      return null;
    };
    new MutationObserver((mutations) => {
      for (const mutation of mutations) {
        const region = liveRegion(mutation.target);
        if (region?.closest('.app-top')) said.push(region.textContent ?? '');
      }
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await signInToSandbox(page, host);

  const banner = page.getByTestId('expiry-banner-sandbox');
  await expect(banner).toHaveAttribute('data-stage', 'final');
  const seconds = banner.locator('.expiry-banner__message');
  await expect(seconds).toHaveText(/ends in \d+ seconds?\./, { timeout: 20_000 });
  const said = () => page.evaluate(() => (window as unknown as { said: string[] }).said.length);
  const before = await said();
  // Two visible ticks, each awaited by its text changing, never by a fixed pause.
  for (let tick = 0; tick < 2; tick++) {
    const text = (await seconds.textContent()) ?? '';
    await expect(seconds).not.toHaveText(text);
  }
  expect(await page.evaluate(() => (window as unknown as { said: string[] }).said.at(-1) ?? '')).toMatch(/Local sandbox/);
  expect(await said(), 'announcements while the banner only counted down').toBe(before);
});
