import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lastPortFileName, readLastPort, saveLastPort } from './last-port.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rpa-last-port-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the browser host port kept for next time', () => {
  it('reads back the port saved, in a file only this user can read', async () => {
    expect(await readLastPort(dir)).toBeUndefined();
    await saveLastPort(dir, 43_210);
    expect(await readLastPort(dir)).toBe(43_210);
    expect((await stat(join(dir, lastPortFileName))).mode & 0o777).toBe(0o600);
  });

  it.each([['not json'], ['{"port":"80"}'], ['{"port":80}'], ['{"port":70000}'], ['{"port":1.5}'], ['null']])('ignores %s', async (text) => {
    await writeFile(join(dir, lastPortFileName), text);
    expect(await readLastPort(dir)).toBeUndefined();
  });
});
