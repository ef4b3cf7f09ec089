import { mkdir, mkdtemp, readFile, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunCursor, RunView } from '../common/contract.js';
import { dayMs } from '../common/patient-data.js';
import { nullLogger } from '../ports/logger.js';
import { runLine } from './run-archive.js';
import { archiveMaxRuns, archiveSummaryDays, sweepRunArchive } from './run-archive-sweep.js';
import { RunHistory, type StoredRun } from './run-history.js';
import { newestFirst } from './stored-run.js';

let dir: string;
let path: string;
let archivePath: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rpa-archive-'));
  path = join(dir, 'runs.json');
  archivePath = join(dir, 'runs-archive.jsonl');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const minute = 60_000;
const startOf = new Date('2026-11-03T07:00:00Z').getTime();

/** A finished run; several start in the same millisecond, so the id must break the tie. */
function ended(index: number, extra: Partial<StoredRun> = {}): StoredRun {
  const startedAt = startOf + Math.floor(index / 3) * minute;
  return { id: `run-${String(index).padStart(5, '0')}`, botId: index % 4 === 0 ? 'ward-round' : 'letters', botName: 'Bot', profileId: 'p', status: 'succeeded', startedAt, endedAt: startedAt + 30_000, exitCode: 0, ...extra };
}

/** Every page of the history, `limit` at a time, as a clinic user pressing "Load older runs" would. */
async function pageThrough(history: RunHistory, limit: number, botId?: string): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let before: RunCursor | undefined;
  let pages = 0;
  for (;;) {
    const page = await history.page({ limit, ...(botId ? { botId } : {}), ...(before ? { before } : {}) });
    pages += 1;
    ids.push(...page.map((run) => run.id));
    const last = page.at(-1);
    if (page.length < limit || !last) return { ids, pages };
    before = { startedAt: last.startedAt, id: last.id };
  }
}

function expectedOrder(runs: readonly RunView[]): string[] {
  return [...runs].sort(newestFirst).map((run) => run.id);
}

describe('RunHistory archive', () => {
  it('with 1,200 runs keeps at most 1,000 in runs.json and the rest in a 0600 archive, and pages list every run once, newest first', async () => {
    const history = new RunHistory({ path, logger: nullLogger });
    const all = Array.from({ length: 1_250 }, (_, index) => ended(index));
    for (let from = 0; from < all.length; from += 50) history.upsertMany(all.slice(from, from + 50));

    const stored = JSON.parse(await readFile(path, 'utf8')) as { runs: unknown[] };
    expect(stored.runs.length).toBeLessThanOrEqual(1_000);
    expect(history.all().length).toBe(stored.runs.length);
    expect((await stat(archivePath)).mode & 0o777).toBe(0o600);
    const archived = (await readFile(archivePath, 'utf8')).trim().split('\n');
    expect(archived.length + stored.runs.length).toBe(1_250);

    for (const reader of [history, new RunHistory({ path, logger: nullLogger })]) {
      const everything = await pageThrough(reader, 100);
      expect(everything.ids).toEqual(expectedOrder(all));
      expect(everything.pages).toBe(13);
      expect((await pageThrough(reader, 37, 'ward-round')).ids).toEqual(expectedOrder(all.filter((run) => run.botId === 'ward-round')));
    }
    // An archived run is found by id, and then readable like one of runs.json.
    expect(history.find('run-00003')).toBeUndefined();
    expect(await history.lookUp('run-00003')).toEqual(all[3]);
    expect(history.find('run-00003')).toEqual(all[3]);
    expect(await history.lookUp('run-99999')).toBeUndefined();
  });

  it('lists a run in its place though it was archived after newer ones (it was live while they were pruned)', async () => {
    const history = new RunHistory({ path, logger: nullLogger, maxRuns: 20 });
    const long = ended(0, { id: 'long-run', status: 'running', endedAt: undefined });
    history.upsert(long);
    const all: StoredRun[] = [];
    for (let index = 1; index <= 60; index += 1) {
      all.push(ended(index));
      history.upsert(ended(index));
    }
    const finished = { ...long, status: 'succeeded' as const, endedAt: startOf + 90 * minute };
    history.upsert(finished);
    for (let index = 61; index <= 120; index += 1) {
      all.push(ended(index));
      history.upsert(ended(index));
    }
    expect(history.get('long-run')).toBeUndefined();
    const lines = (await readFile(archivePath, 'utf8')).trim().split('\n');
    expect(lines.findIndex((line) => line.includes('"long-run"'))).toBeGreaterThan(30);

    expect((await pageThrough(history, 7)).ids).toEqual(expectedOrder([...all, finished]));
  });

  it('pages list every run once while new runs push older ones into the archive between pages', async () => {
    const history = new RunHistory({ path, logger: nullLogger, maxRuns: 40 });
    const before = Array.from({ length: 100 }, (_, index) => ended(index));
    history.upsertMany(before);
    const ids: string[] = [];
    let cursor: RunCursor | undefined;
    for (let next = 100; ; next += 1) {
      const page = await history.page({ limit: 9, ...(cursor ? { before: cursor } : {}) });
      ids.push(...page.map((run) => run.id));
      if (page.length < 9) break;
      const last = page.at(-1) as RunView;
      cursor = { startedAt: last.startedAt, id: last.id };
      // Newer runs, each one moving older ones out of runs.json.
      for (let index = next * 5; index < next * 5 + 5; index += 1) history.upsert(ended(index + 1_000));
    }
    expect(ids).toEqual(expectedOrder(before));
  });

  it('keeps a run in runs.json while its archive line cannot be written, and archives it once it can', async () => {
    await mkdir(archivePath);
    const history = new RunHistory({ path, logger: nullLogger, maxRuns: 5 });
    for (let index = 0; index < 8; index += 1) history.upsert(ended(index));
    expect(history.all()).toHaveLength(8);
    expect(new RunHistory({ path, logger: nullLogger }).all()).toHaveLength(8);

    await rmdir(archivePath);
    history.upsert(ended(8));
    expect(history.all()).toHaveLength(5);
    expect((await pageThrough(history, 4)).ids).toEqual(expectedOrder(Array.from({ length: 9 }, (_, index) => ended(index))));
  });

  it('after a crash between the archive line and the save of runs.json, lists the run once', async () => {
    const history = new RunHistory({ path, logger: nullLogger, maxRuns: 5 });
    for (let index = 0; index < 5; index += 1) history.upsert(ended(index));
    // The save of runs.json fails (as a crash right after the archive's fsync would leave it).
    await mkdir(`${path}.${process.pid}.tmp`);
    history.upsert(ended(5));
    await rmdir(`${path}.${process.pid}.tmp`);
    expect(await readFile(archivePath, 'utf8')).toContain('"run-00000"');

    const restarted = new RunHistory({ path, logger: nullLogger, maxRuns: 5 });
    expect(restarted.get('run-00000')).toBeDefined();
    expect((await pageThrough(restarted, 2)).ids).toEqual(expectedOrder(Array.from({ length: 5 }, (_, index) => ended(index))));
    // Pruned again later: written twice, still listed once.
    restarted.upsert(ended(6));
    restarted.upsert(ended(7));
    const runs = [0, 1, 2, 3, 4, 6, 7].map((index) => ended(index));
    expect((await pageThrough(restarted, 2)).ids).toEqual(expectedOrder(runs));
    expect((await pageThrough(new RunHistory({ path, logger: nullLogger, maxRuns: 5 }), 3)).ids).toEqual(expectedOrder(runs));
  });

  it('ignores a torn last line, and starts the next line on its own', async () => {
    await writeFile(archivePath, `${runLine(ended(0), ended(0).startedAt)}\n${runLine(ended(1), ended(1).startedAt).slice(0, 40)}`, { mode: 0o600 });
    const history = new RunHistory({ path, logger: nullLogger, maxRuns: 2 });
    expect((await history.page()).map((run) => run.id)).toEqual(['run-00000']);
    for (let index = 2; index < 5; index += 1) history.upsert(ended(index));
    expect((await pageThrough(history, 2)).ids).toEqual(['run-00004', 'run-00003', 'run-00002', 'run-00000']);
    expect((await pageThrough(new RunHistory({ path, logger: nullLogger }), 10)).ids).toEqual(['run-00004', 'run-00003', 'run-00002', 'run-00000']);
  });

  it('the retention sweep keeps a summary 400 days after its log went, keeps one whose log is kept, and at most its bound, oldest dropped first', async () => {
    const at = startOf + 500 * dayMs;
    const logGone = ended(0, { logDeletedAt: startOf + 30 * dayMs });
    const logKept = ended(1);
    const recent = ended(2, { startedAt: at - 10 * dayMs, endedAt: at - 10 * dayMs });
    const noted = ended(3, { startedAt: at - 9 * dayMs, endedAt: at - 9 * dayMs, lastError: 'Error: no list' });
    const lines = [logGone, logKept, recent, noted].map((run, index) => runLine(run, run.startedAt + index));
    await writeFile(archivePath, `${lines.join('\n')}\n${JSON.stringify({ logDeletedAt: at - dayMs, ids: [noted.id] })}\n`, { mode: 0o600 });

    expect(archiveSummaryDays).toBe(400);
    expect(archiveMaxRuns).toBe(100_000);
    const swept = await sweepRunArchive(archivePath, at);
    expect(swept).toEqual({ withLogs: [logKept, recent], compacted: true });
    const { lastError: _lastError, ...summary } = noted;
    const history = new RunHistory({ path, logger: nullLogger });
    expect(await history.page()).toEqual([{ ...summary, logDeletedAt: at - dayMs }, recent, logKept]);
    expect(await readFile(archivePath, 'utf8')).not.toContain('Error: no list');

    expect(await sweepRunArchive(archivePath, at)).toMatchObject({ compacted: false });
    expect((await sweepRunArchive(archivePath, at, { days: 400, maxRuns: 2 })).withLogs).toEqual([recent]);
    expect((await history.page()).map((run) => run.id)).toEqual([noted.id, recent.id]);
  });
});
