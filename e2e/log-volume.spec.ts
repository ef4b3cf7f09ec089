import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test, type Download, type Page, type WebSocketRoute } from '@playwright/test';
import type { LogBatch, LogPage } from '../app/common/contract.js';
import { findSecrets, labelled } from '../app/test-support/find-secrets.js';
import { copy } from '../renderer/copy.js';
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
 *
 * Download full log makes the guarantee unconditional: it reads the run's files (which rotate
 * once at 5 MB, so this run uses both), and the test requires every one of the 100,000 lines in
 * order, plus the supervisor's own, whatever the view could show, and not the sign-in's code.
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

/** One line of the run's log file: `ISO-time stream #seq text` (app/bots/log-file-format.ts). */
const fileLinePattern = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z (stdout|stderr|system) +#(\d+) (.*)$/;

async function downloadBy(page: Page, testId: string): Promise<{ download: Download; text: string }> {
  const downloading = page.waitForEvent('download');
  await page.getByTestId(testId).click();
  const download = await downloading;
  return { download, text: await readFile(await download.path(), 'utf8') };
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
  const callback = await signInToSandbox(page, host);

  await page.getByTestId(`start-${testBots.lines}`).click();
  const log = page.getByTestId('run-log');
  const view = page.getByTestId('run-log-view');
  const rows = log.locator('.log-line');
  const lastLine = rows.filter({ hasText: `line ${total} of ${total}` });

  // Following the tail while the lines stream in: nobody touched the view, so however busy the
  // computer, it still follows at the end and the newest line comes into view by itself.
  await expect(page.getByTestId('run-status')).toHaveText('Succeeded', { timeout: 30_000 });
  await expect(page.getByTestId('log-follow')).toHaveAttribute('aria-pressed', 'true');
  await expect(lastLine).toBeVisible({ timeout: 30_000 });

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
    // The core had dropped a stretch before the view could page it.
    expect(shown.count).toBeGreaterThanOrEqual(traffic.lastSeq - shown.gapFreeFrom + 1);
    // The view says so, and points to the download that has every line.
    if (shown.gapFreeFrom > shown.first) await expect(page.getByTestId('run-log-incomplete')).toContainText(copy.runLog.downloadFull);
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
  await expect(page.getByTestId('log-follow')).toHaveAttribute('aria-pressed', 'false');
  const firstRow = log.locator('.log-line[data-index="0"]');
  // Rows are measured as they render, which can move the top a little: scroll until it settles.
  await expect
    .poll(async () => {
      await log.evaluate((element) => element.scrollTo({ top: 0 }));
      return firstRow.isVisible();
    })
    .toBe(true);
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

  // The two downloads are told apart: the matching lines (here the one match), and the full log.
  await expect(page.getByTestId('log-download')).toHaveText(copy.runLog.downloadMatching);
  await expect(page.getByTestId('log-download-full')).toHaveText(copy.runLog.downloadFull);
  const shownDownload = await downloadBy(page, 'log-download');
  expect(shownDownload.text.split('\n')).toEqual([expect.stringMatching(/ line 99999 of 100000$/)]);

  const full = await downloadBy(page, 'log-download-full');
  const runId = /^lines-bot-(run-[\w-]+)\.full-log\.txt$/.exec(full.download.suggestedFilename())?.[1];
  expect(runId).toBeDefined();
  // The run's log rotated once, and the download is both files, the older first.
  const logFile = join(host.dataDir, 'logs', `${runId}.log`);
  const [older, newer] = await Promise.all([readFile(`${logFile}.1`, 'utf8'), readFile(logFile, 'utf8')]);
  expect(older.length).toBeGreaterThan(0);
  expect(full.text).toBe(older + newer);
  await expect(page.getByTestId('log-download-full-feedback')).toHaveText(copy.runLog.downloadedFull(full.download.suggestedFilename()));
  // The line bot is never handed a token; the code of the sign-in is the secret in play here.
  expect(findSecrets([{ where: 'the full log download', text: full.text }], labelled('authorization code', [new URL(callback).searchParams.get('code') ?? '']))).toEqual([]);
  expect(full.text.endsWith('\n')).toBe(true);
  const fileLines = full.text.slice(0, -1).split('\n');
  const parsed = fileLines.map((line) => fileLinePattern.exec(line));
  expect(fileLines.filter((_, index) => parsed[index] === null)).toEqual([]);
  const entries = parsed.map((match) => ({ stream: match?.[1], seq: Number(match?.[2]), text: match?.[3] ?? '' }));
  // Every line the core numbered, from the first to the last, once each and in order.
  expect(entries.length).toBe(traffic.lastSeq + 1);
  expect(entries.every((entry, index) => entry.seq === index)).toBe(true);
  // All 100,000 bot lines, each stream in order (stdout and stderr are separate pipes, so only
  // their own order is the bot's): every thousandth but the last on stderr.
  const numbers = (stream: string) => entries.filter((entry) => entry.stream === stream).map((entry) => Number(/^line (\d+) of 100000/.exec(entry.text)?.[1]));
  const stdout = numbers('stdout');
  const stderr = numbers('stderr');
  expect(stdout.length + stderr.length).toBe(total);
  expect(stdout).toEqual(Array.from({ length: total }, (_, index) => index + 1).filter((n) => n % 1000 !== 0 || n === total));
  expect(stderr).toEqual(Array.from({ length: total / 1000 - 1 }, (_, index) => (index + 1) * 1000));
  // The supervisor's own lines: the start first, the outcome last.
  expect(entries[0]).toMatchObject({ stream: 'system', text: expect.stringMatching(/^Starting Line printer/) });
  expect(entries.at(-1)).toMatchObject({ stream: 'system', text: expect.stringMatching(/the run succeeded/) });
  test.info().annotations.push({ type: 'full log', description: `${entries.length} lines, ${full.text.length} characters` });
});
