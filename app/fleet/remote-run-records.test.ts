import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatLogLine } from '../bots/log-file-format.js';
import { Redactor } from '../bots/redactor.js';
import { RunHistory, type StoredRun } from '../bots/run-history.js';
import { RunLogs } from '../bots/run-logs.js';
import { systemClock } from '../ports/clock.js';
import { nullLogger } from '../ports/logger.js';
import { RemoteRunRecords } from './remote-run-records.js';

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'rpa-remote-records-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

function remoteRun(index: number): StoredRun {
  const startedAt = Date.UTC(2026, 10, 3, 7) + index * 60_000;
  return { id: `run-remote-${index}`, botId: 'ward-round', botName: 'Ward round', profileId: 'p', status: 'succeeded', startedAt, endedAt: startedAt + 1000, exitCode: 0, pool: 'ward', worker: { id: 'w1', name: 'Ward PC' } };
}

describe('RemoteRunRecords', () => {
  it('archives remote runs pruned from fleet-runs.json to their own file, keeps their logs, and serves and marks them like recent ones', async () => {
    const logsDir = join(dataDir, 'logs');
    await mkdir(logsDir, { recursive: true });
    const history = new RunHistory({ path: join(dataDir, 'fleet-runs.json'), logger: nullLogger, maxRuns: 20 });
    const logs = new RunLogs({ logsDir, clock: systemClock, logger: nullLogger, redactor: new Redactor(), isLogFollowed: () => false, history: { get: (runId) => history.find(runId) }, onListenerError: () => undefined });
    const records = new RemoteRunRecords(history, logs);
    const runs = Array.from({ length: 30 }, (_, index) => remoteRun(index));
    for (const run of runs) {
      await writeFile(join(logsDir, `${run.id}.log`), formatLogLine({ seq: 0, at: run.startedAt, stream: 'stdout', text: `${run.id} done on the worker` }));
      history.upsert(run);
    }
    expect(history.archive.path).toBe(join(dataDir, 'fleet-runs-archive.jsonl'));
    expect(records.has('run-remote-0')).toBe(false);
    expect(await exists(join(logsDir, 'run-remote-0.log'))).toBe(true);

    const ids = [...(await records.page({ limit: 25 })), ...(await records.page({ limit: 25, before: remoteRun(5) }))].map((run) => run.id);
    expect(ids).toEqual([...runs].reverse().map((run) => run.id));
    expect((await records.exportLog('run-remote-1')).text).toContain('run-remote-1 done on the worker');
    expect(await records.lookUp('run-remote-0')).toEqual(runs[0]);
    expect(records.has('run-remote-0')).toBe(true);
    expect(records.readLog('run-remote-0', 0, 10).lines.map((line) => line.text)).toEqual(['run-remote-0 done on the worker']);

    expect((await records.archivedRuns(Date.now())).map((run) => run.id)).toContain('run-remote-0');
    // Retention deletes the files, then marks the runs.
    await rm(join(logsDir, 'run-remote-0.log'));
    expect(records.markLogsDeleted(['run-remote-0', 'run-remote-29', 'run-local-7'], 99, () => false)).toEqual(['run-remote-29', 'run-remote-0']);
    expect(await records.page({ limit: 1, before: remoteRun(1) })).toMatchObject([{ id: 'run-remote-0', logDeletedAt: 99 }]);
    expect(records.readLog('run-remote-0', 0, 10).lines).toEqual([]);
  });
});
