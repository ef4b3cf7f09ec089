import * as fs from 'node:fs/promises';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic, type AtomicWriteFs } from './write-file-atomic.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'write-file-atomic-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const crashAt = (step: 'open' | 'rename'): AtomicWriteFs => ({
  ...fs,
  [step]: async () => {
    throw Object.assign(new Error(`simulated crash at ${step}`), { code: 'EIO' });
  },
});

describe('writeFileAtomic', () => {
  it('writes text and bytes, replacing the previous content in one step', async () => {
    const file = path.join(dir, 'state.json');
    await writeFileAtomic(file, '{"v":1}');
    await writeFileAtomic(file, new TextEncoder().encode('{"v":2}'));
    expect(await readFile(file, 'utf8')).toBe('{"v":2}');
    expect(await readdir(dir)).toEqual(['state.json']);
  });

  it('creates a missing parent folder', async () => {
    const file = path.join(dir, 'a', 'b', 'lock.json');
    await writeFileAtomic(file, 'x');
    expect(await readFile(file, 'utf8')).toBe('x');
  });

  it.skipIf(process.platform === 'win32')('makes the file private (0600) by default and honours a bare mode number', async () => {
    const privateFile = path.join(dir, 'secret');
    await writeFileAtomic(privateFile, 's');
    expect((await stat(privateFile)).mode & 0o777).toBe(0o600);
    const shared = path.join(dir, 'shared');
    await writeFileAtomic(shared, 's', 0o644);
    expect((await stat(shared)).mode & 0o777).toBe(0o644);
  });

  it('S26 keeps the previous file whole when the process dies before the rename', async () => {
    const file = path.join(dir, 'session.secret');
    await writeFile(file, 'old');
    await expect(writeFileAtomic(file, 'new', { fsOps: crashAt('rename') })).rejects.toThrow('simulated crash at rename');
    expect(await readFile(file, 'utf8')).toBe('old');
    // The half-written temp file is removed, not left for the next start to trip over.
    expect(await readdir(dir)).toEqual(['session.secret']);
  });

  it('S26 leaves the previous file untouched when the temp file cannot be created', async () => {
    const file = path.join(dir, 'session.secret');
    await writeFile(file, 'old');
    await expect(writeFileAtomic(file, 'new', { fsOps: crashAt('open') })).rejects.toThrow('simulated crash at open');
    expect(await readFile(file, 'utf8')).toBe('old');
    expect(await readdir(dir)).toEqual(['session.secret']);
  });
});
