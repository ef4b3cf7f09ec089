import { rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { seriousViolations } from './a11y/check-accessibility.js';
import { expectVisibleFocusRing } from './a11y/keyboard.js';
import { startBrowserHostProcess, type BrowserHostProcess } from './support/browser-host-process.js';
import { clinicZone } from './support/clinic-week-host.js';
import { seedClinicWeek, type SeededClinicWeek } from './support/seeded-clinic-week.js';
import { signInToSandbox, skipWizardIfShown } from './support/sign-in.js';
import { testBotsDir } from './support/test-bots.js';

/**
 * A keyboard-only supervisor's busy day on the Overview, through the browser host and real
 * Chromium: a clinic's week of runs whose last day fills Needs attention with failures and
 * interruptions (dozens of controls between the top of the page and Today), new items arriving
 * as toasts while the window is 480 px wide, and the profile editor's unsaved changes kept across
 * a visit to the Overview. Light and dark, at 1024 and 480 px.
 */
test.describe.configure({ mode: 'serial', timeout: 180_000 });

let seeded: SeededClinicWeek;
let host: BrowserHostProcess;
let context: BrowserContext;
let page: Page;
const pageOptions = { timezoneId: clinicZone, locale: 'en-GB' } as const;

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  seeded = await seedClinicWeek(1_300);
  host = await startBrowserHostProcess({ RPA_SUPERVISOR_BOTS_DIR: resolve(testBotsDir, 'supervision'), RPA_SUPERVISOR_DATA_DIR: seeded.dataDir, TZ: clinicZone });
  context = await browser.newContext({ ...pageOptions, viewport: { width: 1024, height: 800 } });
  page = await context.newPage();
  await page.goto(host.pageUrl);
  await skipWizardIfShown(page);
  // A notice this test machine raises (no secure storage) is read and dismissed once in the
  // morning; what stands between the top and Today after that is the day's work.
  const notices = page.locator('.notice-list > *');
  if ((await notices.count()) > 0) {
    await page.getByTestId('dismiss-all-notices').or(page.locator('.notice-list').getByRole('button', { name: 'Dismiss' })).first().click();
    await expect(notices).toHaveCount(0);
  }
  await signInToSandbox(page, host);
});

test.afterAll(async () => {
  await context?.close();
  await host?.stop();
  if (seeded) await rm(seeded.dataDir, { recursive: true, force: true });
});

const strip = () => page.getByTestId('attention-strip');

/** The page as a person arriving at the window finds it: loaded afresh, focus nowhere yet. */
async function arriveAtOverview(): Promise<void> {
  await page.reload();
  await expect(page.getByTestId('today-summary')).toBeVisible();
  await expect(strip().locator('.attention__item').first()).toBeVisible();
}

test('Today’s counts are five key presses from the top on a busy day: Skip to content, then Skip to Today past Needs attention, at 1024 and 480 px, light and dark', async () => {
  for (const width of [1024, 480]) {
    await page.setViewportSize({ width, height: 800 });
    await arriveAtOverview();
    // The busy day: more than thirty controls in Needs attention before Today's first count.
    expect(await strip().locator('button:visible, summary:visible').count()).toBeGreaterThan(30);
    const pressed: string[] = [];
    const press = async (key: string) => {
      pressed.push(key);
      await page.keyboard.press(key);
    };
    await press('Tab');
    await expectVisibleFocusRing(page.getByRole('button', { name: 'Skip to content' }));
    await press('Enter');
    await press('Tab');
    const skip = strip().getByRole('button', { name: 'Skip to Today' });
    await expectVisibleFocusRing(skip);
    await expect(skip).toBeInViewport();
    const problems = await seriousViolations(page, `Needs attention on a busy day, Skip to Today focused, at ${width} px`);
    expect(problems, JSON.stringify(problems, null, 2)).toEqual([]);
    await press('Enter');
    const heading = page.getByTestId('today-heading');
    await expect(heading).toBeFocused();
    await expect(heading).toBeInViewport();
    await press('Tab');
    const runs = page.getByTestId('today-runs');
    await expect(runs).toBeFocused();
    await expect(runs).toBeInViewport();
    // The ring goes round the whole tile, which is the button's target (styles.css).
    const ring = await runs.evaluate((element) => ({ visible: element.matches(':focus-visible'), outline: getComputedStyle(element, '::after').outlineStyle }));
    expect(ring).toEqual({ visible: true, outline: 'solid' });
    expect(pressed).toEqual(['Tab', 'Enter', 'Tab', 'Enter', 'Tab']);
    // Shift+Tab goes back up into Needs attention, so nothing in it is out of reach.
    await page.keyboard.press('Shift+Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('[data-testid="attention-strip"]') !== null)).toBe(true);
  }
  await page.setViewportSize({ width: 1024, height: 800 });
});

/**
 * A second window on the same host, in Settings, where no strip shows what arrives: each new item
 * is a toast. Its clock is held from here on, so no toast steps aside (after 10 s) while the test
 * looks at it, however slowly the bots start.
 */
async function openWatcher(browser: Browser, width: number): Promise<Page> {
  const watching = await browser.newContext({ ...pageOptions, viewport: { width, height: 800 } });
  const watcher = await watching.newPage();
  await watcher.clock.install();
  await watcher.goto(host.pageUrl);
  await expect(watcher.getByTestId('today-summary')).toBeVisible();
  await watcher.getByTestId('nav-settings').click();
  await expect(watcher.getByTestId('host-info')).toBeVisible();
  await watcher.clock.pauseAt(Date.now() + 1_000);
  return watcher;
}

test('toasts at 480 px: one at a time, two lines of the item at most, and those beyond one go when the window narrows', async ({ browser }) => {
  const watcher = await openWatcher(browser, 1024);
  try {
    const toasts = watcher.getByTestId('attention-toast');
    await page.getByTestId('start-remittance-import').click();
    await expect(toasts).toHaveCount(1);
    await page.getByTestId('start-question-text-bot').click();
    await expect(toasts).toHaveCount(2);

    await watcher.setViewportSize({ width: 480, height: 800 });
    // The newest stays: the question that waits for the supervisor.
    await expect(toasts).toHaveCount(1);
    await expect(toasts.locator('.toast__title')).toHaveText('Batch poster asks a question');
    const box = await toasts.boundingBox();
    expect(box?.height ?? Infinity).toBeLessThanOrEqual(160);
    expect((box?.x ?? -1) >= 0 && (box?.x ?? 0) + (box?.width ?? Infinity) <= 480).toBe(true);
    await watcher.clock.resume();
    const problems = await seriousViolations(watcher, 'a question toast at 480 px');
    expect(problems, JSON.stringify(problems, null, 2)).toEqual([]);
    // Show opens the whole question in the strip, by keyboard.
    await toasts.getByRole('button', { name: 'Show' }).focus();
    await watcher.keyboard.press('Enter');
    const question = watcher.getByTestId('attention-item-question');
    await expect(question).toBeFocused();
    await expect(question.getByTestId('attention-body')).toContainText('Reply with the batch number only.');
  } finally {
    await watcher.context().close();
  }
});

test('a toast never hides the control a keyboard user moves to: Tab down Settings at 480 px scrolls each one clear of it', async ({ browser }) => {
  const watcher = await openWatcher(browser, 480);
  try {
    const toast = watcher.getByTestId('attention-toast');
    await page.getByTestId('start-remittance-import').click();
    await expect(toast).toHaveCount(1);
    const toastBox = await toast.boundingBox();
    await watcher.getByTestId('nav-settings').focus();
    const hidden: string[] = [];
    for (let presses = 0; presses < 30; presses++) {
      await watcher.keyboard.press('Tab');
      const covered = await watcher.evaluate((toastTop) => {
        const focused = document.activeElement;
        if (!(focused instanceof HTMLElement) || focused === document.body || focused.closest('.toasts')) return null;
        const box = focused.getBoundingClientRect();
        return box.bottom > toastTop ? `${focused.tagName} ${focused.textContent?.trim().slice(0, 40) ?? ''} (${Math.round(box.top)}–${Math.round(box.bottom)})` : null;
      }, toastBox?.y ?? 0);
      if (covered) hidden.push(covered);
    }
    expect(hidden).toEqual([]);
  } finally {
    await watcher.context().close();
  }
});

test('the profile editor’s kept changes: Cancel after a visit to the Overview gives focus back to the Edit or Add a profile it came from, not the Settings tab', async () => {
  await page.getByTestId('nav-settings').click();
  const profiles = [{ id: 'clinic-uat', name: 'Clinic UAT', preset: 'custom', issuer: 'https://idp-uat.example.org', clientId: 'rpa-uat', scopes: ['openid'], redirect: { mode: 'loopback' } }];
  await page.getByTestId('profile-import-file').setInputFiles({ name: 'clinic.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ profiles })) });
  await expect(page.getByTestId('profile-import-count')).toHaveText('1 profile imported.');
  const editor = page.getByTestId('profile-editor');
  const nameField = editor.getByTestId('profile-name').getByRole('textbox');

  for (const opener of [page.getByTestId('edit-profile-clinic-uat'), page.getByTestId('add-profile')]) {
    await opener.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('profile-editor-heading')).toBeFocused();
    await nameField.fill('Typed before lunch');
    await page.getByTestId('nav-overview').focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('today-summary')).toBeVisible();
    await page.getByTestId('nav-settings').focus();
    await page.keyboard.press('Enter');
    await expect(editor.getByTestId('profile-draft-kept')).toBeVisible();
    await expect(nameField).toHaveValue('Typed before lunch');
    await editor.getByRole('button', { name: 'Cancel' }).focus();
    await page.keyboard.press('Enter');
    await expect(editor).toHaveCount(0);
    await expectVisibleFocusRing(opener);
    await expect(opener).toBeInViewport();
  }
});

test('Run history’s date fields in a US-English browser: the chosen days are said in words under them, so 03/12 is not read as 12 March', async ({ browser }) => {
  const american = await browser.newContext({ timezoneId: clinicZone, locale: 'en-US', viewport: { width: 480, height: 800 } });
  try {
    const history = await american.newPage();
    await history.goto(host.pageUrl);
    await history.getByTestId('nav-runs').click();
    const words = history.getByTestId('history-days-in-words');
    await expect(words).toHaveCount(0);
    await history.getByTestId('history-from').fill('2025-12-03');
    await expect(words).toHaveText('Runs started on or after Wednesday 3 December 2025.');
    await history.getByTestId('history-to').fill('2025-12-06');
    await expect(words).toHaveText('Runs started from Wednesday 3 December 2025 to Saturday 6 December 2025.');
    // A screen reader hears them with each field.
    await expect(history.getByTestId('history-from')).toHaveAccessibleDescription(/Wednesday 3 December 2025/);
    await expect(history.getByTestId('history-to')).toHaveAccessibleDescription(/Saturday 6 December 2025/);
    expect(await history.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(480);
    const problems = await seriousViolations(history, 'Run history’s dates in words at 480 px');
    expect(problems, JSON.stringify(problems, null, 2)).toEqual([]);
  } finally {
    await american.close();
  }
});
