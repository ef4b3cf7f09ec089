import { existsSync, readFileSync } from 'node:fs';
import { getPriority } from 'node:os';
import { describe, expect, it, vi } from 'vitest';
import { systemClock } from '../ports/clock.js';
import { AutogroupPriority, type AutogroupDeps } from './autogroup-priority.js';
import { BotProcess } from './bot-process.js';

function errno(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(code), { code });
}

function fakeDeps(answers: (string | undefined)[]): AutogroupDeps & { writes: string[]; waits: number[] } {
  const writes: string[] = [];
  const waits: number[] = [];
  return {
    writes,
    waits,
    write: async (path, text) => {
      writes.push(`${path}=${text}`);
      const code = answers.shift();
      if (code !== undefined) throw errno(code);
    },
    wait: async (ms) => void waits.push(ms),
  };
}

describe('a bot’s scheduling group gets the bot’s priority', () => {
  it('writes the nice value to the bot’s autogroup on Linux', async () => {
    const deps = fakeDeps([]);
    await new AutogroupPriority('linux', deps).lower(4242, 10);
    expect(deps.writes).toEqual(['/proc/4242/autogroup=10']);
  });

  it('retries while the kernel rate-limits the change (EAGAIN), then stops', async () => {
    const deps = fakeDeps(['EAGAIN', 'EAGAIN', undefined]);
    await new AutogroupPriority('linux', deps).lower(7, 10);
    expect(deps.writes).toHaveLength(3);
    expect(deps.waits).toEqual([110, 110]);
  });

  it('gives up at once on any other error: the bot gone, no autogroup, not allowed', async () => {
    for (const code of ['ENOENT', 'ESRCH', 'EPERM', 'EACCES']) {
      const deps = fakeDeps([code]);
      await new AutogroupPriority('linux', deps).lower(7, 10);
      expect(deps.writes).toHaveLength(1);
      expect(deps.waits).toEqual([]);
    }
  });

  it('gives up after a bounded number of rate-limited tries', async () => {
    const deps = fakeDeps(Array.from({ length: 100 }, () => 'EAGAIN'));
    await new AutogroupPriority('linux', deps).lower(7, 10);
    expect(deps.writes).toHaveLength(41);
  });

  it('writes one bot at a time, in order, since the limit is machine-wide', async () => {
    const deps = fakeDeps(['EAGAIN', undefined, undefined]);
    const priority = new AutogroupPriority('linux', deps);
    await Promise.all([priority.lower(1, 10), priority.lower(2, 10)]);
    expect(deps.writes).toEqual(['/proc/1/autogroup=10', '/proc/1/autogroup=10', '/proc/2/autogroup=10']);
  });

  it('does nothing elsewhere, or for a priority that is not lower', async () => {
    const deps = fakeDeps([]);
    await new AutogroupPriority('darwin', deps).lower(7, 10);
    await new AutogroupPriority('win32', deps).lower(7, 10);
    await new AutogroupPriority('linux', deps).lower(7, 0);
    expect(deps.writes).toEqual([]);
  });
});

const autogroup = process.platform === 'linux' && existsSync('/proc/self/autogroup');
if (!autogroup) console.warn('Skipping: this kernel has no autogroup scheduling (/proc/self/autogroup), so there is no group priority to check.');

describe.skipIf(!autogroup)('a real bot on a kernel with autogroup scheduling', () => {
  it('runs below normal priority, and so does its session’s scheduling group, which its own children share', async () => {
    // The bot starts a child of its own, as a Playwright bot starts its browser, and prints both
    // pids. It waits until its own priority has been lowered: the supervisor lowers it once the
    // process exists, so a child started in the first instants would keep normal priority
    // (its scheduling group, checked below, is lowered either way).
    const script =
      "const { spawn } = require('node:child_process'); const { getPriority } = require('node:os'); const start = () => { if (getPriority() !== 10) return setTimeout(start, 5); const c = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' }); console.log(process.pid + ' ' + c.pid); }; start(); setInterval(() => {}, 1000);";
    const lines: string[] = [];
    const bot = new BotProcess({ runId: 'run-nice', command: process.execPath, args: ['-e', script], cwd: process.cwd(), env: { PATH: process.env.PATH ?? '' }, clock: systemClock, keepLineBytes: 4096, onLine: (_stream, line) => void lines.push(line.text) });
    try {
      const spawned = await bot.spawned;
      expect(spawned.ok).toBe(true);
      const pids = await vi.waitFor(() => {
        const found = lines.find((line) => /^\d+ \d+$/.test(line));
        expect(found).toBeDefined();
        return found!.split(' ').map(Number);
      }, { timeout: 10_000, interval: 20 });
      for (const pid of pids) {
        await vi.waitFor(() => expect(readFileSync(`/proc/${pid}/autogroup`, 'utf8')).toMatch(/ nice 10\b/), { timeout: 10_000, interval: 20 });
        expect(getPriority(pid)).toBe(10);
      }
      // The test's own group is untouched: only the bot's session was lowered.
      expect(readFileSync('/proc/self/autogroup', 'utf8')).not.toMatch(/ nice 10\b/);
    } finally {
      await bot.stop(2000);
    }
  });
});
