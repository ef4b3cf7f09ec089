import { expect, test, type Locator, type Page } from '@playwright/test';
import { seriousViolations } from './a11y/check-accessibility.js';
import { tabTo } from './a11y/keyboard.js';
import type { BrowserHostProcess } from './support/browser-host-process.js';
import { watchForDisabledButtons } from './support/disabled-button-witness.js';
import { logInAndReadAppLink } from './support/sign-in.js';
import { openSignInTabsPage, type SignInTabsPage } from './support/sign-in-tabs-page.js';

/**
 * Where keyboard focus goes when a sign-in control it was on goes away, through the browser
 * host, real Chromium and the sandbox. Sign in and Re-authenticate (the sign-in card's, the
 * header's, the expiry banner's, Needs attention's) give way as the sign-in begins: focus goes to
 * the Cancel now standing for it (the header's for the header's, else the card's). Cancel and
 * Sign out give way when they have worked: focus goes to what stands in their place. The shared
 * note's Sign in goes once its sign-in has worked: focus goes to a Start it let go. Never the
 * page itself, and Cancel and Sign out never turn `disabled` while their command runs.
 */
test.describe.configure({ mode: 'serial', timeout: 180_000 });

let opened: SignInTabsPage | undefined;
let host: BrowserHostProcess;
let page: Page;
let signInTabs: Page[];

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  // Four-minute sign-ins: inside every default warning, so the banner and Needs attention offer Re-authenticate.
  opened = await openSignInTabsPage(browser);
  ({ host, page, signInTabs } = opened);
});

test.afterAll(async () => {
  await opened?.close();
});

const headerEntry = () => page.getByTestId('header-session-sandbox');

/** Enter on the focused `button` starts a sign-in: a tab opens and the session waits for it. */
async function startWithEnter(button: Locator): Promise<void> {
  await expect(button).toBeFocused();
  const opened = signInTabs.length;
  await page.keyboard.press('Enter');
  await expect.poll(() => signInTabs.length).toBe(opened + 1);
  await expect(headerEntry()).toHaveAttribute('data-status', 'waitingForBrowser');
}

/** Enter on the focused Cancel ends the waiting sign-in; its tab is closed. */
async function cancelWithEnter(cancel: Locator, status: string): Promise<void> {
  await expect(cancel).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(headerEntry()).toHaveAttribute('data-status', status);
  await signInTabs.at(-1)?.close();
}

/** None of the sign-in's own buttons turned `disabled` (a Start held back by the sign-in may). */
async function expectNoneDisabled(noted: () => Promise<string[]>): Promise<void> {
  const own = (await noted()).filter((name) => /^(?:header-)?(?:cancel|sign-out|sign-in|reauthenticate|continue-in-browser)/.test(name));
  expect(own).toEqual([]);
}

async function expectNoSeriousViolations(label: string): Promise<void> {
  const problems = await seriousViolations(page, label);
  expect(problems, JSON.stringify(problems, null, 2)).toEqual([]);
}

test('the sign-in card’s Sign in hands focus to its Cancel, and Cancel back to Sign in', async () => {
  const disabled = await watchForDisabledButtons(page);
  const signIn = page.getByTestId('sign-in-sandbox');
  const cancel = page.getByTestId('cancel-sign-in-sandbox');
  await tabTo(page, signIn, 80);
  await startWithEnter(signIn);
  await expect(cancel).toBeFocused();
  await expect(cancel).toHaveAccessibleDescription('Complete the sign-in in the browser window that opened, then come back here.');
  await expectNoSeriousViolations('overview: focus on the sign-in card’s Cancel');
  await cancelWithEnter(cancel, 'signedOut');
  await expect(signIn).toBeFocused();
  await expectNoneDisabled(disabled);
});

test('the shared note’s Sign in, once its sign-in has worked, hands focus to a Start it let go', async () => {
  const signInForAll = page.getByTestId('sign-in-for-all-sandbox');
  const heldBack = ((await page.getByTestId('start-blocked-shared').getAttribute('data-bots')) ?? '').split(' ');
  expect(heldBack.length).toBeGreaterThan(0);
  await signInForAll.focus();
  await startWithEnter(signInForAll);
  await expect(signInForAll).toBeFocused();
  const tab = signInTabs.at(-1);
  if (!tab) throw new Error('no sign-in tab opened');
  const link = await logInAndReadAppLink(tab);
  await tab.close();
  const handoff = await host.handOff(link);
  expect(handoff.code, handoff.output).toBe(0);
  await expect(page.getByTestId('session-status-sandbox')).toHaveText(/Active|Expiring soon/);
  await expect(signInForAll).toHaveCount(0);
  const focused = page.locator(':focus');
  await expect(focused).toHaveAttribute('data-start-bot', new RegExp(`^(?:${heldBack.join('|')})$`));
  await expect(focused).toBeEnabled();
});

test('the header’s Re-authenticate hands focus to the header’s Cancel, and Cancel back to Re-authenticate', async () => {
  const disabled = await watchForDisabledButtons(page);
  const reauthenticate = page.getByTestId('header-reauthenticate-sandbox');
  const cancel = page.getByTestId('header-cancel-sandbox');
  await reauthenticate.focus();
  await startWithEnter(reauthenticate);
  await expect(cancel).toBeFocused();
  await expectNoSeriousViolations('header: focus on its Cancel');
  await cancelWithEnter(cancel, 'expiring');
  await expect(reauthenticate).toBeFocused();
  await expectNoneDisabled(disabled);
});

test('the sign-in card’s Re-authenticate hands focus to its Cancel, and Cancel to the card’s heading', async () => {
  const disabled = await watchForDisabledButtons(page);
  const reauthenticate = page.getByTestId('reauthenticate-sandbox');
  const cancel = page.getByTestId('cancel-sign-in-sandbox');
  await reauthenticate.focus();
  await startWithEnter(reauthenticate);
  await expect(cancel).toBeFocused();
  await cancelWithEnter(cancel, 'expiring');
  await expect(page.getByTestId('session-card-sandbox').getByRole('heading', { name: 'Local sandbox' })).toBeFocused();
  await expectNoneDisabled(disabled);
});

test('the expiry banner’s Re-authenticate, gone as the sign-in begins, hands focus to the sign-in card’s Cancel', async () => {
  const reauthenticate = page.getByTestId('expiry-banner-sandbox').getByRole('button', { name: /Re-authenticate/ });
  await reauthenticate.focus();
  await startWithEnter(reauthenticate);
  await expect(page.getByTestId('expiry-banner-sandbox')).toHaveCount(0);
  const cancel = page.getByTestId('cancel-sign-in-sandbox');
  await expect(cancel).toBeFocused();
  await expectNoSeriousViolations('overview: focus on the card’s Cancel after the banner went');
  await cancelWithEnter(cancel, 'expiring');
});

test('Needs attention’s Re-authenticate, gone with its item as the sign-in begins, hands focus to the sign-in card’s Cancel, not to the next item', async () => {
  const reauthenticate = page.getByTestId('attention-reauthenticate');
  await reauthenticate.focus();
  await startWithEnter(reauthenticate);
  await expect(reauthenticate).toHaveCount(0);
  const cancel = page.getByTestId('cancel-sign-in-sandbox');
  await expect(cancel).toBeFocused();
  await cancelWithEnter(cancel, 'expiring');
});

test('the sign-in card’s Sign out hands focus to Sign in, and never turns disabled', async () => {
  const disabled = await watchForDisabledButtons(page);
  const signOut = page.getByTestId('sign-out-sandbox');
  await signOut.focus();
  await page.keyboard.press('Enter');
  await expect(headerEntry()).toHaveAttribute('data-status', 'signedOut');
  await expect(page.getByTestId('sign-in-sandbox')).toBeFocused();
  await expectNoneDisabled(disabled);
  await expectNoSeriousViolations('overview: focus on Sign in after Sign out');
});
