import { mkdir, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AuditTrail } from '../audit/audit-trail.js';
import { formatLogLine } from '../bots/log-file-format.js';
import type { RunManager } from '../bots/run-manager.js';
import { RunHistory, type StoredRun } from '../bots/run-history.js';
import { newestFirst } from '../bots/stored-run.js';
import { misbehaving, runToEnd, useRunFixture } from '../bots/testing/run-fixture.js';
import type { RunCursor, RunView } from '../common/contract.js';
import { dayMs } from '../common/patient-data.js';
import { nullLogger } from '../ports/logger.js';
import { FakeClock } from '../test-support/fake-clock.js';
import { RetentionService } from './retention-service.js';

const hourMs = 60 * 60 * 1000;
const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

function endedRun(index: number, endedAt: number): StoredRun {
  return {
    id: `run-${String(index).padStart(5, '0')}`,
    botId: 'ward-round',
    botName: 'Ward round',
    profileId: 'sandbox',
    status: 'failed',
    startedAt: endedAt - 60_000,
    endedAt,
    exitCode: 1,
    reason: 'The bot exited with code 1.',
    lastError: 'Error: ward list not found',
  };
}

/** What an earlier session left: runs in runs.json (pruned to the archive past 1,000) and their log files. */
async function earlierSession(dataDir: string, runs: readonly StoredRun[]): Promise<void> {
  const history = new RunHistory({ path: join(dataDir, 'runs.json'), logger: nullLogger });
  for (let from = 0; from < runs.length; from += 100) history.upsertMany(runs.slice(from, from + 100));
  await mkdir(join(dataDir, 'logs'), { recursive: true });
  for (const run of runs) {
    const path = join(dataDir, 'logs', `${run.id}.log`);
    await writeFile(path, formatLogLine({ seq: 0, at: run.startedAt, stream: 'stdout', text: `ward round ${run.id} printed its list` }));
    const endedAt = new Date(run.endedAt ?? run.startedAt);
    await utimes(path, endedAt, endedAt);
  }
}

async function everyRun(manager: RunManager, limit: number): Promise<string[]> {
  const ids: string[] = [];
  let before: RunCursor | undefined;
  for (;;) {
    const page = await manager.pageRuns({ limit, ...(before ? { before } : {}) });
    ids.push(...page.map((run) => run.id));
    const last = page.at(-1);
    if (page.length < limit || !last) return ids;
    before = { startedAt: last.startedAt, id: last.id };
  }
}

describe('Runs pruned from runs.json to the archive', () => {
  const fixture = useRunFixture();

  it('keep their logs past the 1,000 newest runs: the run, its log and its full log are still there', async () => {
    const now = Date.now();
    const runs = Array.from({ length: 1_000 }, (_, index) => endedRun(index, now - (1_000 - index) * 10 * 60_000));
    await earlierSession(fixture.dataDir, runs);
    const manager = fixture.newManager();
    const quick = misbehaving('crash', { id: 'quick', name: 'Quick' });
    manager.setBots([quick]);
    // The 1,001st run pushes the oldest out of runs.json.
    const newest = await runToEnd(manager, await manager.start('quick'));
    expect(manager.getRun('run-00000')).toBeUndefined();

    expect(await exists(join(manager.logsDir, 'run-00000.log'))).toBe(true);
    expect(await manager.findRun('run-00000')).toMatchObject({ id: 'run-00000', status: 'failed', lastError: 'Error: ward list not found' });
    expect(manager.readLog('run-00000', 0, 100).lines.map((line) => line.text)).toEqual(['ward round run-00000 printed its list']);
    expect((await manager.exportLog('run-00001')).text).toContain('ward round run-00001 printed its list');
    await expect(manager.findRun('run-99999')).resolves.toBeUndefined();

    const all: RunView[] = [...runs, newest];
    expect(await everyRun(manager, 250)).toEqual(all.sort(newestFirst).map((run) => run.id));
  }, 60_000);

  it('retention deletes an archived run\'s log only past the period, marks its summary, and compacts the archive', async () => {
    const clock = new FakeClock(Date.now());
    const firstEndedAt = clock.now() - 50 * dayMs;
    // 1,200 runs an hour apart: the oldest (archived) ones straddle the 45-day retention period.
    const runs = Array.from({ length: 1_200 }, (_, index) => endedRun(index, firstEndedAt + index * hourMs));
    await earlierSession(fixture.dataDir, runs);
    await mkdir(join(fixture.dataDir, 'artifacts', 'run-00010'), { recursive: true });
    await writeFile(join(fixture.dataDir, 'artifacts', 'run-00010', 'ward-list.pdf'), 'pdf');
    await mkdir(join(fixture.dataDir, 'artifacts', 'run-00150'), { recursive: true });
    await writeFile(join(fixture.dataDir, 'artifacts', 'run-00150', 'ward-list.pdf'), 'pdf');
    const manager = fixture.newManager({ clock });
    expect(manager.getRun('run-00150')).toBeUndefined();
    const audit = await AuditTrail.open({ path: join(fixture.dataDir, 'audit', 'audit.jsonl'), clock, logger: nullLogger });
    // Diagnostic logs go after a week: archived runs' logs must not go with them.
    const retention = new RetentionService({ clock, logger: nullLogger, runs: manager, retentionDaysFor: () => 45, diagnosticRetentionDays: () => 7, audit, batchSize: 10 });

    const passAt = clock.now();
    const expired = runs.filter((run) => (run.endedAt ?? 0) <= passAt - 45 * dayMs);
    expect(expired.length).toBeGreaterThan(100);
    const result = await retention.runPass();
    expect(result).toMatchObject({ runs: expired.length, runLogFiles: expired.length, artifactFiles: 1, diagnosticFiles: 0 });

    // Past the period: log and files gone, the summary stays, marked, without the log's last error.
    expect(await exists(join(manager.logsDir, 'run-00010.log'))).toBe(false);
    expect(await exists(join(manager.artifactsDir, 'run-00010'))).toBe(false);
    const deleted = await manager.findRun('run-00010');
    expect(deleted).toMatchObject({ status: 'failed', exitCode: 1, logDeletedAt: passAt });
    expect(deleted?.lastError).toBeUndefined();
    expect(manager.readLog('run-00010', 0, 100).lines).toEqual([]);
    // Within it: an archived run keeps its log, its files and its summary as it was.
    expect(await exists(join(manager.logsDir, 'run-00150.log'))).toBe(true);
    expect(await exists(join(manager.artifactsDir, 'run-00150', 'ward-list.pdf'))).toBe(true);
    expect(await manager.findRun('run-00150')).toMatchObject({ lastError: 'Error: ward list not found' });
    expect(manager.readLog('run-00150', 0, 100).lines.map((line) => line.text)).toEqual(['ward round run-00150 printed its list']);
    const oldest = await manager.pageRuns({ limit: 1, before: { startedAt: runs[11]?.startedAt ?? 0, id: 'run-00011' } });
    expect(oldest).toMatchObject([{ id: 'run-00010', logDeletedAt: passAt }]);

    // The next day's pass compacts the archive: the runs carry the mark, the notes are gone.
    clock.advance(dayMs);
    const next = await retention.runPass();
    const expiredSince = runs.filter((run) => (run.endedAt ?? 0) <= passAt + dayMs - 45 * dayMs).slice(expired.length);
    expect(next.runs).toBe(expiredSince.length);
    const lines = (await readFile(join(fixture.dataDir, 'runs-archive.jsonl'), 'utf8')).trim().split('\n');
    // Only this pass's notes are left; the first pass's are now part of their runs' lines.
    const noted = lines.filter((line) => line.startsWith('{"logDeletedAt"')).flatMap((line) => (JSON.parse(line) as { ids: string[] }).ids);
    expect(noted).toEqual(expiredSince.map((run) => run.id));
    expect(lines.find((line) => line.includes('"id":"run-00010"'))).toContain(`"logDeletedAt":${passAt}`);
    expect(((await stat(join(fixture.dataDir, 'runs-archive.jsonl'))).mode & 0o777)).toBe(0o600);
    expect(await manager.findRun('run-00010')).toMatchObject({ logDeletedAt: passAt });
    expect(await everyRun(manager, 300)).toEqual([...runs].sort(newestFirst).map((run) => run.id));
    await audit.close();
  }, 60_000);
});
