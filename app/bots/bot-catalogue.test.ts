import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemClock } from '../ports/clock.js';
import { nullLogger } from '../ports/logger.js';
import { BotCatalogue, type CatalogueScan } from './bot-catalogue.js';
import { waitUntil } from './testing/process-probe.js';

let root: string;
let catalogue: BotCatalogue | undefined;
let scans: CatalogueScan[];

const manifest = (id: string) => JSON.stringify({ id, name: `Bot ${id}`, command: 'node', args: ['./x.mjs'], profileId: 'sandbox' });
const ids = (scan: CatalogueScan | undefined) => scan?.manifests.map((m) => m.id) ?? [];
const latest = () => scans.at(-1);

function start(dir: string): Promise<void> {
  catalogue = new BotCatalogue({ dir, clock: systemClock, logger: nullLogger, debounceMs: 30, retryMs: 100, onScan: (scan) => scans.push(scan) });
  return catalogue.start();
}

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'rpa-catalogue-'));
  scans = [];
});

afterEach(async () => {
  catalogue?.dispose();
  catalogue = undefined;
  await rm(root, { recursive: true, force: true });
});

describe('BotCatalogue', () => {
  it('updates when manifests are added, changed, broken and removed, announcing each problem once', async () => {
    const dir = join(root, 'bots');
    await mkdir(dir);
    await writeFile(join(dir, 'a.bot.json'), manifest('a'));
    await start(dir);
    expect(ids(latest())).toEqual(['a']);

    await writeFile(join(dir, 'b.bot.json'), manifest('b'));
    await waitUntil(() => ids(latest()).join() === 'a,b', 5000, 'b to appear');

    await writeFile(join(dir, 'b.bot.json'), '{ broken');
    await waitUntil(() => ids(latest()).join() === 'a', 5000, 'b to drop out');
    expect(latest()?.newErrors.map((e) => e.file)).toEqual([join(dir, 'b.bot.json')]);

    // An unrelated change re-scans, but the same broken file is not announced again.
    await writeFile(join(dir, 'c.bot.json'), manifest('c'));
    await waitUntil(() => ids(latest()).join() === 'a,c', 5000, 'c to appear');
    expect(latest()?.errors).toHaveLength(1);
    expect(latest()?.newErrors).toEqual([]);

    // Editors save through a temp file and a rename.
    await writeFile(join(dir, 'b.tmp'), manifest('b2'));
    await rename(join(dir, 'b.tmp'), join(dir, 'b.bot.json'));
    await waitUntil(() => ids(latest()).join() === 'a,b2,c', 5000, 'b2 to replace the broken b');
    expect(latest()?.errors).toEqual([]);

    await rm(join(dir, 'a.bot.json'));
    await waitUntil(() => ids(latest()).join() === 'b2,c', 5000, 'a to go');
  });

  it('survives the folder disappearing and picks it up again when it returns', async () => {
    const dir = join(root, 'bots');
    await mkdir(dir);
    await writeFile(join(dir, 'a.bot.json'), manifest('a'));
    await start(dir);
    expect(ids(latest())).toEqual(['a']);

    await rm(dir, { recursive: true });
    await waitUntil(() => latest()?.folderError !== undefined, 5000, 'the missing folder to be reported');
    expect(ids(latest())).toEqual([]);
    expect(latest()?.folderError?.message).toMatch(/ENOENT/);

    await mkdir(dir);
    await writeFile(join(dir, 'z.bot.json'), manifest('z'));
    await waitUntil(() => ids(latest()).join() === 'z', 5000, 'the folder to come back');
    // And it is watched again, not just polled once.
    await writeFile(join(dir, 'y.bot.json'), manifest('y'));
    await waitUntil(() => ids(latest()).join() === 'y,z', 5000, 'y to appear in the re-created folder');
  });

  it('switches folders live, and starts from a folder that does not exist yet', async () => {
    const first = join(root, 'first');
    const second = join(root, 'second');
    await mkdir(first);
    await writeFile(join(first, 'a.bot.json'), manifest('a'));
    await start(second);
    expect(latest()?.folderError).toBeDefined();
    expect(latest()?.newErrors).toHaveLength(1);

    await (catalogue as BotCatalogue).setDir(first);
    expect(latest()).toMatchObject({ dir: first, errors: [] });
    expect(ids(latest())).toEqual(['a']);

    // The old folder appearing later changes nothing: it is no longer the catalogue's folder.
    await mkdir(second);
    await writeFile(join(second, 'b.bot.json'), manifest('b'));
    await writeFile(join(first, 'c.bot.json'), manifest('c'));
    await waitUntil(() => ids(latest()).join() === 'a,c', 5000, 'c to appear');
    expect(scans.filter((scan) => scan.dir === second && ids(scan).includes('b'))).toEqual([]);
  });
});
