import { readFile, readdir, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LogBatch, RunView } from '../common/contract.js';
import { systemClock } from '../ports/clock.js';
import { nullLogger } from '../ports/logger.js';
import type { BotManifest } from './bot-manifest.js';
import { parseLogLine } from './log-file-format.js';
import { Redactor } from './redactor.js';
import type { StoredRun } from './run-history.js';
import { RunLogs } from './run-logs.js';
import type { RunManager } from './run-manager.js';
import { waitUntil } from './testing/process-probe.js';
import { misbehaving, runToEnd, useRunFixture, waitForLog } from './testing/run-fixture.js';

/**
 * RunLogs through a real RunManager and real bot processes: live batches for followed runs, a
 * bounded flood, and exportLog (a run's whole log from its files). The export limits are small
 * so a few thousand lines rotate the file once and overflow the ring, which is the case the
 * export exists for: readLog has only the newest lines, the files have them all.
 */
const fixture = useRunFixture();

const total = 5000;
const fileMaxBytes = 200 * 1024;
const ringLines = 200;

/** Prints "line n of total", every hundredth on stderr, then exits 0. */
const printer = `
const total = ${total};
for (let n = 1; n <= total; n += 1) {
  if (n % 100 === 0) process.stderr.write('line ' + n + ' of ' + total + ' (stderr)\\n');
  else process.stdout.write('line ' + n + ' of ' + total + '\\n');
}`;

/** Prints a line and a token-shaped string, then waits to be stopped. */
/** A token-shaped string the hanger prints. */
const printedJwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJkZW1vIn0.c2lnbmF0dXJlc2lnbmF0dXJl';
/** Prints a line and a token-shaped string, then waits to be stopped. */
const hanger = `console.log('${printedJwt}'); console.log('now hanging'); setInterval(() => undefined, 60000);`;

function nodeBot(id: string, script: string): BotManifest {
  return {
    id,
    name: id,
    description: '',
    command: process.execPath,
    args: ['-e', script],
    cwd: fixture.dataDir,
    profileId: 'sandbox',
    tokenDelivery: 'broker',
    concurrency: 1,
    env: {},
  };
}

function exportManager(): RunManager {
  const manager = fixture.newManager({ logLimits: { ringLines, fileMaxBytes } });
  manager.setBots([nodeBot('printer', printer), nodeBot('hanger', hanger)]);
  return manager;
}

/** Resolves with the bot's next run's final view; subscribe before starting it, so no end is missed. */
function nextEnd(manager: RunManager, botId: string): Promise<RunView> {
  return new Promise((resolve) => {
    const subscription = manager.onDidRunEvent((event) => {
      if (event.type === 'ended' && event.run.botId === botId) {
        subscription.dispose();
        resolve(event.run);
      }
    });
  });
}

async function startAndEnd(manager: RunManager, botId: string): Promise<RunView> {
  const ending = nextEnd(manager, botId);
  await manager.start(botId);
  return ending;
}

describe('RunLogs live lines', () => {
  it('batches live lines only while somebody follows the run; the log keeps every line', async () => {
    let following = false;
    const manager = fixture.newManager({ isLogFollowed: () => following });
    const ticker = 'let n = 0; setInterval(() => console.log(`tick ${n++}`), 10);';
    manager.setBots([misbehaving('hang', { id: 'ticker', args: ['-e', ticker] })]);
    const batches: LogBatch[] = [];
    manager.onDidLog((batch) => batches.push(batch));
    const run = await manager.start('ticker');
    await waitForLog(manager, run.id, /tick 5/);
    expect(batches.filter((batch) => batch.runId === run.id)).toEqual([]);

    following = true;
    const followedFrom = manager.readLog(run.id, 0, 5000).lines.at(-1)?.seq ?? 0;
    await waitUntil(() => batches.some((batch) => batch.lines.some((line) => line.text.startsWith('tick'))), 10_000, 'a live batch');
    await manager.stop(run.id);
    const live = batches.flatMap((batch) => batch.lines);
    expect(live.every((line) => line.seq > followedFrom)).toBe(true);
    const kept = manager.readLog(run.id, 0, 5000).lines.filter((line) => line.text.startsWith('tick')).map((line) => line.text);
    expect(kept.slice(0, 6)).toEqual(['tick 0', 'tick 1', 'tick 2', 'tick 3', 'tick 4', 'tick 5']);
  });

  it('S42 a flood of binary, invalid UTF-8, long lines and ANSI stays bounded and responsive', async () => {
    const manager = fixture.newManager({ logLimits: { ringLines: 200, fileMaxBytes: 256 * 1024 } });
    manager.setBots([misbehaving('flood', { env: { MISBEHAVE_MODE: 'flood', MISBEHAVE_FLOOD_BYTES: String(16 * 1024 * 1024) } })]);
    let batches = 0;
    let biggestBatch = 0;
    manager.onDidLog((batch) => {
      batches += 1;
      biggestBatch = Math.max(biggestBatch, batch.lines.length);
    });
    // The event loop must keep ticking while the flood is processed.
    let worstLagMs = 0;
    let last = Date.now();
    const ticker = setInterval(() => {
      worstLagMs = Math.max(worstLagMs, Date.now() - last - 10);
      last = Date.now();
    }, 10);
    try {
      const ended = await runToEnd(manager, await manager.start('misbehaving-flood'), 60_000);
      expect(ended.status).toBe('succeeded');
    } finally {
      clearInterval(ticker);
    }
    const run = manager.listRuns()[0] as RunView;
    const page = manager.readLog(run.id, 0, 5000);
    expect(page.firstSeq).toBeGreaterThan(0);
    expect(page.lines.length).toBeLessThanOrEqual(200);
    for (const line of page.lines) {
      expect(Buffer.byteLength(line.text)).toBeLessThanOrEqual(8 * 1024 + 40);
      expect(line.text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    }
    const texts = page.lines.map((l) => l.text);
    expect(texts).toContain('red text and plain');
    expect(texts.some((t) => /^x+… \[truncated 19\d{4} bytes\]$/.test(t))).toBe(true);
    expect(texts).toContain('\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD(');
    expect(texts).toContain('y'.repeat(64));
    expect(texts.at(-2)).toBe('flood done');
    expect(biggestBatch).toBeLessThanOrEqual(2000);
    expect(batches).toBeGreaterThan(0);
    expect(worstLagMs).toBeLessThan(1000);

    const files = (await readdir(join(fixture.dataDir, 'logs'))).filter((name) => name.startsWith(run.id));
    expect(files.sort()).toEqual([`${run.id}.log`, `${run.id}.log.1`]);
    for (const name of files) expect((await stat(join(fixture.dataDir, 'logs', name))).size).toBeLessThanOrEqual(256 * 1024);
  });
});

describe('RunLogs.export (RunManager.exportLog)', () => {
  it('returns every line of a rotated log in order, where readLog holds only the newest', async () => {
    const manager = exportManager();
    const run = await startAndEnd(manager, 'printer');
    expect(run.status).toBe('succeeded');
    const { fileName, text } = await manager.exportLog(run.id);
    expect(fileName).toBe(`printer-${run.id}.full-log.txt`);

    // Both files exist and the answer is exactly their content, older first.
    const logs = join(fixture.dataDir, 'logs');
    expect((await readdir(logs)).filter((name) => name.startsWith(run.id)).sort()).toEqual([`${run.id}.log`, `${run.id}.log.1`]);
    const [older, newer] = await Promise.all([readFile(join(logs, `${run.id}.log.1`), 'utf8'), readFile(join(logs, `${run.id}.log`), 'utf8')]);
    expect(older.length).toBeGreaterThan(0);
    expect(newer.length).toBeGreaterThan(0);
    expect(text).toBe(older + newer);

    // Every line parses, the seqs run 0, 1, 2… with none missing, and each stream's lines are in order.
    const raw = text.trimEnd().split('\n');
    expect(raw.filter((line) => parseLogLine(line) === undefined)).toEqual([]);
    const parsed = raw.map((line) => parseLogLine(line)).filter((line) => line !== undefined);
    expect(parsed.map((line) => line.seq)).toEqual(parsed.map((_, index) => index));
    const numbers = (stream: string) =>
      parsed.filter((line) => line.stream === stream).map((line) => Number(/^line (\d+) of \d+/.exec(line.text)?.[1]));
    const expected = Array.from({ length: total }, (_, index) => index + 1);
    expect(numbers('stdout')).toEqual(expected.filter((n) => n % 100 !== 0));
    expect(numbers('stderr')).toEqual(expected.filter((n) => n % 100 === 0));
    expect(parsed[0]).toMatchObject({ stream: 'system', text: expect.stringMatching(/^Starting printer/) });
    expect(parsed.at(-1)).toMatchObject({ stream: 'system', text: expect.stringMatching(/the run succeeded/) });

    // The ring no longer has the start; the export does.
    const page = manager.readLog(run.id, 0, 5000);
    expect(page.firstSeq).toBeGreaterThan(0);
    expect(page.lines.length).toBeLessThanOrEqual(ringLines);

    // After a restart, the run's files are read the same way.
    const restarted = exportManager();
    await expect(restarted.exportLog(run.id)).resolves.toEqual({ fileName, text });
  });

  it('includes every line a live run has written so far, redacted as it was written', async () => {
    const manager = exportManager();
    const stopped = nextEnd(manager, 'hanger');
    const run = await manager.start('hanger');
    // The live view shows the line first; the export must have it too, written or not yet.
    await new Promise<void>((resolve) => {
      const subscription = manager.onDidLog((batch) => {
        if (batch.runId === run.id && batch.lines.some((line) => line.text === 'now hanging')) {
          subscription.dispose();
          resolve();
        }
      });
    });
    const { text } = await manager.exportLog(run.id);
    expect(text).toMatch(/^\S+ system #0 Starting hanger/);
    expect(text).toMatch(/ stdout #\d+ \[REDACTED\]\n/);
    expect(text).toMatch(/ stdout #\d+ now hanging\n$/);
    expect(text).not.toContain(printedJwt);

    // A queued run's only line is written the moment start() returns, and not yet on disk:
    // the export waits for it rather than finding no file.
    manager.setMaxConcurrentRuns(1);
    const queued = await manager.start('printer');
    expect(queued.status).toBe('queued');
    const queuedLog = await manager.exportLog(queued.id);
    expect(queuedLog.text).toMatch(/^\S+ system #0 Queued: 1 run is already running, as many as run at once here; this one starts when a slot is free\.\n$/);

    await manager.stop(queued.id);
    await manager.stop(run.id);
    await stopped;
  });

  it('refuses an unknown run, a run whose files are gone, and files beyond the cap, with coded errors', async () => {
    const manager = exportManager();
    await expect(manager.exportLog('run-unknown')).rejects.toMatchObject({ code: 'unknown_run' });

    const run = await startAndEnd(manager, 'printer');
    // Every line of the finished run on disk first, so no late write lands after the changes below.
    await manager.exportLog(run.id);
    const logs = join(fixture.dataDir, 'logs');
    await rm(join(logs, `${run.id}.log.1`));
    await truncate(join(logs, `${run.id}.log`), 17 * 1024 * 1024);
    await expect(manager.exportLog(run.id)).rejects.toMatchObject({ code: 'log_too_large', message: expect.stringContaining('17 MB') });

    await rm(join(logs, `${run.id}.log`));
    await expect(manager.exportLog(run.id)).rejects.toMatchObject({ code: 'run_log_missing', message: expect.stringContaining(run.id) });

    // The files come back (restored from a backup, say): the export works again.
    await writeFile(join(logs, `${run.id}.log`), '2025-01-02T03:04:05.006Z system #0 restored\n');
    await expect(manager.exportLog(run.id)).resolves.toMatchObject({ text: '2025-01-02T03:04:05.006Z system #0 restored\n' });
  });
});

describe('RunLogs finished-log cache', () => {
  it('keeps the newest twenty finished logs in memory and reads older ones back from their files', async () => {
    const logsDir = join(fixture.dataDir, 'logs');
    const history = new Map<string, StoredRun>();
    const logs = new RunLogs({ logsDir, clock: systemClock, logger: nullLogger, redactor: new Redactor(), isLogFollowed: () => false, history, onListenerError: () => undefined });
    const ids = Array.from({ length: 21 }, (_, index) => `run-${index}`);
    for (const id of ids) {
      history.set(id, { id, botId: 'b', botName: 'B', profileId: 'p', status: 'succeeded', startedAt: 1 });
      const log = logs.open(id);
      log.system(`line of ${id}`);
      await log.whenFileWritten();
      logs.finish(id);
    }
    // With the files gone, only what the cache still holds can be read.
    for (const id of ['run-0', 'run-20']) {
      await rm(join(logsDir, `${id}.log`));
    }
    expect(logs.page('run-20', 0, 10).lines.map((line) => line.text)).toEqual(['line of run-20']);
    expect(logs.page('run-0', 0, 10).lines).toEqual([]);
    expect(logs.page('run-5', undefined, 0).lines.map((line) => line.text)).toEqual(['line of run-5']);
    expect(() => logs.page('run-unknown', 0, 10)).toThrow(expect.objectContaining({ code: 'unknown_run' }));
    await logs.dispose();
  });
});
