import { expect, test, type Locator, type Page } from '@playwright/test';
import { seriousViolations } from './a11y/check-accessibility.js';
import { tabTo } from './a11y/keyboard.js';
import type { BrowserHostProcess } from './support/browser-host-process.js';
import { watchForDisabledButtons } from './support/disabled-button-witness.js';
import { logInAndReadAppLink } from './support/sign-in.js';
import { openSignInTabsPage, type SignInTabsPage } from './support/sign-in-tabs-page.js';
import { testBots } from './support/test-bots.js';

/**
 * A keyboard user presses Sign in or Re-authenticate again while a sign-in already waits in the
 * browser, through the browser host, real Chromium and the sandbox: the shared note's Sign in
 * (every bot waits for a sign-in) and a bot's own Re-authenticate (its run would outlast a
 * four-minute token). Each button keeps focus from the first press on (aria-disabled, never
 * disabled), a second press opens no second sign-in (which would supersede the first, S11, and
 * fail the page the person is finishing), and the button says why and what to do: in its
 * description, and aloud and on screen once pressed. The waiting page still signs in.
 */
test.describe.configure({ mode: 'serial', timeout: 180_000 });

const waitingWords = 'A sign-in to Local sandbox is already waiting in your browser. Finish it there, or choose Cancel on its sign-in card and start again.';

let opened: SignInTabsPage | undefined;
let host: BrowserHostProcess;
let page: Page;
let signInTabs: Page[];

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  // Four-minute sign-ins: the five-minute bot is held back, and the session outlasts the test.
  opened = await openSignInTabsPage(browser);
  ({ host, page, signInTabs } = opened);
});

test.afterAll(async () => {
  await opened?.close();
});

/** Presses Enter on `button` as the first press: a sign-in tab opens and the session waits for it. */
async function startWithEnter(button: Locator): Promise<void> {
  const opened = signInTabs.length;
  await page.keyboard.press('Enter');
  await expect.poll(() => signInTabs.length).toBe(opened + 1);
  await expect(page.getByTestId('header-session-sandbox')).toHaveAttribute('data-status', 'waitingForBrowser');
  await expect(button).toBeFocused();
}

/** A second press while the sign-in waits: focus stays, nothing opens, and the button says why. */
async function pressAgainWhileWaiting(button: Locator, refusal: Locator): Promise<void> {
  await expect(button).toHaveAttribute('aria-disabled', 'true');
  await expect(button).toHaveAccessibleDescription(waitingWords);
  await expect(refusal).toBeEmpty();
  const opened = signInTabs.length;
  await page.keyboard.press('Enter');
  await expect(refusal).toHaveText(waitingWords);
  await expect(refusal).toHaveAttribute('role', 'status');
  await expect(refusal).toBeVisible();
  await expect(button).toBeFocused();
  await expect(button).toHaveAccessibleDescription(waitingWords);
  expect(signInTabs).toHaveLength(opened);
  await expect(page.getByTestId('header-session-sandbox')).toHaveAttribute('data-status', 'waitingForBrowser');
}

test('the shared note’s Sign in, pressed again while its sign-in waits, keeps focus and opens nothing; the waiting page still signs in', async () => {
  const disabled = await watchForDisabledButtons(page);
  const signInForAll = page.getByTestId('sign-in-for-all-sandbox');
  await tabTo(page, signInForAll, 80);
  await startWithEnter(signInForAll);
  await pressAgainWhileWaiting(signInForAll, page.getByTestId('sign-in-for-all-sandbox-refusal'));
  const problems = await seriousViolations(page, 'overview: a second Sign in refused while the sign-in waits');
  expect(problems, JSON.stringify(problems, null, 2)).toEqual([]);
  expect(await disabled()).toEqual([]);

  // The first page was not superseded: its sign-in completes.
  const [tab] = signInTabs;
  if (!tab) throw new Error('no sign-in tab opened');
  const link = await logInAndReadAppLink(tab);
  await tab.close();
  const handoff = await host.handOff(link);
  expect(handoff.code, handoff.output).toBe(0);
  expect(handoff.output).toContain('Signed in as');
  await expect(page.getByTestId('session-status-sandbox')).toHaveText(/Active|Expiring soon/);
  expect(signInTabs).toHaveLength(1);
});

test('a bot’s Re-authenticate, pressed again at 480 px while its sign-in waits, keeps focus and opens nothing; after Cancel it works again', async () => {
  await page.setViewportSize({ width: 480, height: 800 });
  const disabled = await watchForDisabledButtons(page);
  const reauthenticate = page.getByTestId(`reauthenticate-for-${testBots.long}`);
  const refusal = page.getByTestId(`reauthenticate-for-${testBots.long}-refusal`);
  await expect(reauthenticate).toBeVisible();
  await expect(reauthenticate).not.toHaveAttribute('aria-disabled');
  await page.evaluate(() => (document.activeElement instanceof HTMLElement ? document.activeElement.blur() : undefined));
  await tabTo(page, reauthenticate, 160);
  await startWithEnter(reauthenticate);
  await pressAgainWhileWaiting(reauthenticate, refusal);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(480);
  const problems = await seriousViolations(page, 'overview at 480 px: a second Re-authenticate refused while the sign-in waits');
  expect(problems, JSON.stringify(problems, null, 2)).toEqual([]);
  expect(await disabled()).toEqual([]);

  // Cancelled, the button is an ordinary one again and starts a new sign-in.
  await page.getByTestId('cancel-sign-in-sandbox').click();
  await expect(page.getByTestId('header-session-sandbox')).not.toHaveAttribute('data-status', 'waitingForBrowser');
  await expect(reauthenticate).not.toHaveAttribute('aria-disabled');
  await expect(reauthenticate).toHaveAccessibleDescription('');
  await expect(refusal).toBeEmpty();
  await reauthenticate.focus();
  await startWithEnter(reauthenticate);
  await page.getByTestId('cancel-sign-in-sandbox').click();
  await expect(page.getByTestId('header-session-sandbox')).not.toHaveAttribute('data-status', 'waitingForBrowser');
});
