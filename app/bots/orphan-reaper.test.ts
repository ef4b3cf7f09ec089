import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { Logger } from '../ports/logger.js';
import { OrphanReaper, orphanReaperUnavailableCode } from './orphan-reaper.js';
import { orphanReaperSource } from './orphan-reaper-source.js';
import { isProcessAlive, waitUntil } from './testing/process-probe.js';

const here = dirname(fileURLToPath(import.meta.url));
const misbehavingScript = join(resolve(here, '../..'), 'bots', 'misbehaving-bot', 'misbehaving-bot.mjs');
const posix = process.platform !== 'win32';
const cleanupPids: number[] = [];

afterEach(() => {
  for (const pid of cleanupPids.splice(0)) {
    for (const target of posix ? [-pid, pid] : [pid]) {
      try {
        process.kill(target, 'SIGKILL');
      } catch {
        // Already gone, as it should be.
      }
    }
  }
});

/** A bot-like process: detached (its own group on POSIX, as BotProcess spawns bots), marked with the run id. */
function startVictim(runId: string, mode: 'hang' | 'spawn-tree'): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, [misbehavingScript], {
    detached: posix,
    stdio: ['ignore', 'pipe', 'ignore'],
    env: { PATH: process.env.PATH ?? '', RPA_RUN_ID: runId, MISBEHAVE_MODE: mode },
    windowsHide: true,
  });
  cleanupPids.push(child.pid as number);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

async function startedHang(runId: string): Promise<number> {
  const victim = startVictim(runId, 'hang');
  await waitUntil(() => victim.output().includes('now hanging'), 10_000, `${runId} to hang`);
  return victim.child.pid as number;
}

/** The reaper program run directly, so the test controls every byte on its stdin. */
function startRawReaper(): { child: ChildProcess; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['-e', orphanReaperSource], { detached: posix, stdio: ['pipe', 'ignore', 'inherit'], windowsHide: true });
  cleanupPids.push(child.pid as number);
  const exited = new Promise<number | null>((resolveExit) => child.once('exit', (code) => resolveExit(code)));
  return { child, exited };
}

describe('orphan reaper', () => {
  it('kills a tracked run, its child and its detached grandchild when its stdin ends', async () => {
    const victim = startVictim('run-reaper-tree', 'spawn-tree');
    // Bot and child share the pipe, so either line may come first: wait for both.
    await waitUntil(() => /grandchild pid \d+/.test(victim.output()) && /\bchild pid \d+/.test(victim.output()), 10_000, 'the spawn-tree bot to report its child and grandchild');
    const botPid = victim.child.pid as number;
    const childPid = Number(/\bchild pid (\d+)/.exec(victim.output())?.[1]);
    const grandchildPid = Number(/grandchild pid (\d+)/.exec(victim.output())?.[1]);
    cleanupPids.push(childPid, grandchildPid);
    expect([botPid, childPid, grandchildPid].every(isProcessAlive)).toBe(true);

    const reaper = startRawReaper();
    reaper.child.stdin?.end(`track run-reaper-tree ${botPid}\n`);
    expect(await reaper.exited).toBe(0);

    const mustDie = process.platform === 'linux' ? [botPid, childPid, grandchildPid] : [botPid, childPid];
    if (process.platform !== 'linux') console.log('the RPA_RUN_ID sweep is Linux-only; not checking the detached grandchild here');
    await waitUntil(() => mustDie.every((pid) => !isProcessAlive(pid)), 5000, 'the tracked tree to be killed');
  });

  it('ignores malformed lines, untracked runs and its own pid', async () => {
    const [untracked, hidden, tracked] = await Promise.all([startedHang('run-untracked'), startedHang('run-hidden'), startedHang('run-tracked')]);
    const reaper = startRawReaper();
    const lines = [
      `track run-untracked ${untracked}`,
      'untrack run-untracked',
      // Too long to be ours: dropped whole, although it would be valid once trimmed.
      `${' '.repeat(600)}track run-hidden ${hidden}`,
      `track ../run-hidden ${hidden}`,
      `track run-hidden ${hidden}x`,
      `track run-hidden -${hidden}`,
      `track run-hidden ${hidden} extra`,
      'track run-init 1',
      `track run-self ${reaper.child.pid}`,
      `{"track":"run-hidden","pid":${hidden}}`,
      'kill everything',
      '',
      `track run-tracked ${tracked}`,
    ];
    reaper.child.stdin?.end(`${lines.join('\n')}\n`);
    // Exit code 0 also shows it did not signal its own group (run-self).
    expect(await reaper.exited).toBe(0);
    await waitUntil(() => !isProcessAlive(tracked), 5000, 'the one well-formed tracked run to be killed');
    expect(isProcessAlive(untracked)).toBe(true);
    expect(isProcessAlive(hidden)).toBe(true);
  });

  it('exits with nothing to do after close() once every run was untracked', async () => {
    const victim = await startedHang('run-finished');
    const reaper = new OrphanReaper({ nodeExecutable: process.execPath, logger: recordingLogger().logger });
    reaper.start();
    const reaperPid = reaper.pid as number;
    cleanupPids.push(reaperPid);
    reaper.track('run-finished', victim);
    reaper.untrack('run-finished');
    reaper.close();
    await waitUntil(() => !isProcessAlive(reaperPid), 5000, 'the reaper to exit');
    expect(isProcessAlive(victim)).toBe(true);
  });

  it('logs orphan_reaper_unavailable when it cannot start, without throwing', async () => {
    const { logger, warnings } = recordingLogger();
    const reaper = new OrphanReaper({ nodeExecutable: join(here, 'no-such-node-binary'), logger });
    reaper.start();
    reaper.track('run-anything', 4242);
    await waitUntil(() => warnings.length > 0, 5000, 'the warning');
    expect(warnings).toEqual([orphanReaperUnavailableCode]);
    reaper.close();
  });
});

function recordingLogger(): { logger: Logger; warnings: unknown[] } {
  const warnings: unknown[] = [];
  const logger: Logger = { info: () => undefined, error: () => undefined, warn: (_message, fields) => warnings.push(fields?.code) };
  return { logger, warnings };
}
