import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunView } from '../contract.js';
import { TokenBroker } from '../broker/token-broker.js';
import { systemClock } from '../ports/clock.js';
import { nullLogger } from '../ports/logger.js';
import type { BotManifest } from './bot-manifest.js';
import { parseLogLine } from './log-file-format.js';
import { RunManager, type RunManagerDeps } from './run-manager.js';
import { FakeSessionAccess } from './testing/fake-session-access.js';

/**
 * exportLog: a run's whole log from its files, through a real RunManager and real bot processes.
 * The limits are small so a few thousand lines rotate the file once and overflow the ring, which
 * is the case the export exists for: readLog has only the newest lines, the files have them all.
 */
const hour = 60 * 60 * 1000;
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

/** A token-shaped string the hanger prints. */
const printedJwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJkZW1vIn0.c2lnbmF0dXJlc2lnbmF0dXJl';
/** Prints a line and a token-shaped string, then waits to be stopped. */
const hanger = `console.log('${printedJwt}'); console.log('now hanging'); setInterval(() => undefined, 60000);`;

let dataDir: string;
let broker: TokenBroker;
let manager: RunManager;
const extraManagers: RunManager[] = [];

function newManager(overrides: Partial<RunManagerDeps> = {}): RunManager {
  const sessions = new FakeSessionAccess();
  sessions.signIn('sandbox', { accessToken: `tok_${randomBytes(24).toString('base64url')}`, expiresAt: Date.now() + hour });
  return new RunManager({
    sessions,
    broker,
    clock: systemClock,
    logger: nullLogger,
    dataDir,
    stopGraceMs: 1000,
    logLimits: { ringLines, fileMaxBytes },
    ...overrides,
  });
}

function nodeBot(id: string, script: string): BotManifest {
  return {
    id,
    name: id,
    description: '',
    command: process.execPath,
    args: ['-e', script],
    cwd: dataDir,
    profileId: 'sandbox',
    tokenDelivery: 'broker',
    concurrency: 1,
    env: {},
  };
}

/** Resolves with the bot's next run's final view; subscribe before starting it, so no end is missed. */
function nextEnd(botId: string): Promise<RunView> {
  return new Promise((resolve) => {
    const subscription = manager.onDidRunEvent((event) => {
      if (event.type === 'ended' && event.run.botId === botId) {
        subscription.dispose();
        resolve(event.run);
      }
    });
  });
}

async function runToEnd(botId: string): Promise<RunView> {
  const ending = nextEnd(botId);
  await manager.start(botId);
  return ending;
}

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'rpa-export-log-'));
  broker = new TokenBroker({ sessions: new FakeSessionAccess(), clock: systemClock, logger: nullLogger });
  await broker.start();
  manager = newManager();
  manager.setBots([nodeBot('printer', printer), nodeBot('hanger', hanger)]);
});

afterEach(async () => {
  await manager.dispose();
  for (const extra of extraManagers.splice(0)) await extra.dispose();
  await broker.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('RunManager.exportLog', () => {
  it('returns every line of a rotated log in order, where readLog holds only the newest', async () => {
    const run = await runToEnd('printer');
    expect(run.status).toBe('succeeded');
    const { fileName, text } = await manager.exportLog(run.id);
    expect(fileName).toBe(`printer-${run.id}.full-log.txt`);

    // Both files exist and the answer is exactly their content, older first.
    const logs = join(dataDir, 'logs');
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
    const restarted = newManager();
    extraManagers.push(restarted);
    await expect(restarted.exportLog(run.id)).resolves.toEqual({ fileName, text });
  });

  it('includes every line a live run has written so far, redacted as it was written', async () => {
    const stopped = nextEnd('hanger');
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
    expect(queuedLog.text).toMatch(/^\S+ system #0 Queued: 1 runs are already executing\.\n$/);

    await manager.stop(queued.id);
    await manager.stop(run.id);
    await stopped;
  });

  it('refuses an unknown run, a run whose files are gone, and files beyond the cap, with coded errors', async () => {
    await expect(manager.exportLog('run-unknown')).rejects.toMatchObject({ code: 'unknown_run' });

    const run = await runToEnd('printer');
    // Every line of the finished run on disk first, so no late write lands after the changes below.
    await manager.exportLog(run.id);
    const logs = join(dataDir, 'logs');
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
