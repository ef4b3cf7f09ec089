import { expect, test, type Locator, type Page, type WebSocketRoute } from '@playwright/test';
import type { BotView, RunView, SessionView } from '../app/common/contract.js';
import { handOffDeepLink } from '../main/browser/hand-off-deep-link.js';
import { seriousViolations } from './a11y/check-accessibility.js';
import { tabTo } from './a11y/keyboard.js';
import { startBrowserHostProcess, type BrowserHostProcess } from './support/browser-host-process.js';
import { devScheme, signInThroughBrowser, skipWizard, skipWizardIfShown } from './support/sign-in.js';
import { testBots, testBotsDir } from './support/test-bots.js';

/**
 * At a glance (issue 13, item 8, and item 1's notices): the one-line header, the Today summary,
 * one shared reason instead of per-card repeats, no warning on a healthy running bot, Start
 * keeping focus, run history's detail with Run again and a stop-reason column, plain-first
 * errors, duration wording, coalesced notices with Dismiss all, and the page's state once its
 * host has gone. One browser host with the sandbox and the HCSS partner sandbox, so the header
 * has a second session behind "1 more".
 */
let host: BrowserHostProcess;

test.describe.configure({ mode: 'serial', timeout: 120_000 });

test.beforeAll(async () => {
  host = await startBrowserHostProcess({ RPA_SUPERVISOR_BOTS_DIR: testBotsDir, RPA_SANDBOX_PARTNER: '1' });
});

test.afterAll(async () => {
  await host?.stop();
});

async function open(page: Page): Promise<void> {
  await page.goto(host.pageUrl);
  await skipWizardIfShown(page);
  await expect(page.getByTestId('today-summary')).toBeVisible();
}

async function height(locator: Locator): Promise<number> {
  const box = await locator.boundingBox();
  if (!box) throw new Error('not rendered');
  return box.height;
}

test('notices coalesce by code with a count, and Dismiss all clears them', async ({ page }) => {
  await open(page);
  const invalid = `${devScheme}://auth/callback?code=not-for-us`;
  // As a second launcher would hand them over (the same request, without starting one per link).
  for (let i = 0; i < 3; i++) expect(await handOffDeepLink(host.dataDir, invalid)).toMatchObject({ kind: 'answered', result: { kind: 'refused' } });
  const refusals = page.locator('.notice[data-code="invalid_redirect"]');
  await expect(refusals).toHaveCount(1);
  await expect(refusals.locator('.notice__count [aria-hidden="true"]')).toHaveText('×3');
  await expect(refusals.locator('.notice__count .visually-hidden')).toHaveText('3 times');
  await expect(page.locator('.notice')).toHaveCount(2); // and the memory-only notice
  const dismissAll = page.getByTestId('dismiss-all-notices');
  await expect(dismissAll).toHaveText('Dismiss all 2 notices');
  await dismissAll.click();
  await expect(page.locator('.notice')).toHaveCount(0);
  await expect(dismissAll).toHaveCount(0);
});

test('signed out: one shared reason with one fix, plain first with Details by keyboard; the header keeps its height through sign-in', async ({ page }) => {
  await open(page);
  const header = page.locator('header.app-header');
  const signedOutHeight = await height(header);

  // Every bot waits for the same sign-in: one note above the bots, none on the cards.
  const shared = page.getByTestId('start-blocked-shared');
  await expect(shared).toHaveCount(1);
  await expect(shared).toHaveAttribute('data-code', 'not_signed_in');
  const botCount = await page.locator('[data-testid="bot-list"] > li').count();
  expect(botCount).toBeGreaterThan(2);
  await expect(shared).toContainText(`All ${botCount} bots are waiting for this.`);
  await expect(page.locator('.bot-item__blocked')).toHaveCount(0);
  await expect(page.getByTestId(`start-${testBots.api}`)).toHaveAccessibleDescription('Sign in first, so that bots can get a token.');

  // Plain words first; the catalogue's sentence and the code behind Details, by keyboard.
  await expect(shared.locator('.error-message__text')).toHaveText('Sign in first, so that bots can get a token.');
  const details = shared.getByRole('button', { name: 'Details' });
  await expect(shared.locator('.error-message__details')).toBeHidden();
  await tabTo(page, details, 80);
  await page.keyboard.press('Enter');
  await expect(details).toHaveAttribute('aria-expanded', 'true');
  await expect(shared.locator('.error-message__details')).toHaveText('Sign in to Local sandbox first. Error code: not_signed_in');

  // The shared note's own button signs in; the header is the same height in every state.
  const heights: number[] = [];
  await signInThroughBrowser(page, host, async () => {
    await page.getByTestId('sign-in-for-all-sandbox').click();
    await expect(page.getByTestId('header-session-sandbox')).toHaveAttribute('data-status', 'waitingForBrowser');
    heights.push(await height(header));
  });
  await expect(page.getByTestId('header-session-sandbox')).toHaveAttribute('data-status', 'active');
  heights.push(await height(header));
  expect(heights).toEqual([signedOutHeight, signedOutHeight]);
  await expect(shared).toHaveCount(0);

  // The other session waits behind "1 more", a keyboard disclosure.
  const more = page.getByTestId('header-more');
  await expect(more).toHaveText('1 more');
  // Past every card's controls (priority, schedule, Start) and round to the header.
  await tabTo(page, more, 120);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('header-session-sandbox-partner')).toBeVisible();
  expect(await height(header)).toBe(signedOutHeight);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('header-session-sandbox-partner')).toHaveCount(0);
  await expect(more).toBeFocused();
  // Tab past the panel's last control closes it too, so it does not stay over the page.
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('header-session-sandbox-partner')).toBeVisible();
  const panelControls = await page.getByTestId('header-more-panel').locator('button:not([disabled]), a[href]').count();
  for (let press = 0; press <= panelControls; press += 1) await page.keyboard.press('Tab');
  await expect(more).not.toBeFocused();
  await expect(page.getByTestId('header-session-sandbox-partner')).toHaveCount(0);
});

test('Start keeps keyboard focus, a healthy running bot shows no warning, and Today counts the runs', async ({ page }) => {
  await open(page);
  await expect(page.getByTestId('today-next')).toHaveText('No runs scheduled');
  const runsBefore = Number(await page.getByTestId('today-runs').textContent());
  const start = page.getByTestId(`start-${testBots.hang}`);
  await tabTo(page, start, 80);
  await page.keyboard.press('Enter');
  const stop = page.getByTestId(`stop-${testBots.hang}`);
  await expect(stop).toBeFocused();
  await expect(page.getByTestId(`bot-status-${testBots.hang}`)).toHaveText('Running');
  await expect(page.getByTestId('today-running')).toHaveText('1');
  await expect(page.getByTestId('today-runs')).toHaveText(String(runsBefore + 1));

  // Running is healthy: nothing on the card warns; Start says why it is off only to screen readers.
  const card = page.getByTestId(`bot-${testBots.hang}`);
  await expect(card.locator('.bot-item__blocked, .error-message, .banner')).toHaveCount(0);
  await expect(page.getByTestId('start-blocked-shared')).toHaveCount(0);
  await expect(start).toBeDisabled();
  await expect(start).toHaveAccessibleDescription('This bot is already running as often as it may.');

  await page.keyboard.press('Enter');
  await expect(page.getByTestId(`bot-status-${testBots.hang}`)).toHaveText('Stopped', { timeout: 30_000 });
  // Stop went with the run: focus is back on Start, not at the top of the page.
  await expect(stop).toHaveCount(0);
  await expect(start).toBeFocused();
  await expect(page.getByTestId('today-stopped')).not.toHaveText('0');
  await expect(page.getByTestId('today-running')).toHaveText('0');
});

test('run history: a stop-reason column, the detail takes focus, and Run again starts the same bot and profile', async ({ page }) => {
  const startRuns: { botId: string }[] = [];
  const started: RunView[] = [];
  await page.routeWebSocket(/\/ws\?/, (ws: WebSocketRoute) => {
    const server = ws.connectToServer();
    const startRequests = new Set<number>();
    ws.onMessage((raw) => {
      const message = JSON.parse(String(raw)) as { kind: string; command?: string; requestId?: number; input?: { botId: string } };
      if (message.kind === 'invoke' && message.command === 'startRun' && message.input && message.requestId !== undefined) {
        startRuns.push(message.input);
        startRequests.add(message.requestId);
      }
      server.send(raw);
    });
    server.onMessage((raw) => {
      const message = JSON.parse(String(raw)) as { kind: string; requestId?: number; ok?: boolean; value?: RunView };
      if (message.kind === 'result' && message.ok && message.requestId !== undefined && startRequests.has(message.requestId) && message.value) started.push(message.value);
      ws.send(raw);
    });
  });
  await open(page);
  await page.getByTestId('nav-runs').click();
  const stopped = page.locator('tbody tr').filter({ hasText: 'Claims watcher' }).first();
  // Stopped by whoever is at the app: the signed-in supervisor, by name (run-history-followups.spec.ts).
  await expect(stopped.locator('td.table__reason')).toHaveText(/^Stopped by (?!the operator).+\.$/);
  await expect(page.getByRole('columnheader', { name: 'Stop reason' })).toBeVisible();

  await stopped.getByRole('button').click();
  await expect(page.getByTestId('run-detail-heading')).toBeFocused();
  await expect(page.getByTestId('run-reason')).toHaveText(/^Stopped by (?!the operator).+\.$/);
  const rowsBefore = await page.locator('tbody tr').count();

  const runAgain = page.getByTestId('run-again');
  await expect(runAgain).toHaveAccessibleName('Run again: Claims watcher');
  await runAgain.click();
  // The new run is live, so focus moves to its Stop in the detail.
  await expect(page.getByTestId('run-stop')).toBeFocused();
  await expect(page.locator('tbody tr')).toHaveCount(rowsBefore + 1);
  expect(startRuns).toEqual([{ botId: testBots.hang }]);
  expect(started.map((run) => [run.botId, run.profileId])).toEqual([[testBots.hang, 'sandbox']]);
  await page.getByTestId('run-stop').click();
  await expect(page.getByTestId('run-status')).toHaveText('Stopped', { timeout: 30_000 });
});

test('the history table keeps every column visible down to 760 px, and the detail sits beside it on wide screens', async ({ page }) => {
  await open(page);
  await page.getByTestId('nav-runs').click();
  await page.locator('tbody tr').first().getByRole('button').click();
  for (const width of [760, 1024, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    const wrap = page.locator('.table-wrap').first();
    const overflow = await wrap.evaluate((element) => element.scrollWidth - element.clientWidth);
    expect(overflow, `table overflow at ${width} px`).toBeLessThanOrEqual(0);
    const wrapBox = await wrap.boundingBox();
    for (const header of await page.locator('thead th').all()) {
      const box = await header.boundingBox();
      expect(box && wrapBox && box.x + box.width <= wrapBox.x + wrapBox.width + 1, `${await header.textContent()} at ${width} px`).toBe(true);
    }
  }
  const table = await page.locator('.table-wrap').first().boundingBox();
  const detail = await page.getByTestId('run-log-panel').boundingBox();
  expect(detail && table && detail.x > table.x + table.width - 1).toBe(true);
});

test('durations under a second say "under 1 s", and the last minute of a session counts seconds', async ({ page }) => {
  const now = Date.now();
  await page.routeWebSocket(/\/ws\?/, (ws: WebSocketRoute) => {
    const server = ws.connectToServer();
    ws.onMessage((raw) => server.send(raw));
    server.onMessage((raw) => {
      const message = JSON.parse(String(raw)) as { kind: string; event?: string; payload?: { bots: BotView[]; sessions: SessionView[] }; value?: { bots?: BotView[]; sessions?: SessionView[] } };
      const state = message.event === 'state' ? message.payload : message.value?.bots ? message.value : undefined;
      if (state?.bots && state.sessions) {
        const quick = state.bots.find((bot) => bot.id === testBots.api);
        if (quick) quick.lastRun = { id: 'quick-run', botId: quick.id, botName: quick.name, profileId: quick.profileId, status: 'succeeded', startedAt: now - 5_000, endedAt: now - 4_600 };
        const sandbox = state.sessions.find((session) => session.profileId === 'sandbox');
        if (sandbox) Object.assign(sandbox, { status: 'expiring', warningMinutes: 5, expiresAt: now + 45_000 });
      }
      ws.send(JSON.stringify(message));
    });
  });
  await open(page);
  await expect(page.getByTestId(`bot-duration-${testBots.api}`)).toHaveText('under 1 s');
  await expect(page.getByTestId('expiry-banner-sandbox')).toContainText(/ends in \d{1,2} seconds\./);
});

test('the overview, history and an open header menu pass axe in light and dark, at 1024 and 480 px without sideways scrolling', async ({ page }) => {
  // Eight axe passes (two screens, two widths, light and dark); slow when the machine is busy.
  test.setTimeout(360_000);
  await open(page);
  const problems = [];
  for (const width of [1024, 480]) {
    await page.setViewportSize({ width, height: 800 });
    await page.getByTestId('nav-overview').click();
    await page.getByTestId('header-more').click();
    await expect(page.getByTestId('header-more-panel')).toBeVisible();
    problems.push(...(await seriousViolations(page, `overview with the header menu open at ${width} px`)));
    await page.keyboard.press('Escape');
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), `page overflow at ${width} px`).toBeLessThanOrEqual(0);
    await page.getByTestId('nav-runs').click();
    await page.locator('tbody tr').first().getByRole('button').click();
    problems.push(...(await seriousViolations(page, `run history with a detail at ${width} px`)));
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), `page overflow at ${width} px`).toBeLessThanOrEqual(0);
  }
  expect(problems).toEqual([]);
});

test('after the host goes away the page says so, disables its controls, and points to the new address', async ({ page }) => {
  test.setTimeout(180_000);
  const ownHost = await startBrowserHostProcess({ RPA_SUPERVISOR_BOTS_DIR: testBotsDir });
  try {
    await page.goto(ownHost.pageUrl);
    await skipWizard(page);
    await expect(page.getByTestId(`start-${testBots.api}`)).toBeVisible();
  } finally {
    await ownHost.stop();
  }
  const status = page.getByTestId('connection-status');
  await expect(status).toHaveAttribute('data-status', 'gone', { timeout: 20_000 });
  await expect(status).toContainText('RPA Supervisor has stopped or restarted');
  await expect(status).toContainText('Open the new address RPA Supervisor printed');
  await expect(page.getByTestId('nav-runs')).toBeDisabled();
  await expect(page.getByTestId('header-sign-in-sandbox')).toBeDisabled();
  await expect(page.getByTestId('content-controls')).toHaveJSProperty('disabled', true);
  expect(await seriousViolations(page, 'host gone')).toEqual([]);
});
