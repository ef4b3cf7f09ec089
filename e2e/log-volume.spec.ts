import { expect, test, type WebSocketRoute } from '@playwright/test';
import type { LogBatch, LogPage } from '../app/contract.js';
import { startBrowserHostProcess, type BrowserHostProcess } from './support/browser-host-process.js';
import { signInToSandbox, skipWizard } from './support/sign-in.js';
import { testBots, testBotsDir } from './support/test-bots.js';

/**
 * The log view at volume: a real bot prints 100,000 lines through the real core and transport;
 * the virtualised list keeps fewer than 200 rows in the DOM, follows the tail to the last line,
 * and the first and last lines stay reachable by scrolling.
 *
 * Completeness: the core sends live lines only to the views that follow the run, and when a
 * flood outruns its batches it skips the oldest pending ones (app/bots/log-batcher.ts); the view
 * pages each gap back with readLog. The core's ring holds only a run's newest lines (10,000 by
 * default; its file holds all), so what is guaranteed is: the last line, and every line from the
 * oldest one the core still held when the view asked (`LogPage.firstSeq`) to the end. The test
 * watches the WebSocket (passing everything through) to learn that point from the core's own
 * answers, not from the page. When the core never had to be asked past its ring, which is the
 * normal case for this bot's pace, that point is 0 and the test requires every line: all 100,000
 * plus the supervisor's own.
 */
let host: BrowserHostProcess;
const total = 100_000;

test.beforeAll(async () => {
  host = await startBrowserHostProcess({ RPA_SUPERVISOR_BOTS_DIR: testBotsDir });
});

test.afterAll(async () => {
  await host?.stop();
});

interface Envelope {
  kind: string;
  requestId?: number;
  command?: string;
  input?: { runId?: string };
  event?: string;
  ok?: boolean;
  value?: unknown;
  payload?: unknown;
}

/** What the core told the page about the run's log: every seq it sent, and what its ring held. */
class LogTraffic {
  readonly #readLogRequests = new Set<number>();
  /** The highest `firstSeq` any readLog answer reported: lines before it may be gone from memory. */
  ringFloor = 0;
  lastSeq = -1;
  liveLines = 0;
  readLogAnswers = 0;

  fromPage(message: Envelope): void {
    if (message.kind === 'invoke' && message.command === 'readLog' && message.requestId !== undefined) this.#readLogRequests.add(message.requestId);
  }

  fromCore(message: Envelope): void {
    if (message.kind === 'event' && message.event === 'log') {
      const batch = message.payload as LogBatch;
      this.liveLines += batch.lines.length;
      this.#saw(batch.lines);
    } else if (message.kind === 'result' && message.requestId !== undefined && this.#readLogRequests.delete(message.requestId) && message.ok) {
      const page = message.value as LogPage;
      this.readLogAnswers += 1;
      this.ringFloor = Math.max(this.ringFloor, page.firstSeq);
      this.#saw(page.lines);
    }
  }

  #saw(lines: LogBatch['lines']): void {
    const last = lines.at(-1);
    if (last && last.seq > this.lastSeq) this.lastSeq = last.seq;
  }
}

test('100,000 lines stream into the view with fewer than 200 rows in the DOM', async ({ page }) => {
  const traffic = new LogTraffic();
  await page.routeWebSocket(/\/ws\?/, (ws: WebSocketRoute) => {
    const server = ws.connectToServer();
    ws.onMessage((raw) => {
      traffic.fromPage(JSON.parse(String(raw)) as Envelope);
      server.send(raw);
    });
    server.onMessage((raw) => {
      traffic.fromCore(JSON.parse(String(raw)) as Envelope);
      ws.send(raw);
    });
  });

  await page.goto(host.pageUrl);
  await skipWizard(page);
  await signInToSandbox(page, host);

  await page.getByTestId(`start-${testBots.lines}`).click();
  const log = page.getByTestId('run-log');
  const view = page.getByTestId('run-log-view');
  const rows = log.locator('.log-line');
  const lastLine = rows.filter({ hasText: `line ${total} of ${total}` });

  // Following the tail while the lines stream in: the newest line comes into view by itself.
  await expect(lastLine).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('run-status')).toHaveText('Succeeded', { timeout: 30_000 });

  // The core flushes a run's lines before its final status, so the last seq is known now. The
  // view has caught up when it ends on that line and has no gap from the guaranteed point on.
  const seqs = async () => ({
    first: Number(await view.getAttribute('data-first-seq')),
    last: Number(await view.getAttribute('data-last-seq')),
    gapFreeFrom: Number(await view.getAttribute('data-gap-free-from')),
    count: Number(await log.getAttribute('data-line-count')),
  });
  await expect
    .poll(async () => {
      const shown = await seqs();
      return shown.last === traffic.lastSeq && shown.gapFreeFrom <= traffic.ringFloor;
    })
    .toBe(true);
  const shown = await seqs();
  test.info().annotations.push({
    type: 'log completeness',
    description: `${shown.count} lines in the view of ${traffic.lastSeq + 1}; ${traffic.liveLines} arrived live, ${traffic.readLogAnswers} readLog answers; ring floor ${traffic.ringFloor}`,
  });
  // Every line from the guaranteed point to the end is there (gap-free by the attribute's meaning).
  expect(shown.gapFreeFrom).toBeLessThanOrEqual(traffic.ringFloor);
  expect(shown.last).toBe(traffic.lastSeq);
  if (traffic.ringFloor === 0) {
    // Nothing was out of the core's reach: the whole log, 100,000 lines and the system lines.
    expect(shown).toEqual({ first: 0, last: traffic.lastSeq, gapFreeFrom: 0, count: traffic.lastSeq + 1 });
    expect(shown.count).toBeGreaterThan(total);
  } else {
    // The core had dropped a stretch before the view could page it; the view says so.
    expect(shown.count).toBeGreaterThanOrEqual(traffic.lastSeq - shown.gapFreeFrom + 1);
    if (shown.gapFreeFrom > shown.first) await expect(page.getByTestId('run-log-incomplete')).toBeVisible();
  }
  const received = shown.count;
  await expect(page.getByTestId('log-line-count')).toHaveText(`${received.toLocaleString('en-GB')} lines`);
  expect(await rows.count()).toBeLessThan(200);
  // Every thousandth line (but the last) went to stderr, and is marked as such.
  await expect(lastLine).toHaveAttribute('data-stream', 'stdout');
  await page.getByTestId('log-search').fill('(stderr)');
  await expect(rows.first()).toBeVisible();
  await expect(rows.first()).toHaveAttribute('data-stream', 'stderr');
  await expect(rows.first()).toHaveClass(/log-line--stderr/);
  await page.getByTestId('log-search').fill('');

  // Back to the top: following stops, the first lines show, and the DOM stays small.
  await log.focus();
  await page.keyboard.press('Home');
  await log.evaluate((element) => element.scrollTo({ top: 0 }));
  await expect(page.getByTestId('log-follow')).toHaveAttribute('aria-pressed', 'false');
  const firstRow = log.locator('.log-line[data-index="0"]');
  await expect(firstRow).toBeVisible();
  await expect(firstRow).toHaveAttribute('data-seq', String(shown.first));
  await expect(firstRow).toContainText(shown.first === 0 ? /Starting Line printer/ : /line \d+ of 100000/);
  await expect(lastLine).toHaveCount(0);
  expect(await rows.count()).toBeLessThan(200);

  // "Jump to latest" brings the last line back.
  await page.getByTestId('log-jump-latest').click();
  await expect(lastLine).toBeVisible();
  await expect(page.getByTestId('log-follow')).toHaveAttribute('aria-pressed', 'true');
  expect(await rows.count()).toBeLessThan(200);

  // Searching the whole log narrows it to the matches (the last lines are always complete).
  await page.getByTestId('log-search').fill('line 99999 of');
  await expect(page.getByTestId('log-line-count')).toHaveText(`1 of ${received.toLocaleString('en-GB')} lines match`);
  await expect(rows).toHaveCount(1);
});
