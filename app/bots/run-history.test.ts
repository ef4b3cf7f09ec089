import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nullLogger, type Logger } from '../ports/logger.js';
import { RunHistory, withLogDeleted, type StoredRun } from './run-history.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rpa-history-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const run = (id: string, status: StoredRun['status'] = 'succeeded'): StoredRun => ({
  id,
  botId: 'b',
  botName: 'B',
  profileId: 'p',
  status,
  startedAt: 1,
});

describe('RunHistory', () => {
  it('survives a reload', () => {
    const path = join(dir, 'runs.json');
    new RunHistory({ path, logger: nullLogger }).upsert({ ...run('a', 'running'), pid: 42 });
    expect(new RunHistory({ path, logger: nullLogger }).get('a')).toEqual({ ...run('a', 'running'), pid: 42 });
  });

  it('keeps a failed run\'s last error across a reload, and drops it with the log when retention deletes that', () => {
    const path = join(dir, 'runs.json');
    const failed: StoredRun = { ...run('f', 'failed'), endedAt: 5, exitCode: 1, reason: 'The bot exited with code 1.', lastError: 'Error: no batch' };
    new RunHistory({ path, logger: nullLogger }).upsert(failed);
    const reloaded = new RunHistory({ path, logger: nullLogger }).get('f');
    expect(reloaded).toEqual(failed);
    const { lastError: _lastError, ...summary } = failed;
    expect(withLogDeleted(reloaded as StoredRun, 9)).toEqual({ ...summary, logDeletedAt: 9 });
  });

  it('prunes the oldest finished runs beyond the limit to the archive, never live ones', async () => {
    const path = join(dir, 'runs.json');
    const history = new RunHistory({ path, logger: nullLogger, maxRuns: 2 });
    history.upsert(run('live', 'running'));
    history.upsert(run('old'));
    history.upsert(run('new'));
    expect(history.all().map((r) => r.id)).toEqual(['live', 'new']);
    expect(history.archive.path).toBe(join(dir, 'runs-archive.jsonl'));
    expect(await history.archive.find('old')).toEqual(run('old'));
  });

  it('sets a corrupt file aside and starts empty', async () => {
    const path = join(dir, 'runs.json');
    await writeFile(path, '{not json');
    const history = new RunHistory({ path, logger: nullLogger });
    expect(history.all()).toEqual([]);
    expect((await readdir(dir)).some((name) => name.startsWith('runs.json.corrupt-'))).toBe(true);
    history.upsert(run('a'));
    expect(new RunHistory({ path, logger: nullLogger }).all()).toHaveLength(1);
  });

  it('skips individual invalid records', async () => {
    const path = join(dir, 'runs.json');
    await writeFile(path, JSON.stringify({ version: 1, runs: [run('ok'), { id: 'bad' }] }));
    expect(new RunHistory({ path, logger: nullLogger }).all().map((r) => r.id)).toEqual(['ok']);
  });

  it('keeps a copy of a file with records it cannot read and says so, so the next save does not lose them without a trace', async () => {
    const path = join(dir, 'runs.json');
    // A run a newer version wrote, with a status this one does not know.
    const original = JSON.stringify({ version: 1, runs: [run('ok'), { ...run('newer'), status: 'handedOver' }] });
    await writeFile(path, original);
    const warnings: { message: string; fields?: Record<string, unknown> }[] = [];
    const logger: Logger = { ...nullLogger, warn: (message, fields) => warnings.push({ message, ...(fields ? { fields } : {}) }) };
    const history = new RunHistory({ path, logger });
    expect(history.all().map((r) => r.id)).toEqual(['ok']);
    history.upsert(run('next'));
    const backups = (await readdir(dir)).filter((name) => name.startsWith('runs.json.corrupt-'));
    expect(backups).toHaveLength(1);
    expect(await readFile(join(dir, backups[0] as string), 'utf8')).toBe(original);
    expect(warnings).toEqual([{ message: 'Runs in the run history were unreadable and are left out; the file was copied aside', fields: { backup: join(dir, backups[0] as string), skipped: 1 } }]);
  });

  it('lists views newest first, by bot and within a bounded limit, without the pid', () => {
    const history = new RunHistory({ path: join(dir, 'runs.json'), logger: nullLogger });
    for (let i = 0; i < 5; i += 1) history.upsert({ ...run(`r${i}`), botId: i % 2 === 0 ? 'even' : 'odd', pid: 100 + i });
    expect(history.views().map((view) => view.id)).toEqual(['r4', 'r3', 'r2', 'r1', 'r0']);
    expect(history.views({ botId: 'odd' }).map((view) => view.id)).toEqual(['r3', 'r1']);
    expect(history.views({ limit: 2 }).map((view) => view.id)).toEqual(['r4', 'r3']);
    expect(history.views({ limit: 0 }).map((view) => view.id)).toEqual(['r4']);
    expect(history.views().some((view) => 'pid' in view)).toBe(false);
    expect(history.view('r2')).toEqual({ ...run('r2'), botId: 'even' });
    expect(history.get('r2')?.pid).toBe(102);
    expect(history.view('missing')).toBeUndefined();
  });
});
