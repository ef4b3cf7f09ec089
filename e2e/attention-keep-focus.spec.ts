import { resolve } from 'node:path';
import { expect, test, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { tabTo } from './a11y/keyboard.js';
import { startBrowserHostProcess, type BrowserHostProcess } from './support/browser-host-process.js';
import { watchForDisabledButtons } from './support/disabled-button-witness.js';
import { demoUser, signInToSandbox, skipWizard } from './support/sign-in.js';
import { testBotsDir } from './support/test-bots.js';

/**
 * Needs attention by keyboard alone: Seen, Mark all as seen, a question's choice and Send, and
 * the approval dialog's Approve stay focusable while their command works (never `disabled`,
 * which drops focus to the top of the page), and once the pressed button has done its job and
 * gone, focus is on the next thing in the strip, never on the page itself.
 */
test.describe.configure({ mode: 'serial', timeout: 180_000 });

let host: BrowserHostProcess;
let context: BrowserContext;
let page: Page;
let disabledButtons: () => Promise<string[]>;

test.beforeAll(async ({ browser }) => {
  // Starting a host and signing in is slow on a loaded machine.
  test.setTimeout(180_000);
  host = await startBrowserHostProcess({ RPA_SUPERVISOR_BOTS_DIR: resolve(testBotsDir, 'supervision') });
  context = await browser.newContext();
  page = await context.newPage();
  await page.goto(host.pageUrl);
  await skipWizard(page);
  await signInToSandbox(page, host);
  disabledButtons = await watchForDisabledButtons(page);
});

test.afterAll(async () => {
  await context?.close();
  await host?.stop();
});

/** Starts a Tab walk from the top of the page, as a keyboard user arriving at the window does. */
async function tabFromTop(target: Locator): Promise<void> {
  await page.evaluate(() => (document.activeElement instanceof HTMLElement ? document.activeElement.blur() : undefined));
  await tabTo(page, target, 120);
}

/** The focused element's test id, or where focus is when it is on no control ("body"). */
async function focusedTestId(): Promise<string | null | undefined> {
  return page.evaluate(() => (document.activeElement === document.body ? 'body' : document.activeElement?.getAttribute('data-testid')));
}

test('Seen, Mark all as seen and a choice by keyboard: each keeps focus while it works, and focus then goes to the next thing in the strip', async () => {
  await page.getByTestId('start-remittance-import').click();
  await expect(page.getByTestId('attention-item-runFailed')).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('start-approval-bot').click();
  await expect(page.getByTestId('attention-item-approval')).toBeVisible();
  await page.getByTestId('start-question-bot').click();
  const question = page.getByTestId('attention-item-question');
  await expect(question.getByTestId('answer-choice-0')).toBeVisible();
  await disabledButtons();

  // Seen on the failed run: it folds into "Seen earlier", and focus goes to the next item's first control.
  const failed = page.getByTestId('attention-strip').locator('> ul > [data-testid="attention-item-runFailed"]');
  await tabFromTop(failed.getByTestId('attention-acknowledge'));
  await page.keyboard.press('Enter');
  await expect(failed).toHaveCount(0);
  await expect.poll(focusedTestId).toMatch(/^(answer-choice-0|approval-review)$/);
  expect(await disabledButtons()).toEqual([]);

  // Mark all as seen: it goes with the items it marked, and focus goes to the strip's heading.
  const markAll = page.getByTestId('attention-acknowledge-all');
  await tabFromTop(markAll);
  await page.keyboard.press('Enter');
  await expect(markAll).toHaveCount(0);
  await expect(question).toHaveClass(/attention__item--seen/);
  await expect.poll(focusedTestId).toBe('attention-heading');
  expect(await disabledButtons()).toEqual([]);

  // A choice: the question goes once answered, and focus goes to the approval that still waits.
  await tabFromTop(question.getByTestId('answer-choice-0'));
  await page.keyboard.press('Enter');
  await expect(question).toHaveCount(0);
  await expect.poll(focusedTestId).toBe('approval-review');
  expect(await disabledButtons()).toEqual([]);

  // Approve in the dialog: it stays focusable until the dialog closes.
  await page.keyboard.press('Enter');
  const approve = page.getByTestId('approval-dialog').getByTestId('approval-approve');
  await expect(approve).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('attention-item-approval')).toHaveCount(0);
  await expect.poll(focusedTestId).toBe('attention-heading');
  expect(await disabledButtons()).toEqual([]);
});

test('a typed answer sent with the Send button by keyboard: Send keeps focus while the answer goes, then focus goes to the strip’s heading', async () => {
  await page.getByTestId('start-question-text-bot').click();
  const question = page.getByTestId('attention-item-question');
  const box = question.getByTestId('answer-text');
  await tabFromTop(box);
  await page.keyboard.type('42');
  await page.keyboard.press('Tab');
  await expect(question.getByTestId('answer-send')).toBeFocused();
  await disabledButtons();
  await page.keyboard.press('Enter');
  await expect(question).toHaveCount(0);
  await expect.poll(focusedTestId).toBe('attention-heading');
  expect(await disabledButtons()).toEqual([]);
  await page.getByTestId('view-log-question-text-bot').click();
  await expect(page.getByTestId('run-log')).toContainText(`answer: 42 (from ${demoUser.name})`);
});
