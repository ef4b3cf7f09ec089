import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CatalogueScan } from '../bots/bot-catalogue.js';
import { loadBotManifests } from '../bots/bot-manifest.js';
import { NoticeBoard } from '../notice-board.js';
import { onCatalogueScan } from './catalogue-scan.js';

const clock = { now: () => 1_700_000_000_000, setTimer: () => ({ dispose: () => undefined }) };
const valid = { id: 'good', name: 'Good', command: 'node', args: ['./good.mjs'], profileId: 'sandbox' };

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rpa-catalogue-scan-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A scan of the real folder, as the catalogue reports it (every error new, as at the first scan). */
async function scanOf(folder: string): Promise<CatalogueScan> {
  const { manifests, errors } = await loadBotManifests(folder);
  const folderError = errors.find((error) => error.file === folder);
  return { dir: folder, manifests, errors, newErrors: errors, ...(folderError ? { folderError } : {}) };
}

describe('onCatalogueScan', () => {
  it('names every bad manifest of a scan in one notice, each with its problem, and still loads the good ones', async () => {
    await writeFile(join(dir, 'good.bot.json'), JSON.stringify(valid));
    await writeFile(join(dir, 'bad-json.bot.json'), '{ "id": "x", }');
    await writeFile(join(dir, 'no-profile.bot.json'), JSON.stringify({ ...valid, id: 'no-profile', profileId: undefined }));
    await writeFile(join(dir, 'typo.bot.json'), JSON.stringify({ ...valid, id: 'typo', timeoutMS: 1 }));
    const notices = new NoticeBoard(clock);
    let loaded: string[] = [];
    onCatalogueScan({ demoMode: false, setBots: (manifests) => (loaded = manifests.map((m) => m.id)), notices })(await scanOf(dir));
    expect(loaded).toEqual(['good']);
    expect(notices.list()).toHaveLength(1);
    const [notice] = notices.list();
    expect(notice).toMatchObject({ level: 'warning', code: 'bot_manifests_invalid' });
    expect(notice?.count).toBeUndefined();
    expect(notice?.message).toBe(
      `3 bot manifests in ${dir} were skipped. ` +
        'bad-json.bot.json: it is not valid JSON: remove the comma after the last entry at line 1, column 12. ' +
        'no-profile.bot.json: profileId: is required. ' +
        'typo.bot.json: timeoutMS: is not a manifest field (did you mean "timeoutMs"?). ' +
        'The other bots still load.',
    );
  });

  it('keeps the single-file notice for one bad manifest, and an unreadable folder takes its place', async () => {
    await writeFile(join(dir, 'typo.bot.json'), JSON.stringify({ ...valid, timeoutMS: 1 }));
    const notices = new NoticeBoard(clock);
    const handle = onCatalogueScan({ demoMode: false, setBots: () => undefined, notices });
    handle(await scanOf(dir));
    expect(notices.list()).toMatchObject([{ code: 'bot_manifest_invalid', message: `The bot manifest ${join(dir, 'typo.bot.json')} was skipped: timeoutMS: is not a manifest field (did you mean "timeoutMs"?).` }]);
    handle(await scanOf(join(dir, 'gone')));
    // Nothing is known of the files in a folder that cannot be read: its own notice says what is wrong.
    expect(notices.list().map((notice) => notice.code)).toEqual(['bots_folder_unreadable']);
    // In words, once: not "could not be read (the bots folder could not be read (ENOENT))".
    expect(notices.list()[0]?.message).toBe(`The bots folder ${join(dir, 'gone')} could not be read (it does not exist, ENOENT), so no bots are listed. Check the folder in Preferences; the list updates by itself once the folder exists.`);
  });

  it('names ten bad files by the first eight and a count', async () => {
    for (let index = 0; index < 10; index += 1) await writeFile(join(dir, `bot-${index}.bot.json`), JSON.stringify({ ...valid, id: `bot-${index}`, profileId: undefined }));
    const notices = new NoticeBoard(clock);
    onCatalogueScan({ demoMode: false, setBots: () => undefined, notices })(await scanOf(dir));
    const message = notices.list()[0]?.message ?? '';
    expect(message).toMatch(/^10 bot manifests in .+ were skipped\. bot-0\.bot\.json: profileId: is required\./);
    expect(message).toContain('bot-7.bot.json');
    expect(message).not.toContain('bot-8.bot.json');
    expect(message).toMatch(/And 2 more\. The other bots still load\.$/);
  });
});
