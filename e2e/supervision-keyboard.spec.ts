import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { seriousViolations } from './a11y/check-accessibility.js';
import { expectVisibleFocusRing, tabTo } from './a11y/keyboard.js';
import { startBrowserHostProcess, type BrowserHostProcess } from './support/browser-host-process.js';
import { demoUser, signInToSandbox, skipWizard } from './support/sign-in.js';
import { testBotsDir } from './support/test-bots.js';

/**
 * The supervisor's day by keyboard alone in a window 480 px wide (issue 13: keyboard only for the
 * new flows; the newcomer check): a bot's question answered from its choice buttons, and the
 * approval dialog, where focus starts on Approve, stays in the dialog, Escape closes it without
 * deciding and gives focus back to Review, and Enter approves. After each answer or decision
 * focus goes to the next thing that needs the supervisor, or to the Needs attention heading when
 * nothing is left, never to the top of the page.
 */
test.describe.configure({ mode: 'serial', timeout: 180_000 });

const width = 480;
let host: BrowserHostProcess;
let context: BrowserContext;
let page: Page;
let policyDir: string;

test.beforeAll(async ({ browser }) => {
  // Starting a host and signing in is slow on a loaded machine.
  test.setTimeout(180_000);
  policyDir = await mkdtemp(join(tmpdir(), 'rpa-policy-'));
  const policyFile = join(policyDir, 'policy.json');
  await writeFile(policyFile, JSON.stringify({ version: 1, supervision: { idleAfterMs: 0 } }));
  host = await startBrowserHostProcess({ RPA_SUPERVISOR_BOTS_DIR: resolve(testBotsDir, 'supervision'), RPA_SUPERVISOR_POLICY_FILE: policyFile });
  context = await browser.newContext({ viewport: { width, height: 800 } });
  page = await context.newPage();
  await page.goto(host.pageUrl);
  await skipWizard(page);
  await signInToSandbox(page, host);
});

test.afterAll(async () => {
  await context?.close();
  await host?.stop();
  if (policyDir) await rm(policyDir, { recursive: true, force: true });
});

/** Starts a Tab walk from the top of the page, as a keyboard user arriving at the window does. */
async function tabFromTop(target: Locator): Promise<void> {
  await page.evaluate(() => (document.activeElement instanceof HTMLElement ? document.activeElement.blur() : undefined));
  await tabTo(page, target, 80);
}

/** The focused element's test id, read from `document.activeElement` itself. */
async function activeTestId(): Promise<string | null | undefined> {
  return page.evaluate(() => (document.activeElement === document.body ? 'body' : document.activeElement?.getAttribute('data-testid')));
}

async function expectNoSidewaysScroll(): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
}

test('a question is answered by keyboard alone at 480 px: Tab reaches each choice in order, then Mark as seen; Enter sends the answer and focus moves to the next item', async () => {
  // An approval waits too, so answering the question leaves one more thing that needs the supervisor.
  await page.getByTestId('start-approval-bot').click();
  await expect(page.getByTestId('attention-item-approval')).toBeVisible();
  await page.getByTestId('start-question-bot').click();
  const item = page.getByTestId('attention-item-question');
  await expect(item.getByTestId('attention-body')).toBeVisible();
  const post = item.getByTestId('answer-choice-0');
  const skip = item.getByTestId('answer-choice-1');
  await tabFromTop(post);
  await expectVisibleFocusRing(post);
  await expect(post).toHaveText('Post it');
  await page.keyboard.press('Tab');
  await expectVisibleFocusRing(skip);
  await page.keyboard.press('Tab');
  await expectVisibleFocusRing(item.getByTestId('attention-acknowledge'));
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab');
  await expect(post).toBeFocused();
  await expectNoSidewaysScroll();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('attention-item-question')).toHaveCount(0);
  // Focus is on the approval that still waits (its first control), not on the top of the page.
  const review = page.getByTestId('attention-item-approval').getByTestId('approval-review');
  await expect.poll(activeTestId).toBe('approval-review');
  await expectVisibleFocusRing(review);
  await expect(page.getByTestId('run-log')).toContainText(`answer: Post it (from ${demoUser.name})`);
});

test('the approval dialog by keyboard alone at 480 px: focus starts on Approve and stays in the dialog; Escape closes it undecided and returns focus to Review; Enter approves and focus goes to the Needs attention heading', async () => {
  await page.getByTestId('view-log-approval-bot').click();
  await expect(page.getByTestId('run-status')).toHaveText('Waiting for supervisor');
  const review = page.getByTestId('attention-item-approval').getByTestId('approval-review');
  await tabFromTop(review);
  await expectVisibleFocusRing(review);
  await page.keyboard.press('Enter');

  const dialog = page.getByTestId('approval-dialog');
  const approve = dialog.getByTestId('approval-approve');
  const refuse = dialog.getByTestId('approval-refuse');
  await expect(approve).toBeFocused();
  // The expected duration as a person says it (the manifest's 60,000 ms), not "1 min 0 s".
  await expect(dialog.getByTestId('approval-duration')).toHaveText('1 min');
  // The whole dialog fits the narrow window: nothing cut off at either side, nothing to scroll sideways.
  const box = await dialog.boundingBox();
  expect(box?.x ?? -1).toBeGreaterThanOrEqual(0);
  expect((box?.x ?? 0) + (box?.width ?? Infinity)).toBeLessThanOrEqual(width);
  await expectNoSidewaysScroll();
  const problems = await seriousViolations(page, 'approval dialog at 480 px');
  expect(problems, JSON.stringify(problems, null, 2)).toEqual([]);
  await approve.focus();
  await page.keyboard.press('Tab');
  await expectVisibleFocusRing(refuse);
  // Past the last button focus never reaches the page behind the modal dialog.
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement === document.body || document.activeElement?.closest('dialog') !== null)).toBe(true);
  await refuse.focus();
  await page.keyboard.press('Shift+Tab');
  await expect(approve).toBeFocused();

  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(review).toBeFocused();
  await expect(page.getByTestId('run-status')).toHaveText('Waiting for supervisor');

  await page.keyboard.press('Enter');
  await expect(approve).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('run-log')).toContainText(`token served for ${demoUser.name}`);
  await expect(page.getByTestId('run-status')).toHaveText('Succeeded', { timeout: 30_000 });
  await expect(page.getByTestId('attention-item-approval')).toHaveCount(0);
  // Nothing else needs the supervisor: the strip says so and its heading has focus.
  await expect.poll(activeTestId).toBe('attention-heading');
  await expectVisibleFocusRing(page.getByTestId('attention-heading'));
  await expect(page.getByTestId('attention-all-clear')).toHaveText('Nothing else needs you now.');
  await expectNoSidewaysScroll();
});

test('a typed answer by keyboard at 480 px: the whole long question shows; Enter in the empty box says so at the box and keeps focus there; the typed answer then reaches the bot', async () => {
  await page.getByTestId('start-question-text-bot').click();
  const item = page.getByTestId('attention-item-question');
  // The person answers what they can read: the strip shows the question whole, not the toast's first 200 characters.
  await expect(item.getByTestId('attention-body')).toContainText('Reply with the batch number only.');
  await expect(item.getByTestId('attention-body')).not.toContainText('…');
  const box = item.getByTestId('answer-text');
  await tabFromTop(box);
  await expectVisibleFocusRing(box);
  await page.keyboard.press('Enter');
  const problem = item.getByTestId('answer-text-error');
  await expect(problem).toContainText('type an answer');
  await expect(problem).toHaveAttribute('data-code', 'answer_invalid');
  await expect(box).toHaveAttribute('aria-invalid', 'true');
  const describedBy = await box.getAttribute('aria-describedby');
  await expect(page.locator(`[id="${describedBy}"]`)).toContainText('type an answer');
  await expect(box).toBeFocused();
  await expect(page.getByTestId('run-status')).not.toHaveText('Succeeded');
  await expect(item).toHaveCount(1);
  await expectNoSidewaysScroll();

  await page.keyboard.type('42');
  await page.keyboard.press('Enter');
  await expect(item).toHaveCount(0);
  await page.getByTestId('view-log-question-text-bot').click();
  await expect(page.getByTestId('run-log')).toContainText(`answer: 42 (from ${demoUser.name})`);
});
