import { mkdir, mkdtemp, readdir, rm, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoredRun } from '../bots/run-history.js';
import { dayMs } from '../common/patient-data.js';
import { nullLogger } from '../ports/logger.js';
import { FakeClock } from '../test-support/fake-clock.js';
import { RetentionService, type RetentionRuns } from './retention-service.js';

/**
 * Retention deletes inside the logs and artifacts folders only, whatever a damaged or edited
 * runs.json names as a run id, and whatever a link in those folders points at.
 */
const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

let dataDir: string;
let logsDir: string;
let artifactsDir: string;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'rpa-retention-outside-'));
  logsDir = join(dataDir, 'logs');
  artifactsDir = join(dataDir, 'artifacts');
  await mkdir(logsDir, { recursive: true });
  await mkdir(artifactsDir, { recursive: true });
  await mkdir(join(dataDir, 'audit'));
  await writeFile(join(dataDir, 'audit', 'audit.jsonl'), '{"seq":1}\n');
});

afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

function runsOf(ids: string[], endedAt: number): RetentionRuns {
  const runs: StoredRun[] = ids.map((id) => ({ id, botId: 'bot', botName: 'Bot', profileId: 'p', status: 'succeeded', startedAt: endedAt - 60_000, endedAt }));
  return { logsDir, artifactsDir, storedRuns: () => runs, isLive: () => false, markLogsDeleted: () => undefined };
}

const service = (clock: FakeClock, runs: RetentionRuns) =>
  new RetentionService({ clock, logger: nullLogger, runs, retentionDaysFor: () => 30, diagnosticRetentionDays: () => 30, audit: { record: () => undefined } });

describe('RetentionService stays inside its folders', () => {
  it('S101 a run id in the history that climbs out (.., ../audit) or is an absolute path deletes nothing outside the artifacts folder: the audit trail stays', async () => {
    const clock = new FakeClock();
    const old = clock.now() - 40 * dayMs;
    await writeFile(join(logsDir, 'run-ok.log'), 'line\n');

    await service(clock, runsOf(['..', '../audit', join(dataDir, 'audit'), 'run-ok'], old)).runPass();

    expect(await exists(join(dataDir, 'audit', 'audit.jsonl'))).toBe(true);
    expect(await exists(logsDir)).toBe(true);
    // An ordinary old run is still cleaned up.
    expect(await readdir(logsDir)).toEqual([]);
  });

  it('S101 a link in the artifacts folder to a folder elsewhere loses the link only, never what it points at', async () => {
    const clock = new FakeClock();
    const old = clock.now() - 40 * dayMs;
    const elsewhere = join(dataDir, 'elsewhere');
    await mkdir(elsewhere);
    await writeFile(join(elsewhere, 'keep.txt'), 'keep');
    await utimes(elsewhere, old / 1000, old / 1000);
    await symlink(elsewhere, join(artifactsDir, 'run-linked'), 'dir');
    await symlink(elsewhere, join(artifactsDir, 'no-longer-in-history'), 'dir');

    await service(clock, runsOf(['run-linked'], old)).runPass();

    expect(await exists(join(elsewhere, 'keep.txt'))).toBe(true);
  });
});
