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
  it('S38 no bot process (child or grandchild) outlives a SIGKILLed supervisor by 5 s, and runs show interrupted on restart', async () => {
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
    const report = JSON.parse(firstLine) as { watcher: string; plain: string; tree: string; treeChildPid: number; treeGrandchildPid: number };
    const history = JSON.parse(await readFile(join(dataDir, 'runs.json'), 'utf8')) as { runs: { id: string; pid?: number }[] };
    const pidOf = (runId: string) => history.runs.find((run) => run.id === runId)?.pid as number;
    const bots = {
      'the SDK watcher bot': pidOf(report.watcher),
      'the plain (non-SDK) bot': pidOf(report.plain),
      'the spawn-tree bot': pidOf(report.tree),
      "the spawn-tree bot's child": report.treeChildPid,
      "the spawn-tree bot's detached grandchild": report.treeGrandchildPid,
    };
    cleanupPids.push(...Object.values(bots));
    for (const [what, pid] of Object.entries(bots)) expect(isProcessAlive(pid), `${what} (${pid}) runs before the kill`).toBe(true);

    // The grandchild left the bot's group and session; only the RPA_RUN_ID sweep of /proc finds it.
    const mustDie = Object.entries(bots).filter(([what]) => process.platform === 'linux' || !what.includes('grandchild'));
    if (process.platform !== 'linux') console.log('the sweep for detached grandchildren by RPA_RUN_ID is Linux-only; not checking the grandchild here');
    if (process.platform === 'win32') console.log('the reaper kills with taskkill /T on Windows, which this test has not been run against');

    supervisor.kill('SIGKILL');
    // Before any restart: the orphan reaper (and, for the SDK bot, watchSupervisor) must act alone.
    await waitUntil(() => mustDie.every(([, pid]) => !isProcessAlive(pid)), 5000, 'every bot process to be gone after the supervisor died').catch(
      (error: Error) => {
        const survivors = mustDie.filter(([, pid]) => isProcessAlive(pid)).map(([what, pid]) => `${what} (${pid})`);
        throw new Error(`${error.message}; still running: ${survivors.join(', ')}`);
      },
    );

    const sessions = new FakeSessionAccess();
    const broker = new TokenBroker({ sessions, clock: systemClock, logger: nullLogger });
    await broker.start();
    const restarted = new RunManager({ sessions, broker, clock: systemClock, logger: nullLogger, dataDir });
    try {
      expect(restarted.listRuns().map((run) => [run.id, run.status]).sort()).toEqual(
        [
          [report.watcher, 'interrupted'],
          [report.plain, 'interrupted'],
          [report.tree, 'interrupted'],
        ].sort(),
      );
      expect(restarted.readLog(report.watcher).lines.some((line) => line.text === 'watching the supervisor')).toBe(true);
    } finally {
      await restarted.dispose();
      await broker.close();
    }
  });
});
