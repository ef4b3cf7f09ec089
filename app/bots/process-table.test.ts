import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { collectProcessTree, readProcessSnapshot, readProcessTable } from './process-table.js';

describe('collectProcessTree', () => {
  const table = [
    { pid: 1, ppid: 0, pgid: 1 },
    { pid: 100, ppid: 50, pgid: 100 }, // the bot, leading its group
    { pid: 101, ppid: 100, pgid: 100 }, // child
    { pid: 102, ppid: 101, pgid: 102 }, // detached grandchild leading its own group
    { pid: 103, ppid: 102, pgid: 102 }, // its child
    { pid: 104, ppid: 1, pgid: 100 }, // orphan still in the bot's group
    { pid: 105, ppid: 1, pgid: 105 }, // unrelated daemon
    { pid: 200, ppid: 1, pgid: 200 }, // found only by the environment marker
    { pid: 201, ppid: 200, pgid: 200 },
  ];

  it('follows parents, the group and groups led by members', () => {
    expect([...collectProcessTree(table, 100)].sort()).toEqual([100, 101, 102, 103, 104]);
  });

  it('adds extra roots and their descendants', () => {
    expect([...collectProcessTree(table, 100, [200])].sort()).toEqual([100, 101, 102, 103, 104, 200, 201]);
  });
});

describe('readProcessTable', () => {
  it('sees this process and its parent', async () => {
    const table = await readProcessTable();
    if (process.platform === 'win32') {
      console.log('process table is not used on Windows (tree-kill walks the tree); skipping');
      return;
    }
    expect(table.find((entry) => entry.pid === process.pid)?.ppid).toBe(process.ppid);
  });
});

describe('readProcessSnapshot', () => {
  it('reads the table and the run markers of real processes in one pass', async () => {
    if (process.platform !== 'linux') {
      console.log('run markers are read from /proc on Linux only; skipping');
      return;
    }
    const runId = `run-snapshot-${process.pid}`;
    const child = spawn(process.execPath, ['-e', 'setInterval(() => undefined, 1000)'], { env: { PATH: process.env.PATH ?? '', RPA_RUN_ID: runId }, stdio: 'ignore' });
    try {
      await new Promise((resolveSpawn) => child.once('spawn', resolveSpawn));
      const snapshot = await readProcessSnapshot();
      expect(snapshot.pidsByRunId.get(runId)).toEqual([child.pid]);
      expect(snapshot.table.find((entry) => entry.pid === child.pid)?.ppid).toBe(process.pid);
    } finally {
      child.kill('SIGKILL');
    }
  });
});

describe('readProcessSnapshot with a large environment', () => {
  it('finds a run marker that sits after 200 KB of other variables', async () => {
    if (process.platform !== 'linux') {
      console.log('run markers are read from /proc on Linux only; skipping');
      return;
    }
    const runId = `run-big-env-${process.pid}`;
    // One variable may hold at most 128 KB (MAX_ARG_STRLEN), so the padding is four of them.
    const padding = Object.fromEntries(Array.from({ length: 4 }, (_, i) => [`PADDING_${i}`, 'x'.repeat(50 * 1024)]));
    const env = { PATH: process.env.PATH ?? '', ...padding, RPA_RUN_ID: runId };
    const child = spawn(process.execPath, ['-e', 'setInterval(() => undefined, 1000)'], { env, stdio: 'ignore' });
    try {
      await new Promise((resolveSpawn) => child.once('spawn', resolveSpawn));
      expect((await readProcessSnapshot()).pidsByRunId.get(runId)).toEqual([child.pid]);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
