import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dataDirLockAddress, dataDirLockName, lockDataDir } from './data-dir-lock.js';

describe('lockDataDir', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rpa-worker-lock-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('listens in the folder itself, or, for a path the system would cut short, on a name made from the folder', () => {
    expect(dataDirLockAddress('/var/lib/rpa-worker', 'linux')).toBe(`/var/lib/rpa-worker/${dataDirLockName}`);
    const long = `/srv/${'clinic-'.repeat(20)}/worker`;
    expect(dataDirLockAddress(long, 'linux')).toMatch(/^\0rpa-supervisor-worker-[0-9a-f]{32}$/);
    expect(dataDirLockAddress(long, 'darwin', '/private/tmp')).toMatch(/^\/private\/tmp\/rpa-supervisor-worker-[0-9a-f]{32}\.sock$/);
    // Windows folders differ in case only by how they were typed: one pipe per folder.
    expect(dataDirLockAddress('C:\\ProgramData\\RPA Worker', 'win32')).toBe(dataDirLockAddress('c:\\programdata\\rpa worker', 'win32'));
    expect(dataDirLockAddress('C:\\ProgramData\\RPA Worker', 'win32')).toMatch(/^\\\\\?\\pipe\\rpa-supervisor-worker-[0-9a-f]{32}$/);
  });

  it('holds the folder against a second taker until released, and leaves no socket file behind', async () => {
    for (const folder of [join(dir, 'short'), join(dir, 'x'.repeat(120))]) {
      mkdirSync(folder, { recursive: true });
      const lock = await lockDataDir(folder);
      expect(lock).not.toBe('in-use');
      expect(await lockDataDir(folder)).toBe('in-use');
      if (lock !== 'in-use') lock.release();
      const again = await lockDataDir(folder);
      expect(again).not.toBe('in-use');
      if (again !== 'in-use') again.release();
      expect(existsSync(join(folder, dataDirLockName))).toBe(false);
    }
  });
});
