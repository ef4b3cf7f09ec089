import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BotCatalogue } from '../bots/bot-catalogue.js';
import { supervisorError } from '../error-catalogue.js';
import { NoticeBoard } from '../notice-board.js';
import { nullLogger } from '../ports/logger.js';
import { FakeClock } from '../test-support/fake-clock.js';
import { onCatalogueScan } from './catalogue-scan.js';

/**
 * The manifest notices follow the folder: the real catalogue scans a real folder, and the
 * notices on the board say what is wrong in it now, not what was wrong once. Re-scans are asked
 * for by the test (the fake clock never fires the watch's debounce), so each step is one scan.
 */
const valid = { id: 'good', name: 'Good', command: 'node', args: ['./good.mjs'], profileId: 'sandbox' };

let root: string;
let dir: string;
let catalogue: BotCatalogue;
let notices: NoticeBoard;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'rpa-scan-notices-'));
  dir = join(root, 'bots');
  await mkdir(dir);
  const clock = new FakeClock();
  notices = new NoticeBoard(clock);
  catalogue = new BotCatalogue({ dir, clock, logger: nullLogger, onScan: onCatalogueScan({ demoMode: false, setBots: () => undefined, notices }) });
});

afterEach(async () => {
  catalogue.dispose();
  await rm(root, { recursive: true, force: true });
});

const codes = () => notices.list().map((notice) => notice.code);

describe('bots-folder notices after a later scan', () => {
  it('take the bad-manifest notice down once the file is fixed, and once a bad file is removed', async () => {
    await writeFile(join(dir, 'typo.bot.json'), JSON.stringify({ ...valid, timeoutMS: 1 }));
    await catalogue.start();
    expect(codes()).toEqual(['bot_manifest_invalid']);

    await writeFile(join(dir, 'typo.bot.json'), JSON.stringify(valid));
    await catalogue.rescan();
    expect(notices.list()).toEqual([]);

    await writeFile(join(dir, 'broken.bot.json'), '{ "id": "broken", }');
    await catalogue.rescan();
    expect(codes()).toEqual(['bot_manifest_invalid']);
    await rm(join(dir, 'broken.bot.json'));
    await catalogue.rescan();
    expect(notices.list()).toEqual([]);
  });

  it('name only the files still at fault, in place and without a count, down to the one-file notice', async () => {
    await writeFile(join(dir, 'a.bot.json'), JSON.stringify({ ...valid, id: 'a', profileId: undefined }));
    await writeFile(join(dir, 'b.bot.json'), '{ "id": "b", }');
    await writeFile(join(dir, 'c.bot.json'), JSON.stringify({ ...valid, id: 'c', timeoutMS: 1 }));
    await catalogue.start();
    const [first] = notices.list();
    expect(first).toMatchObject({ code: 'bot_manifests_invalid' });
    expect(first?.message).toContain('3 bot manifests in');

    await writeFile(join(dir, 'b.bot.json'), JSON.stringify({ ...valid, id: 'b' }));
    await catalogue.rescan();
    const [second] = notices.list();
    expect(notices.list()).toHaveLength(1);
    expect(second?.id).toBe(first?.id);
    expect(second?.count).toBeUndefined();
    expect(second?.message).toMatch(/^2 bot manifests in .+ a\.bot\.json: profileId: is required\. c\.bot\.json: timeoutMS: /);
    expect(second?.message).not.toContain('b.bot.json');

    await rm(join(dir, 'a.bot.json'));
    await catalogue.rescan();
    expect(notices.list()).toMatchObject([{ id: first?.id, code: 'bot_manifest_invalid', message: expect.stringContaining(join(dir, 'c.bot.json')) as string }]);
    expect(notices.list()[0]?.count).toBeUndefined();
  });

  it('leave a dismissed notice dismissed while files are fixed, and put it up again for a new problem', async () => {
    await writeFile(join(dir, 'a.bot.json'), JSON.stringify({ ...valid, id: 'a', profileId: undefined }));
    await writeFile(join(dir, 'b.bot.json'), '{ "id": "b", }');
    await catalogue.start();
    notices.dismiss(notices.list()[0]?.id ?? '');
    await rm(join(dir, 'a.bot.json'));
    await catalogue.rescan();
    expect(notices.list()).toEqual([]);

    await writeFile(join(dir, 'c.bot.json'), JSON.stringify({ ...valid, id: 'c', timeoutMS: 1 }));
    await catalogue.rescan();
    expect(codes()).toEqual(['bot_manifests_invalid']);
    expect(notices.list()[0]?.message).toContain('c.bot.json');
  });

  it('take the unreadable-folder notice down once the folder is back', async () => {
    await rm(dir, { recursive: true });
    await catalogue.start();
    expect(codes()).toEqual(['bots_folder_unreadable']);
    await mkdir(dir);
    await catalogue.rescan();
    expect(notices.list()).toEqual([]);
  });

  it('leave other notices as they were: coalesced by code, counted', async () => {
    notices.post('warning', supervisorError('secrets_memory_only'));
    notices.post('warning', supervisorError('secrets_memory_only'));
    await writeFile(join(dir, 'typo.bot.json'), JSON.stringify({ ...valid, timeoutMS: 1 }));
    await catalogue.start();
    await rm(join(dir, 'typo.bot.json'));
    await catalogue.rescan();
    expect(notices.list()).toMatchObject([{ code: 'secrets_memory_only', count: 2 }]);
  });
});
