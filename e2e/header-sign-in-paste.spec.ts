import { expect, test, type Locator, type Page } from '@playwright/test';
import { seriousViolations } from './a11y/check-accessibility.js';
import { tabTo } from './a11y/keyboard.js';
import { startBrowserHostProcess, type BrowserHostProcess } from './support/browser-host-process.js';
import { logInAndReadAppLink, skipWizardIfShown } from './support/sign-in.js';

/**
 * The browser host cannot open app links, so a sign-in ends by pasting the link the sandbox's
 * last page shows into the waiting sign-in card, which only the Overview has. Started from the
 * header on another section, the header's waiting entry offers "Paste the link": Enter on it
 * opens the Overview with focus in the card's paste box, and the pasted link finishes the
 * sign-in. By keyboard, at 1024 and at 480 px, with the sandbox's own Copy link button.
 */
test.describe.configure({ mode: 'serial', timeout: 120_000 });

let host: BrowserHostProcess;

test.beforeAll(async () => {
  host = await startBrowserHostProcess();
});

test.afterAll(async () => {
  await host?.stop();
});

/** Presses Shift+Tab until `target` has focus: back from the section's button to the header. */
async function shiftTabTo(page: Page, target: Locator, limit: number): Promise<void> {
  for (let presses = 0; presses < limit; presses++) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press('Shift+Tab');
  }
  await expect(target).toBeFocused();
}

/** Opens the host's page at this width, past the wizard, on the section named. */
async function openOn(page: Page, section: string): Promise<void> {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto(host.pageUrl);
  // Waits for the page to render (the wizard or the Overview) before deciding: a look taken
  // earlier on a busy machine sees neither, and the wizard then hides the sections.
  await skipWizardIfShown(page);
  const button = page.getByRole('navigation').getByRole('button', { name: section });
  await button.click();
  await expect(button).toBeFocused();
  await expect(page.locator('main')).not.toHaveAttribute('data-screen', 'overview');
}

/** Enter on the focused header button starts the sign-in; the sandbox's tab logs in and copies its link. */
async function startAndCopyLink(page: Page): Promise<string> {
  const tabOpened = page.context().waitForEvent('page');
  await page.keyboard.press('Enter');
  const loginTab = await tabOpened;
  await expect(page.getByTestId('header-session-sandbox')).toHaveAttribute('data-status', 'waitingForBrowser');
  const link = await logInAndReadAppLink(loginTab);
  await loginTab.getByRole('button', { name: 'Copy link' }).click();
  await expect(loginTab.getByRole('status')).toHaveText('Copied. Now paste it into RPA Supervisor.');
  await loginTab.close();
  await page.bringToFront();
  return link;
}

/** From the header's waiting entry, by keyboard, to the paste box; paste and use the link; signed in. */
async function pasteFromHeader(page: Page, link: string): Promise<void> {
  const paste = page.getByTestId('header-paste-link-sandbox');
  // Focus is on the header's Cancel (the sign-in focus rule); "Paste the link" is the next stop.
  await expect(page.getByTestId('header-cancel-sandbox')).toBeFocused();
  await expect(paste, 'the header offers a way to the paste box').toBeVisible();
  await tabTo(page, paste, 2);
  await expect(paste).toHaveAccessibleName('Paste the link for Local sandbox');
  await expect(paste).toBeInViewport({ ratio: 1 });
  expect(await seriousViolations(page, 'header: a sign-in waits, with Paste the link')).toEqual([]);

  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toHaveAttribute('data-screen', 'overview');
  const box = page.getByLabel('Paste the link your browser could not open');
  await expect(box).toBeFocused();
  await expect(box).toBeInViewport();
  await page.keyboard.press('ControlOrMeta+V');
  await expect(box).toHaveValue(link);
  await page.keyboard.press('Enter');

  await expect(page.getByTestId('header-session-sandbox')).toHaveAttribute('data-status', 'active');
  await expect(page.getByTestId('session-user-sandbox')).toHaveText('Dr Demo Supervisor');
  await expect(paste).toHaveCount(0);
  // Focus follows the sign-in to the card (its heading), never to the page.
  await expect(page.getByTestId('session-card-sandbox').locator(':focus')).toHaveCount(1);
}

test('at 1024 px: Sign in from the header on Settings, then Paste the link from the header, ends signed in', async ({ browser }) => {
  const page = await (await browser.newContext({ viewport: { width: 1024, height: 800 } })).newPage();
  await openOn(page, 'Settings');
  const signIn = page.getByTestId('header-sign-in-sandbox');
  await shiftTabTo(page, signIn, 8);
  const link = await startAndCopyLink(page);
  await pasteFromHeader(page, link);
  await page.context().close();
});

test('at 480 px: Re-authenticate from the header on Audit trail; the header keeps its height and Paste the link fits', async ({ browser }) => {
  const page = await (await browser.newContext({ viewport: { width: 480, height: 800 } })).newPage();
  await openOn(page, 'Audit trail');
  const header = page.locator('.app-header');
  const before = (await header.boundingBox())?.height ?? 0;
  const reauthenticate = page.getByTestId('header-reauthenticate-sandbox');
  await shiftTabTo(page, reauthenticate, 8);
  const link = await startAndCopyLink(page);
  // The two buttons sit side by side in the entry's action place: the header is no taller than before.
  expect((await header.boundingBox())?.height ?? 0).toBeLessThanOrEqual(before + 1);
  const name = page.getByTestId('header-session-sandbox').locator('.header-session__profile');
  await expect(name).toHaveText('Local sandbox');
  expect(await name.evaluate((element) => element.scrollWidth <= element.clientWidth + 0.5)).toBe(true);
  await pasteFromHeader(page, link);
  await page.context().close();
});

test('the header offers no Paste the link while no sign-in waits', async ({ browser }) => {
  const page = await (await browser.newContext({ viewport: { width: 1024, height: 800 } })).newPage();
  await openOn(page, 'Run history');
  await expect(page.getByTestId('header-session-sandbox')).toHaveAttribute('data-status', 'active');
  await expect(page.getByRole('button', { name: /Paste the link/ })).toHaveCount(0);
  await page.context().close();
});
