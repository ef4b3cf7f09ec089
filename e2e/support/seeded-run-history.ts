import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatLogLine } from '../../app/bots/log-file-format.js';
import { RunHistory, type StoredRun } from '../../app/bots/run-history.js';
import { nullLogger } from '../../app/ports/logger.js';

export interface SeededRunHistory {
  dataDir: string;
  /** Oldest first. */
  runs: StoredRun[];
}

/**
 * A data folder whose run history already holds `count` runs of the ward-round bot, one every
 * ten minutes up to an hour ago, as a clinic's after a week or so: past 1,000, the oldest are in
 * the run archive (runs-archive.jsonl). Every run has its log file.
 */
export async function seedRunHistory(count: number): Promise<SeededRunHistory> {
  const dataDir = await mkdtemp(join(tmpdir(), 'rpa-supervisor-e2e-runs-'));
  const logsDir = join(dataDir, 'logs');
  await mkdir(logsDir, { recursive: true, mode: 0o700 });
  const lastAt = Date.now() - 60 * 60_000;
  const runs: StoredRun[] = Array.from({ length: count }, (_, index) => {
    const startedAt = lastAt - (count - 1 - index) * 10 * 60_000;
    return { id: `run-seeded-${String(index).padStart(5, '0')}`, botId: 'ward-round', botName: 'Ward round', profileId: 'sandbox', status: 'succeeded', startedAt, endedAt: startedAt + 45_000, exitCode: 0 };
  });
  const history = new RunHistory({ path: join(dataDir, 'runs.json'), logger: nullLogger });
  for (let from = 0; from < runs.length; from += 100) history.upsertMany(runs.slice(from, from + 100));
  for (const run of runs) {
    await writeFile(join(logsDir, `${run.id}.log`), formatLogLine({ seq: 0, at: run.startedAt, stream: 'stdout', text: `Ward round list printed for ${run.id}` }), { mode: 0o600 });
  }
  return { dataDir, runs };
}
