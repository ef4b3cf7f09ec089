import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatLogLine, parseLogLine } from './log-file-format.js';
import { RotatingLogFile } from './rotating-log-file.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rpa-logfile-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('RotatingLogFile', () => {
  it('appends lines in order and creates missing folders', async () => {
    const file = new RotatingLogFile({ path: join(dir, 'logs', 'r.log'), maxBytes: 1000 });
    file.append('a\n');
    file.append('b\n');
    await file.close();
    expect(await readFile(join(dir, 'logs', 'r.log'), 'utf8')).toBe('a\nb\n');
  });

  it('rotates to .1 and keeps at most two files of bounded size', async () => {
    const file = new RotatingLogFile({ path: join(dir, 'r.log'), maxBytes: 100 });
    for (let i = 0; i < 50; i += 1) {
      file.append(`${String(i).padStart(9, '0')}\n`);
      await file.whenDrained();
    }
    await file.close();
    expect((await readdir(dir)).sort()).toEqual(['r.log', 'r.log.1']);
    expect((await stat(join(dir, 'r.log'))).size).toBeLessThanOrEqual(100);
    expect((await stat(join(dir, 'r.log.1'))).size).toBeLessThanOrEqual(100);
    expect((await readFile(join(dir, 'r.log'), 'utf8')).trimEnd().split('\n').at(-1)).toBe('000000049');
  });

  it('whenWritten waits for what was appended before it, not for what comes after', async () => {
    const file = new RotatingLogFile({ path: join(dir, 'r.log'), maxBytes: 1024 * 1024 });
    file.append('a\n');
    const written = file.whenWritten();
    file.append('later\n');
    await written;
    // Checked at once: the earlier line is written while the later one still waits, so a bot
    // that never stops printing cannot hold a reader up.
    expect(file.backlogBytes).toBe('later\n'.length);
    await file.whenWritten();
    expect(await readFile(join(dir, 'r.log'), 'utf8')).toBe('a\nlater\n');
    await file.close();
    await expect(file.whenWritten()).resolves.toBeUndefined();
  });

  it('whenWritten settles after a write failure instead of waiting for dropped text', async () => {
    const errors: unknown[] = [];
    const file = new RotatingLogFile({ path: join(dir, 'missing\0bad', 'r.log'), maxBytes: 100, onError: (e) => errors.push(e) });
    file.append('a\n');
    await expect(file.whenWritten()).resolves.toBeUndefined();
    // It settled because the write failed and was reported, not because the text was written.
    expect(errors).toHaveLength(1);
    file.append('b\n');
    await expect(file.whenWritten()).resolves.toBeUndefined();
    expect(errors).toHaveLength(1);
  });

  it('reports a failing path once and keeps accepting appends without throwing', async () => {
    const errors: unknown[] = [];
    const file = new RotatingLogFile({ path: join(dir, 'missing\0bad', 'r.log'), maxBytes: 100, onError: (e) => errors.push(e) });
    file.append('a\n');
    await file.whenDrained();
    file.append('b\n');
    await file.close();
    expect(errors).toHaveLength(1);
  });
});

describe('log file format', () => {
  it('round-trips a line', () => {
    const line = { seq: 7, at: Date.UTC(2025, 0, 2, 3, 4, 5, 6), stream: 'stderr' as const, text: 'hello  world' };
    expect(parseLogLine(formatLogLine(line).trimEnd())).toEqual(line);
    expect(parseLogLine('garbage')).toBeUndefined();
  });
});
