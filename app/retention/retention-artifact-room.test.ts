import { mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RunArtifacts } from '../artifacts/run-artifacts.js';
import type { StoredRun } from '../bots/run-history.js';
import { dayMs } from '../common/patient-data.js';
import { nullLogger } from '../ports/logger.js';
import { FakeClock } from '../test-support/fake-clock.js';
import { RetentionService } from './retention-service.js';

async function* bytes(count: number): AsyncIterable<Uint8Array> {
  yield Buffer.alloc(count);
}

/** The room for all runs' files comes back when retention deletes files, whichever way it finds them. */
describe('retention gives the artifact store its room back', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rpa-retention-room-'));
    await mkdir(join(dir, 'logs'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('the files of a run no longer in the history, once deleted, no longer count against the cap for all runs', async () => {
    const clock = new FakeClock(Date.now());
    const artifactsDir = join(dir, 'artifacts');
    const artifacts = new RunArtifacts({ dir: artifactsDir, clock, maxTotalBytes: 1000, screenshotsAllowed: () => false, redactText: (_profileId, text) => ({ text, redactions: {} }) });
    await artifacts.attach({ runId: 'run-pruned', profileId: 'p', name: 'export.bin', kind: 'file' }, bytes(900));
    const retention = new RetentionService({
      clock,
      logger: nullLogger,
      runs: { logsDir: join(dir, 'logs'), artifactsDir, storedRuns: () => [], isLive: () => false, markLogsDeleted: () => undefined },
      retentionDaysFor: () => 30,
      diagnosticRetentionDays: () => 30,
      audit: { record: () => undefined },
      onRunFilesDeleted: (runId) => artifacts.forget(runId),
    });
    clock.advance(31 * dayMs);
    expect((await retention.runPass()).artifactFiles).toBeGreaterThan(0);
    expect(await stat(join(artifactsDir, 'run-pruned')).catch(() => undefined)).toBeUndefined();
    // Before the fix the deleted 900 bytes still counted until the app restarted.
    await expect(artifacts.attach({ runId: 'run-new', profileId: 'p', name: 'report.bin', kind: 'file' }, bytes(500))).resolves.toMatchObject({ bytes: 500 });
  });

  it('the audit counts the files the bot attached and were kept, not the run\'s index and refusal record beside them', async () => {
    const clock = new FakeClock(Date.now());
    const artifactsDir = join(dir, 'artifacts');
    const artifacts = new RunArtifacts({ dir: artifactsDir, clock, screenshotsAllowed: () => false, redactText: (_profileId, text) => ({ text, redactions: {} }) });
    await artifacts.attach({ runId: 'run-old', profileId: 'p', name: 'export.bin', kind: 'file' }, bytes(100));
    await artifacts.attach({ runId: 'run-old', profileId: 'p', name: 'shot.png', kind: 'screenshot' }, bytes(10)).catch(() => undefined);
    // The kept file's name starts with its random id, so it may sort before or after the records.
    const names = await readdir(join(artifactsDir, 'run-old'));
    expect(names).toHaveLength(3);
    expect(names).toEqual(expect.arrayContaining([expect.stringMatching(/^[0-9a-f]{16}-export\.bin$/), 'artifacts.json', 'refused.json']));
    const details: string[] = [];
    const ranAt = clock.now();
    const retention = new RetentionService({
      clock,
      logger: nullLogger,
      runs: { logsDir: join(dir, 'logs'), artifactsDir, storedRuns: (): StoredRun[] => [{ id: 'run-old', botId: 'bot', botName: 'Bot', profileId: 'p', status: 'succeeded', startedAt: ranAt, endedAt: ranAt }], isLive: () => false, markLogsDeleted: () => undefined },
      retentionDaysFor: () => 30,
      diagnosticRetentionDays: () => 30,
      audit: { record: (event) => details.push(event.detail ?? '') },
    });
    clock.advance(31 * dayMs);
    expect(await retention.runPass()).toMatchObject({ runs: 1, artifactFiles: 1 });
    expect(details).toEqual([expect.stringContaining('(0 log files, 1 artifact file)')]);
    expect(await stat(join(artifactsDir, 'run-old')).catch(() => undefined)).toBeUndefined();
  });
});
