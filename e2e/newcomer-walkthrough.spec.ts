import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { tabTo } from './a11y/keyboard.js';
import { startBrowserHostProcess, type BrowserHostProcess } from './support/browser-host-process.js';
import { skipWizardIfShown } from './support/sign-in.js';

/**
 * A newcomer trying the app with the keyboard alone, at 480 px in dark mode, through the browser
 * host and the real core: focus never falls to the page (where the next Tab starts again from the
 * top of the window) when the wizard opens from Settings or when the link test's pasted link has
 * come back, and the part of the window that never scrolls holds nothing empty.
 */
let host: BrowserHostProcess;
let context: BrowserContext;
let page: Page;

test.beforeAll(async ({ browser }) => {
  host = await startBrowserHostProcess();
  context = await browser.newContext({ viewport: { width: 480, height: 800 }, colorScheme: 'dark' });
  page = await context.newPage();
  await page.goto(host.pageUrl);
});

test.afterAll(async () => {
  await context?.close();
  await host?.stop();
});

const stepTitle = () => page.getByTestId('wizard-step-title');
const focusIsOnPage = () => page.evaluate(() => document.activeElement === null || document.activeElement === document.body);

test('the link test passed by a pasted link leaves focus on its result, and Tab goes on to Next', async () => {
  await expect(page.getByTestId('wizard')).toBeVisible();
  await tabTo(page, page.getByRole('radio', { name: 'Healthcode (live)' }));
  // A radio group is chosen with the arrow keys; the sandbox is its last choice.
  for (let presses = 0; presses < 4; presses++) await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('radio', { name: 'Local sandbox (try it out)' })).toBeChecked();
  for (const title of ['Register the redirect URI with the provider', 'The Local sandbox needs no details', 'Check that sign-ins can come back']) {
    await tabTo(page, page.getByTestId('wizard-next'));
    await page.keyboard.press('Enter');
    await expect(stepTitle()).toHaveText(title);
  }

  await tabTo(page, page.getByTestId('self-test-start'));
  await page.keyboard.press('Enter');
  const link = (await page.getByTestId('self-test-link').textContent()) ?? '';
  await tabTo(page, page.getByTestId('paste-link-input-self-test'));
  await page.keyboard.insertText(link);
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('paste-link-submit-self-test')).toBeFocused();
  await page.keyboard.press('Enter');

  const status = page.getByTestId('self-test-status');
  await expect(status).toHaveAttribute('data-status', 'passed');
  // The paste box has gone with the wait; focus is on what happened, not on the page.
  await expect(status).toBeFocused();
  expect(await focusIsOnPage()).toBe(false);
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('wizard-back')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('wizard-next')).toBeFocused();

  await tabTo(page, page.getByTestId('wizard-skip'));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('wizard')).toHaveCount(0);
});

test('Run the setup wizard again, far down Settings, takes focus to the wizard’s first step at its top', async () => {
  // Past the wizard, whichever way the test before left it.
  await skipWizardIfShown(page);
  await tabTo(page, page.getByTestId('nav-settings'));
  await page.keyboard.press('Enter');
  const rerun = page.getByTestId('rerun-wizard');
  await tabTo(page, rerun, 80);
  await page.keyboard.press('Enter');

  await expect(page.getByTestId('wizard')).toBeVisible();
  await expect(stepTitle()).toBeFocused();
  expect(await focusIsOnPage()).toBe(false);
  // Scrolled to the wizard's top: its heading and Skip setup are in view, not left above it.
  await expect(page.getByRole('heading', { name: 'Set up RPA Supervisor' })).toBeInViewport();
  await expect(page.getByTestId('wizard-skip')).toBeInViewport();
  // The next Tab is in the first step.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('radio', { name: 'Healthcode (live)' })).toBeFocused();
});

test('with no sign-in ending, nothing empty sits between the sections and the page, at 480 and 1024 px', async () => {
  await skipWizardIfShown(page);
  for (const width of [480, 1024]) {
    await page.setViewportSize({ width, height: 800 });
    const gap = await page.evaluate(() => {
      const nav = document.querySelector('.screen-nav')?.getBoundingClientRect();
      const main = document.querySelector('main')?.getBoundingClientRect();
      return nav && main ? main.top - nav.bottom : Number.NaN;
    });
    // The expiry banners' place (with its live region, always there) takes no room while empty.
    expect(gap, `the band under the sections at ${width} px`).toBeLessThanOrEqual(0.5);
  }
});
