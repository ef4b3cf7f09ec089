import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { expectAccessibleAtWidths } from './a11y/check-accessibility.js';
import { tabTo } from './a11y/keyboard.js';
import { startBrowserHostProcess, type BrowserHostProcess } from './support/browser-host-process.js';
import { devScheme, skipWizardIfShown } from './support/sign-in.js';

/**
 * The notices above every section (a bad bot file, a link no sign-in was waiting for, …) by
 * keyboard alone: once Dismiss or "Dismiss all" has done its job and the notice has gone, focus is
 * on the next notice's Dismiss (the one before, when the last went), or on a short line saying no
 * notice is left; never on the page itself, where a keyboard user would have to start again from
 * the top of the window.
 */
test.describe.configure({ mode: 'serial', timeout: 120_000 });

let host: BrowserHostProcess;
let botsDir: string;
let context: BrowserContext;
let page: Page;
let brokenFiles = 0;

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  botsDir = await mkdtemp(join(tmpdir(), 'notices-focus-bots-'));
  host = await startBrowserHostProcess({ RPA_SUPERVISOR_BOTS_DIR: botsDir });
  context = await browser.newContext();
  page = await context.newPage();
  await page.setViewportSize({ width: 1024, height: 800 });
  await page.goto(host.pageUrl);
  await skipWizardIfShown(page);
});

test.afterAll(async () => {
  await context?.close();
  await host?.stop();
  if (botsDir) await rm(botsDir, { recursive: true, force: true });
});

const notices = () => page.locator('.notice-list > .notice');
/** One notice names every bad manifest in the bots folder: bot_manifest_invalid for one, bot_manifests_invalid for more. */
const manifestNotice = () => page.locator('.notice[data-code^="bot_manifest"]');
const strayNotice = () => page.locator('.notice[data-code="invalid_redirect"]');
const dismissOf = (notice: Locator) => notice.getByRole('button', { name: 'Dismiss', exact: true });

/** A new unreadable manifest in the bots folder: the core puts its notice up again, newest last. */
async function breakAnotherBotFile(): Promise<void> {
  brokenFiles += 1;
  await writeFile(join(botsDir, `broken-${brokenFiles}.bot.json`), '{ "id": "broken" ');
  await expect(manifestNotice()).toBeVisible();
}

/** An app link with this build's scheme that no sign-in waits for: the core posts a notice. */
async function handOffStrayLink(): Promise<void> {
  const handoff = await host.handOff(`${devScheme}://auth/callback?code=stray-code&state=no-such-state`);
  expect(handoff.output).toContain('no_pending_sign_in');
  await expect(strayNotice()).toBeVisible();
}

/** Starts a Tab walk from the top of the page, as a keyboard user arriving at the window does. */
async function tabFromTop(target: Locator): Promise<void> {
  await page.evaluate(() => (document.activeElement instanceof HTMLElement ? document.activeElement.blur() : undefined));
  await tabTo(page, target, 80);
}

/** Where focus is: "body" when it is on no control. */
async function focusedTestId(): Promise<string | null | undefined> {
  return page.evaluate(() => (document.activeElement === document.body ? 'body' : document.activeElement?.getAttribute('data-testid')));
}

test('“Dismiss all” by keyboard: the notices go, and focus goes to the line saying none is left', async () => {
  await breakAnotherBotFile();
  await handOffStrayLink();
  const dismissAll = page.getByTestId('dismiss-all-notices');
  await tabFromTop(dismissAll);
  await page.keyboard.press('Enter');
  await expect(notices()).toHaveCount(0);
  await expect(dismissAll).toHaveCount(0);
  await expect.poll(focusedTestId).not.toBe('body');
  const cleared = page.getByTestId('notices-cleared');
  await expect(cleared).toHaveText('No notices left.');
  await expect.poll(focusedTestId).toBe('notices-cleared');
  // Tab goes on from where the notices were, not from the top of the window.
  await page.keyboard.press('Tab');
  await expect(page.locator('main :focus')).toHaveCount(1);
});

test('a notice that comes while the line saying none is left has focus takes its place, and the focus', async () => {
  await page.getByTestId('notices-cleared').focus();
  await breakAnotherBotFile();
  await expect(page.getByTestId('notices-cleared')).toHaveCount(0);
  await expect(dismissOf(manifestNotice())).toBeFocused();
});

test('Dismiss by keyboard: focus goes to the next notice’s Dismiss, to the one before once the last went, then to the line saying none is left', async () => {
  await handOffStrayLink();
  await expect(notices()).toHaveCount(2);

  // The first of two: the stray link's notice moves into its place, and its Dismiss has focus.
  await tabFromTop(dismissOf(manifestNotice()));
  await page.keyboard.press('Enter');
  await expect(manifestNotice()).toHaveCount(0);
  await expect.poll(focusedTestId).not.toBe('body');
  await expect(dismissOf(strayNotice())).toBeFocused();

  // The last of two: focus goes back to the one before it.
  await breakAnotherBotFile();
  await expect(notices().last()).toHaveAttribute('data-code', /^bot_manifests?_invalid$/);
  await tabTo(page, dismissOf(manifestNotice()), 10);
  await page.keyboard.press('Enter');
  await expect(manifestNotice()).toHaveCount(0);
  await expect(dismissOf(strayNotice())).toBeFocused();

  // The only one: the line saying none is left takes focus.
  await page.keyboard.press('Enter');
  await expect(notices()).toHaveCount(0);
  await expect.poll(focusedTestId).toBe('notices-cleared');
});

test('the notices and the line saying none is left pass axe, light and dark, at 1024 and 480 px', async () => {
  await expect(page.getByTestId('notices-cleared')).toBeFocused();
  await expectAccessibleAtWidths(page, 'notices, none left');
  await breakAnotherBotFile();
  await handOffStrayLink();
  await expect(page.getByTestId('dismiss-all-notices')).toBeVisible();
  await expectAccessibleAtWidths(page, 'two notices');
});

test('“Dismiss all” with the pointer: the notices go, and no line is left in their place (focus stays with the pointer user)', async () => {
  await expect(page.getByTestId('dismiss-all-notices')).toBeVisible();
  await page.getByTestId('dismiss-all-notices').click();
  await expect(notices()).toHaveCount(0);
  await expect(page.locator('.notices')).toBeHidden();
  await expect(page.getByTestId('notices-cleared')).toHaveCount(0);
});
