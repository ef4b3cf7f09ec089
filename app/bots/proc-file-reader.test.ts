import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProcFileReader, procScanLanes, visitPids } from './proc-file-reader.js';

describe('ProcFileReader', () => {
  it('reads a file of unknown size whole, growing past its first buffer, and keeps no huge buffer', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'proc-reader-'));
    try {
      const big = randomBytes(200 * 1024);
      const small = Buffer.from('short file\n');
      await writeFile(join(dir, 'big'), big);
      await writeFile(join(dir, 'small'), small);
      const reader = new ProcFileReader();
      expect(Buffer.compare(await reader.read(join(dir, 'big')), big)).toBe(0);
      expect(reader.retainable).toBe(false);
      expect((await reader.read(join(dir, 'small'))).toString()).toBe(small.toString());
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('reads /proc files that report a size of 0 (Linux)', async () => {
    if (process.platform !== 'linux') {
      console.log('/proc is read on Linux only; skipping');
      return;
    }
    const reader = new ProcFileReader();
    expect((await reader.read('/proc/self/environ')).toString()).toBe((await readFile('/proc/self/environ')).toString());
    expect((await reader.read(`/proc/${process.pid}/stat`)).toString()).toMatch(new RegExp(`^${process.pid} \\(`));
    await expect(reader.read('/proc/0/stat')).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('visitPids', () => {
  it(`visits every pid, at most ${procScanLanes} at a time, and returns results in pid order without the undefined ones`, async () => {
    const pids = Array.from({ length: 100 }, (_, i) => i + 1);
    let inFlight = 0;
    let most = 0;
    const results = await visitPids(pids, async (pid) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      // Later pids finish first, so order comes from the index, not from completion.
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (pid % 2 === 0) await new Promise<void>((resolve) => setImmediate(resolve));
      inFlight -= 1;
      return pid % 10 === 0 ? undefined : pid;
    });
    expect(most).toBe(procScanLanes);
    expect(results).toEqual(pids.filter((pid) => pid % 10 !== 0));
  });

  it('gives each lane its own reader, so a view is not overwritten by another lane', async () => {
    const seen = new Map<ProcFileReader, number>();
    await visitPids(Array.from({ length: 40 }, (_, i) => i), async (pid, reader) => {
      const owner = seen.get(reader);
      seen.set(reader, pid);
      await new Promise<void>((resolve) => setImmediate(resolve));
      // Still ours after a turn: no other lane used this reader meanwhile.
      expect(seen.get(reader)).toBe(pid);
      return owner;
    });
    expect(seen.size).toBe(procScanLanes);
  });

  it('visits nothing for no pids', async () => {
    expect(await visitPids([], async () => 1)).toEqual([]);
  });
});
