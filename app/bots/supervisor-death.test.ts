import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TokenBroker } from '../broker/token-broker.js';
import { systemClock } from '../ports/clock.js';
import { nullLogger } from '../ports/logger.js';
import { RunManager } from './run-manager.js';
import { FakeSessionAccess } from './testing/fake-session-access.js';
import { isProcessAlive, waitUntil } from './testing/process-probe.js';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../..');
const childSupervisor = join(here, 'testing', 'supervisor-child.ts');
const misbehavingScript = join(repoRoot, 'bots', 'misbehaving-bot', 'misbehaving-bot.mjs');

let dataDir: string;
const cleanupPids: number[] = [];

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'rpa-death-'));
});

afterEach(async () => {
  for (const pid of cleanupPids.splice(0)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone, as it should be.
    }
  }
  await rm(dataDir, { recursive: true, force: true });
});

describe('supervisor death', () => {
  it('S38 bots exit within 5 s of the supervisor being SIGKILLed, and show interrupted on restart', async () => {
    const supervisor = spawn(process.execPath, ['--import', 'tsx', childSupervisor, dataDir, misbehavingScript], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    cleanupPids.push(supervisor.pid as number);
    const firstLine = await new Promise<string>((resolveLine, rejectLine) => {
      const lines = createInterface({ input: supervisor.stdout });
      lines.once('line', resolveLine);
      supervisor.once('exit', (code) => rejectLine(new Error(`child supervisor exited early (${code})`)));
    });
    const { watcher, plain } = JSON.parse(firstLine) as { watcher: string; plain: string };
    const history = JSON.parse(await readFile(join(dataDir, 'runs.json'), 'utf8')) as { runs: { id: string; pid?: number }[] };
    const watcherPid = history.runs.find((run) => run.id === watcher)?.pid as number;
    const plainPid = history.runs.find((run) => run.id === plain)?.pid as number;
    cleanupPids.push(watcherPid, plainPid);
    expect(isProcessAlive(watcherPid) && isProcessAlive(plainPid)).toBe(true);

    supervisor.kill('SIGKILL');
    // The SDK's watchSupervisor() sees stdin EOF and exits (the supervisor-died rule).
    await waitUntil(() => !isProcessAlive(watcherPid), 5000, 'the SDK bot to exit after the supervisor died');

    // The next start marks both runs interrupted and, on Linux, kills the bot that ignored the rule.
    const sessions = new FakeSessionAccess();
    const broker = new TokenBroker({ sessions, clock: systemClock, logger: nullLogger });
    await broker.start();
    const restarted = new RunManager({ sessions, broker, clock: systemClock, logger: nullLogger, dataDir });
    try {
      expect(restarted.listRuns().map((run) => [run.id, run.status]).sort()).toEqual(
        [
          [watcher, 'interrupted'],
          [plain, 'interrupted'],
        ].sort(),
      );
      expect(restarted.readLog(watcher).lines.some((line) => line.text === 'watching the supervisor')).toBe(true);
      if (process.platform === 'linux') {
        await waitUntil(() => !isProcessAlive(plainPid), 5000, 'the leftover non-SDK bot to be killed on restart');
      } else {
        console.log('leftover sweep by RPA_RUN_ID is Linux-only; not checking the non-SDK bot here');
      }
    } finally {
      await restarted.dispose();
      await broker.close();
    }
  });
});
