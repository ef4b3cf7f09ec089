import { rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { readInstanceLock } from '../main/browser/instance-lock.js';
import { seriousViolations } from './a11y/check-accessibility.js';
import { expectVisibleFocusRing, tabTo } from './a11y/keyboard.js';
import { startBrowserHostProcess, type BrowserHostProcess } from './support/browser-host-process.js';
import { signInToSandbox, signInWithRememberedLogin, skipWizard } from './support/sign-in.js';
import { testBotsDir } from './support/test-bots.js';

/**
 * A clinic supervisor's whole day in Needs attention, through the browser host and the real
 * sandbox: the morning sign-in (a 50-minute token, so it is inside the first expiry warning at
 * once), several bots with a failure, a question and an approval, an HCSS company whose
 * administrator removed the app in the Marketplace and added it again, many items at once, and
 * RPA Supervisor killed under a running bot and started again on the same data folder.
 */
const dayBotsDir = resolve(testBotsDir, 'attention-day');
const companyId = 'demo-clinic-1001';
const partnerName = 'Local sandbox (HCSS partner)';

test.describe.configure({ mode: 'serial', timeout: 180_000 });

let host: BrowserHostProcess;
let context: BrowserContext;
let page: Page;
/** The first host's data folder, kept (and removed at the end) once that host is killed. */
let killedDataDir: string | undefined;

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  host = await startDayHost();
  context = await browser.newContext();
  page = await context.newPage();
  await page.goto(host.pageUrl);
  await skipWizard(page);
});

test.afterAll(async () => {
  await context?.close();
  // A killed host has exited already: `stop` would wait for an exit it has missed.
  if (host && host.dataDir !== killedDataDir) await host.stop();
  if (killedDataDir) await rm(killedDataDir, { recursive: true, force: true });
});

function startDayHost(env: Record<string, string> = {}): Promise<BrowserHostProcess> {
  return startBrowserHostProcess({ RPA_SANDBOX_PARTNER: '1', RPA_SANDBOX_TTL_SECONDS: '3000', RPA_SUPERVISOR_BOTS_DIR: dayBotsDir, ...env });
}

const strip = () => page.getByTestId('attention-strip');

/** The count of new items the title starts with, and the strip heading's, agree. */
async function expectNewCount(count: number): Promise<void> {
  if (count === 0) {
    await expect(page).not.toHaveTitle(/^\(\d+\)/);
    await expect(page.getByTestId('attention-count')).toHaveCount(0);
    return;
  }
  await expect(page).toHaveTitle(new RegExp(`^\\(${count}\\) RPA Supervisor`));
  await expect(page.getByTestId('attention-count')).toHaveText(`(${count} new)`);
}

/** A sign-in the app starts in a new tab, on this page's browser, which stays logged in to the sandbox. */
function signInWithProvider(start: () => Promise<void>): Promise<void> {
  return signInWithRememberedLogin(page, host, start);
}

test('morning: the sign-in is inside its first warning, and the strip says so with the one button that fixes it', async () => {
  await signInToSandbox(page, host);
  const expiring = page.getByTestId('attention-item-sessionExpiring');
  await expect(expiring.locator('.attention__title')).toHaveText('Local sandbox sign-in expires soon');
  await expect(expiring).toHaveClass(/attention__item--warning/);
  await expectNewCount(1);
  // The item says what to do, and offers it: the same forced sign-in as the banner's.
  const reauthenticate = expiring.getByRole('button', { name: 'Re-authenticate to Local sandbox' });
  await expect(reauthenticate).toHaveText('Re-authenticate');
  const firstId = await expiring.getAttribute('data-item-id');
  await signInWithProvider(() => reauthenticate.click());
  // A fresh 50-minute token is inside the warning again: the item is about the new expiry.
  await expect(expiring).not.toHaveAttribute('data-item-id', firstId ?? '');
  await expectNewCount(1);
});

test('a company that removed the app in the Marketplace is an error item whose button opens its entry in Settings → Companies, by keyboard', async () => {
  const issuer = /Local sandbox provider: (http:\/\/127\.0\.0\.1:\d+)/.exec(host.output())?.[1];
  expect(issuer, host.output()).toBeDefined();
  const marketplace = await context.newPage();
  await marketplace.goto(`${issuer}/marketplace`);
  await marketplace.getByRole('button', { name: `Remove the app for ${companyId}` }).click();
  await expect(marketplace.locator(`[data-company-status="${companyId}"]`)).toHaveText('App removed');

  await page.getByTestId('nav-settings').click();
  await signInWithProvider(() => page.getByTestId('companies').getByRole('button', { name: `Connect a company to ${partnerName}` }).click());
  await page.getByTestId('nav-overview').click();
  const withdrawn = page.getByTestId('attention-item-companyUnavailable');
  await expect(withdrawn.locator('.attention__title')).toHaveText(`Company ${companyId} no longer allows access`);
  await expect(withdrawn).toHaveClass(/attention__item--error/);
  await expect(withdrawn.getByTestId('attention-body')).toContainText('Ask the company\'s HCSS administrator to add the app again');
  const open = withdrawn.getByRole('button', { name: 'Open in Settings' });
  await expect(open).toBeVisible();
  await page.getByTestId('nav-overview').focus();
  await tabTo(page, open);
  await expectVisibleFocusRing(open);
  await page.keyboard.press('Enter');
  const entry = page.getByTestId(`company-${companyId}`);
  await expect(entry).toBeFocused();
  await expect(entry).toBeInViewport();
  await expect(page.getByTestId(`company-status-${companyId}`)).toHaveText('Problem');

  // The company's administrator adds the app again; connecting it again clears the item.
  await marketplace.getByRole('button', { name: `Add the app for ${companyId}` }).click();
  await expect(marketplace.locator(`[data-company-status="${companyId}"]`)).toHaveText('App added');
  await marketplace.close();
  await signInWithProvider(() => page.getByTestId('companies').getByRole('button', { name: `Connect a company to ${partnerName}` }).click());
  await expect(page.getByTestId(`company-status-${companyId}`)).toHaveText(/Connected|Token valid/);
  await page.getByTestId('nav-overview').click();
  await expect(withdrawn).toHaveCount(0);
});

test('bots at work: a failure, a question and an approval; errors first, then the newest; the title and the heading count the same', async () => {
  await page.getByTestId('start-claims-watcher').click();
  await expect(page.getByTestId('bot-status-claims-watcher')).toHaveText('Running');
  await page.getByTestId('start-remittance-import').click();
  await expect(page.getByTestId('attention-item-runFailed')).toContainText('Remittance import failed');
  await page.getByTestId('start-question-bot').click();
  await expect(page.getByTestId('attention-item-question')).toBeVisible();
  await page.getByTestId('start-approval-bot').click();
  await expect(page.getByTestId('attention-item-approval')).toBeVisible();
  // The failure first (an error), then the newest warnings: the bots waiting for an answer and a
  // decision come before sign-ins whose warning began before they asked.
  const kinds = () => strip().locator('.attention__item').evaluateAll((entries) => entries.map((entry) => entry.getAttribute('data-testid')?.replace('attention-item-', '')));
  await expect.poll(kinds).toEqual(['runFailed', 'approval', 'question', 'sessionExpiring', 'sessionExpiring']);
  await expectNewCount(5);
  const problems = await seriousViolations(page, 'Needs attention with a failure, a question, an approval and expiring sessions');
  expect(problems, JSON.stringify(problems, null, 2)).toEqual([]);
});

test('many items at once: Mark all as seen folds what needs nothing more away, and keeps what still waits for the supervisor in sight', async () => {
  for (let run = 0; run < 14; run++) {
    await page.getByTestId('start-remittance-import').click();
    await expect(page.getByTestId('attention-item-runFailed')).toHaveCount(run + 2);
  }
  // 15 failures, a question, an approval and two expiring sign-ins.
  await expectNewCount(19);
  await page.setViewportSize({ width: 1024, height: 768 });
  const markAll = strip().getByRole('button', { name: 'Mark all as seen' });
  await page.getByTestId('nav-overview').focus();
  await tabTo(page, markAll);
  await expectVisibleFocusRing(markAll);
  await page.keyboard.press('Enter');
  await expectNewCount(0);
  await expect(markAll).toHaveCount(0);
  await expect(page.getByTestId('attention-heading')).toBeFocused();

  // What still waits for an answer or a decision stays in the list; the rest folds into one line.
  const listed = strip().locator('.attention__list').first().locator('.attention__item');
  await expect(listed).toHaveCount(2);
  await expect(listed.nth(0)).toHaveAttribute('data-testid', 'attention-item-approval');
  await expect(listed.nth(1)).toHaveAttribute('data-testid', 'attention-item-question');
  const seen = strip().locator('summary');
  await expect(seen).toHaveText('Seen earlier (17)');
  expect(await strip().evaluate((element) => element.getBoundingClientRect().height)).toBeLessThan(700);

  // The fold opens by keyboard, and each failure is there to open.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await tabTo(page, seen);
  await expectVisibleFocusRing(seen);
  await page.keyboard.press('Enter');
  await expect(strip().locator('details .attention__item')).toHaveCount(17);
  await expect(strip().locator('details [data-testid="attention-item-runFailed"]').first().getByRole('button', { name: 'Open run' })).toBeVisible();
  await page.setViewportSize({ width: 480, height: 800 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(480);
  const problems = await seriousViolations(page, 'Needs attention with 19 items, seen ones unfolded, at 480 px');
  expect(problems, JSON.stringify(problems, null, 2)).toEqual([]);
  await page.keyboard.press('Enter');
  await page.setViewportSize({ width: 1280, height: 720 });
});

test('RPA Supervisor killed under running bots and started again: each run reads as interrupted, a warning, in the strip and in Today', async () => {
  await expect(page.getByTestId('bot-status-claims-watcher')).toHaveText('Running');
  const lock = await readInstanceLock(host.dataDir);
  expect(lock).toBeDefined();
  process.kill(lock?.pid ?? 0, 'SIGKILL');
  await expect.poll(() => isAlive(lock?.pid ?? 0)).toBe(false);
  // Its data folder is the one to start again on, and to remove at the end.
  killedDataDir = host.dataDir;
  host = await startDayHost({ RPA_SUPERVISOR_DATA_DIR: killedDataDir });
  // A fresh page load: the new address may differ from the old one by its fragment alone.
  await page.goto('about:blank');
  await page.goto(host.pageUrl);
  await expect(page.getByTestId('today-summary')).toBeVisible();

  // The watcher, and the question and approval bots that were waiting for the supervisor.
  const interrupted = strip().locator('.attention__list').first().locator('[data-testid="attention-item-runFailed"]');
  await expect(interrupted).toHaveCount(3);
  const watcher = interrupted.filter({ hasText: 'Claims watcher was interrupted' });
  await expect(watcher).toHaveClass(/attention__item--warning/);
  await expect(watcher.getByTestId('attention-body')).toHaveText(
    'RPA Supervisor stopped while this run was live. It was not started again by itself; check what the bot had done, then use Run again if needed.',
  );
  await expect(watcher.getByTestId('attention-ended-at')).toHaveText(/^Last known running at \d\d:\d\d:\d\d$/);
  await expect(strip().locator('[data-testid="attention-item-question"], [data-testid="attention-item-approval"]')).toHaveCount(0);
  await expectNewCount(3);
  // Acknowledged before the restart, still acknowledged: the failures stay folded.
  await expect(strip().locator('summary')).toHaveText('Seen earlier (15)');
  await expect(page.getByTestId('today-stopped')).toHaveText('3');
  await expect(page.getByTestId('today-failed')).toHaveText('15');
  await expect(page.getByTestId('today-running')).toHaveText('0');
  await expect(page.getByTestId('today-waiting')).toHaveText('0');

  await watcher.getByRole('button', { name: 'Open run' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('Interrupted');
  await expect(page.getByTestId('run-again')).toBeVisible();
  const problems = await seriousViolations(page, 'Needs attention with interrupted runs, after a restart');
  expect(problems, JSON.stringify(problems, null, 2)).toEqual([]);
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
