import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadBotManifests, parseBotManifest } from './bot-manifest.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rpa-manifests-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const valid = { id: 'api-bot', name: 'API bot', command: 'node', args: ['./api-bot/api-bot.mjs', '--flag'], profileId: 'sandbox' };

describe('loadBotManifests', () => {
  it('loads valid manifests with defaults and resolved paths', async () => {
    await writeFile(join(dir, 'api.bot.json'), JSON.stringify({ ...valid, cwd: './work' }));
    const { manifests, errors } = await loadBotManifests(dir);
    expect(errors).toEqual([]);
    expect(manifests).toEqual([
      {
        ...valid,
        description: '',
        command: 'node',
        args: [join(dir, 'api-bot', 'api-bot.mjs'), '--flag'],
        cwd: join(dir, 'work'),
        tokenDelivery: 'broker',
        concurrency: 1,
        priority: 'normal',
        exclusive: false,
      },
    ]);
  });

  it('reads priority, exclusive and a cron schedule, and names a bad pattern or priority', () => {
    expect(parseBotManifest({ ...valid, priority: 'high', exclusive: true, schedule: '0 9 * * 1-5' }, dir)).toMatchObject({ ok: true, manifest: { priority: 'high', exclusive: true, schedule: '0 9 * * 1-5' } });
    expect(parseBotManifest({ ...valid, schedule: '*/2 * * * * *' }, dir)).toMatchObject({ ok: true, manifest: { schedule: '*/2 * * * * *' } });
    expect(parseBotManifest({ ...valid, schedule: '61 * * * *' }, dir)).toEqual({ ok: false, message: 'schedule: is not a cron pattern (Invalid value for minute: 61)' });
    expect(parseBotManifest({ ...valid, schedule: 'every day' }, dir)).toMatchObject({ ok: false, message: expect.stringMatching(/^schedule: is not a cron pattern/) });
    expect(parseBotManifest({ ...valid, priority: 'urgent' }, dir)).toMatchObject({ ok: false, message: expect.stringMatching(/^priority:/) });
  });

  it('reports each bad file by name and field without stopping the others', async () => {
    await writeFile(join(dir, 'a.bot.json'), JSON.stringify(valid));
    await writeFile(join(dir, 'b.bot.json'), '{ not json');
    await writeFile(join(dir, 'c.bot.json'), JSON.stringify({ ...valid, id: 'c', command: 42 }));
    await writeFile(join(dir, 'd.bot.json'), JSON.stringify({ ...valid, id: 'd', timeoutMS: 5 }));
    await writeFile(join(dir, 'e.bot.json'), JSON.stringify({ ...valid, id: 'e', env: { RPA_ACCESS_TOKEN: 'x' } }));
    await writeFile(join(dir, 'f.bot.json'), JSON.stringify(valid));
    await writeFile(join(dir, 'ignored.json'), '{}');
    const { manifests, errors } = await loadBotManifests(dir);
    expect(manifests.map((m) => m.id)).toEqual(['api-bot']);
    expect(errors.map((e) => e.file)).toEqual(['b', 'c', 'd', 'e', 'f'].map((n) => join(dir, `${n}.bot.json`)));
    expect(errors[0]?.message).toMatch(/not valid JSON/);
    expect(errors[1]?.message).toMatch(/^command:/);
    expect(errors[2]?.message).toMatch(/timeoutMS/);
    expect(errors[3]?.message).toMatch(/^env\.RPA_ACCESS_TOKEN:/);
    expect(errors[4]?.message).toMatch(/already used by .*a\.bot\.json/);
  });

  it('reads a manifest a Windows editor saved with a byte-order mark, as UTF-8 or as UTF-16', async () => {
    await writeFile(join(dir, 'notepad.bot.json'), `\uFEFF${JSON.stringify({ ...valid, id: 'notepad' })}`);
    await writeFile(join(dir, 'powershell.bot.json'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(JSON.stringify({ ...valid, id: 'powershell' }), 'utf16le')]));
    const { manifests, errors } = await loadBotManifests(dir);
    expect(errors).toEqual([]);
    expect(manifests.map((m) => m.id)).toEqual(['notepad', 'powershell']);
  });

  it('says where broken JSON breaks, by the line and column an editor shows', async () => {
    await writeFile(join(dir, 'comma.bot.json'), '{\n  "id": "comma",\n  "name": "Comma",\n}\n');
    const { errors } = await loadBotManifests(dir);
    expect(errors[0]?.message).toBe('it is not valid JSON: remove the comma after the last entry at line 3, column 18');
  });

  it('names a missing field as required and suggests the field a misspelt key meant', () => {
    const { profileId: _profileId, ...noProfile } = valid;
    expect(parseBotManifest(noProfile, dir)).toEqual({ ok: false, message: 'profileId: is required' });
    expect(parseBotManifest({ ...valid, timeoutMS: 5 }, dir)).toEqual({ ok: false, message: 'timeoutMS: is not a manifest field (did you mean "timeoutMs"?)' });
    expect(parseBotManifest({ ...valid, profile: 'sandbox' }, dir)).toEqual({ ok: false, message: 'profile: is not a manifest field (did you mean "profileId"?)' });
    expect(parseBotManifest({ ...valid, colour: 'red' }, dir)).toEqual({ ok: false, message: 'colour: is not a manifest field' });
    expect(parseBotManifest({ ...valid, env: { 'API-URL': 'x' } }, dir)).toEqual({ ok: false, message: 'env.API-URL: must be a valid environment variable name' });
  });

  it('names the reserved variable a manifest sets, and points the token at tokenDelivery', () => {
    expect(parseBotManifest({ ...valid, env: { RPA_ACCESS_TOKEN: 'x' } }, dir)).toEqual({
      ok: false,
      message: 'env.RPA_ACCESS_TOKEN: is set by RPA Supervisor itself, so a manifest may not set it; to get the token in the environment, set "tokenDelivery": "env" instead',
    });
    expect(parseBotManifest({ ...valid, env: { RPA_RUN_ID: 'x' } }, dir)).toEqual({ ok: false, message: 'env.RPA_RUN_ID: is set by RPA Supervisor itself, so a manifest may not set it' });
  });

  it('lists a manifest reached through a symbolic link, names a *.bot.json that is no file instead of skipping it in silence, and passes over a link to nothing', async (context) => {
    if (process.platform === 'win32') context.skip('symbolic links need a privilege on Windows');
    const elsewhere = await mkdtemp(join(tmpdir(), 'rpa-manifest-targets-'));
    try {
      await writeFile(join(elsewhere, 'shared.json'), JSON.stringify({ ...valid, id: 'shared' }));
      await symlink(join(elsewhere, 'shared.json'), join(dir, 'shared.bot.json'));
      // What Emacs leaves beside a file being edited.
      await symlink('me@clinic-pc.4242:1700000000', join(dir, '.#plain.bot.json'));
      await mkdir(join(dir, 'folder.bot.json'));
      await writeFile(join(dir, 'plain.bot.json'), JSON.stringify(valid));
      const { manifests, errors } = await loadBotManifests(dir);
      expect(manifests.map((m) => [m.id, m.cwd])).toEqual([
        ['api-bot', dir],
        ['shared', dir],
      ]);
      expect(errors).toEqual([
        { file: join(dir, 'folder.bot.json'), message: 'it is not a file' },
      ]);
    } finally {
      await rm(elsewhere, { recursive: true, force: true });
    }
  });

  it('reports a missing folder instead of throwing', async () => {
    const { manifests, errors } = await loadBotManifests(join(dir, 'nope'));
    expect(manifests).toEqual([]);
    expect(errors[0]?.message).toMatch(/ENOENT/);
  });
});

describe('parseBotManifest', () => {
  it('keeps absolute and PATH commands as they are', () => {
    const result = parseBotManifest({ ...valid, command: 'python3', cwd: '/opt/bots' }, dir);
    expect(result.ok && result.manifest.command).toBe('python3');
    expect(result.ok && result.manifest.cwd).toBe('/opt/bots');
  });

  it('resolves a Windows-style relative path (.\\bot\\bot.mjs) to the same folders on every platform', () => {
    const result = parseBotManifest({ ...valid, args: ['.\\api-bot\\api-bot.mjs'], cwd: '..\\shared' }, dir);
    expect(result.ok && result.manifest.args).toEqual([join(dir, 'api-bot', 'api-bot.mjs')]);
    expect(result.ok && result.manifest.cwd).toEqual(join(dir, '..', 'shared'));
  });

  it('rejects NUL characters, which no OS can pass to a process', () => {
    const result = parseBotManifest({ ...valid, args: ['ok', 'bad\u0000arg'] }, dir);
    expect(!result.ok && result.message).toMatch(/^args\.1: must not contain a NUL/);
  });

  it('refuses a name with control, bidirectional or invisible characters, which would hide or reorder what its card and approval say', () => {
    for (const name of ['Claims \u202Etimbus', 'Claims\nsubmit', '\u200B', 'Claims\u2066 submit', 'Claims\u0007']) {
      expect(parseBotManifest({ ...valid, name }, dir)).toEqual({
        ok: false,
        message: 'name: must not contain control characters or invisible formatting characters (such as a right-to-left override); type the name again as plain text',
      });
    }
    for (const name of ['Réclamations – عيادة 2', 'می\u200cخواهم', 'Nurse 👩\u200d⚕️ rota']) {
      expect(parseBotManifest({ ...valid, name }, dir)).toMatchObject({ ok: true, manifest: { name } });
    }
  });

  it('rejects an id that is not a simple identifier', () => {
    const result = parseBotManifest({ ...valid, id: '../evil' }, dir);
    expect(!result.ok && result.message).toMatch(/^id:/);
  });
});

describe('parseBotManifest under the machine policy’s allowed folders', () => {
  it('keeps a bot whose paths stay inside the allowed folders', () => {
    const result = parseBotManifest({ ...valid, cwd: './api-bot' }, '/opt/clinic-bots', { allowedFolders: ['/opt/clinic-bots'] });
    expect(result.ok).toBe(true);
  });

  it('refuses a manifest whose script, argument or working folder leaves them with ../..', () => {
    const command = parseBotManifest({ ...valid, command: '../../usr/local/bin/tool' }, '/opt/clinic-bots', { allowedFolders: ['/opt/clinic-bots'] });
    expect(!command.ok && command.message).toMatch(/^command: resolves outside the folders your administrator allows/);
    const arg = parseBotManifest({ ...valid, args: ['../../home/me/script.mjs'] }, '/opt/clinic-bots', { allowedFolders: ['/opt/clinic-bots'] });
    expect(!arg.ok && arg.message).toMatch(/^args\.0: resolves outside/);
    const cwd = parseBotManifest({ ...valid, cwd: '/tmp' }, '/opt/clinic-bots', { allowedFolders: ['/opt/clinic-bots'] });
    expect(!cwd.ok && cwd.message).toMatch(/^cwd: resolves outside/);
  });

  it('refuses a script, argument or command that climbs out with ../.. behind a folder name, as the bot resolves it against its working folder', () => {
    const allowed = { allowedFolders: ['/opt/clinic-bots'] };
    const arg = parseBotManifest({ ...valid, args: ['api-bot/../../../home/me/script.mjs'] }, '/opt/clinic-bots', allowed);
    expect(!arg.ok && arg.message).toBe('args.0: resolves outside the folders your administrator allows bots to come from');
    const windows = parseBotManifest({ ...valid, args: ['api-bot\\..\\..\\..\\home\\me\\script.mjs'] }, '/opt/clinic-bots', allowed);
    expect(!windows.ok && windows.message).toMatch(/^args\.0: resolves outside/);
    const command = parseBotManifest({ ...valid, command: 'tools/../../../usr/local/bin/tool' }, '/opt/clinic-bots', allowed);
    expect(!command.ok && command.message).toMatch(/^command: resolves outside/);
    // Inside, or not a path at all: unchanged.
    expect(parseBotManifest({ ...valid, args: ['api-bot/../api-bot/api-bot.mjs', '--pages=1..5', 'https://example.test/a/../b'] }, '/opt/clinic-bots', allowed).ok).toBe(true);
  });

  it('a demo manifest keeps its flag, which the composition uses to list it only in demo mode', () => {
    const result = parseBotManifest({ ...valid, demo: true }, dir);
    expect(result.ok && result.manifest.demo).toBe(true);
  });
});
