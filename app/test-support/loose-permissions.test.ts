import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loosePermissions } from './loose-permissions.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe('loosePermissions', () => {
  if (process.platform === 'win32') console.log('POSIX file modes do not exist on Windows; skipping the 0600/0700 check');
  it.skipIf(process.platform === 'win32')('finds a group-readable file and a world-enterable folder, and passes 0600/0700', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rpa-modes-'));
    dirs.push(dir);
    await mkdir(join(dir, 'private'), { mode: 0o700 });
    await writeFile(join(dir, 'private', 'ok.json'), '{}', { mode: 0o600 });
    await mkdir(join(dir, 'open'));
    await chmod(join(dir, 'open'), 0o755);
    await writeFile(join(dir, 'open', 'leaky.log'), 'x');
    await chmod(join(dir, 'open', 'leaky.log'), 0o640);

    expect(await loosePermissions(dir)).toEqual([
      { path: join(dir, 'open'), kind: 'folder', mode: '755' },
      { path: join(dir, 'open', 'leaky.log'), kind: 'file', mode: '640' },
    ]);
  });
});
