import { mkdir, readdir, stat, utimes, writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AuditTrail } from '../audit/audit-trail.js';
import { dayMs } from '../common/patient-data.js';
import { nullLogger } from '../ports/logger.js';
import { FakeClock } from '../test-support/fake-clock.js';
import { waitUntil } from '../bots/testing/process-probe.js';
import { misbehaving, runToEnd, useRunFixture } from '../bots/testing/run-fixture.js';
import { RetentionService } from './retention-service.js';
import { countingLoopTurns } from '../test-support/loop-turns.js';

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

describe('RetentionService', () => {
  const fixture = useRunFixture();

  it('S68 with a fake clock: logs, artifacts and diagnostic logs older than the period are gone, the history keeps the summary, the audit records the pass, and nothing newer or live is touched', async () => {
    // Forty days ago, so every session the fixture hands out is still valid when runs start.
    const clock = new FakeClock(Date.now() - 40 * dayMs);
    const startAt = clock.now();
    const manager = fixture.newManager({ clock });
    const hang = misbehaving('hang');
    const quick = misbehaving('crash', { id: 'quick', name: 'Quick' });
    manager.setBots([hang, quick]);
    const audit = await AuditTrail.open({ path: join(fixture.dataDir, 'audit', 'audit.jsonl'), clock, logger: nullLogger });

    // An old run with an artifact, and a live run started just as long ago.
    const old = await runToEnd(manager, await manager.start('quick'));
    await mkdir(join(manager.artifactsDir, old.id), { recursive: true });
    await writeFile(join(manager.artifactsDir, old.id, 'failure.png'), Buffer.alloc(2048, 1));
    const live = await manager.start(hang.id);
    await waitUntil(() => manager.readLog(live.id, 0, 100).lines.some((line) => line.text === 'now hanging'), 10_000, 'the live bot to print');
    // Twenty days later, a newer run.
    clock.set(startAt + 20 * dayMs);
    const newer = await runToEnd(manager, await manager.start('quick'));
    await mkdir(join(manager.artifactsDir, newer.id), { recursive: true });
    await writeFile(join(manager.artifactsDir, newer.id, 'report.txt'), 'ok');
    // Diagnostic logs: a rotated one last written at the start, and the current one.
    const oldDiagnostic = join(manager.logsDir, 'supervisor.log.1');
    await writeFile(oldDiagnostic, '{"message":"old"}\n');
    await utimes(oldDiagnostic, new Date(startAt), new Date(startAt));
    await writeFile(join(manager.logsDir, 'supervisor.log'), '{"message":"current"}\n');
    await utimes(join(manager.logsDir, 'supervisor.log'), new Date(startAt + 25 * dayMs), new Date(startAt + 25 * dayMs));

    const liveLogBefore = await stat(join(manager.logsDir, `${live.id}.log`));
    clock.set(startAt + 31 * dayMs);
    const retention = new RetentionService({ clock, logger: nullLogger, runs: manager, retentionDaysFor: () => 30, diagnosticRetentionDays: () => 30, audit, batchSize: 1 });
    const result = await retention.runPass();
    expect(result).toMatchObject({ runs: 1, runLogFiles: 1, artifactFiles: 1, diagnosticFiles: 1 });

    // Gone: the old run's log and artifacts, and the old diagnostic file; its summary stays.
    expect(await exists(join(manager.logsDir, `${old.id}.log`))).toBe(false);
    expect(await exists(join(manager.artifactsDir, old.id))).toBe(false);
    expect(await exists(oldDiagnostic)).toBe(false);
    const oldView = manager.getRun(old.id);
    expect(oldView).toMatchObject({ status: 'failed', exitCode: 3, logDeletedAt: startAt + 31 * dayMs });
    expect(manager.readLog(old.id, 0, 100).lines).toEqual([]);
    // The history the pass rewrote is still the user's alone.
    expect((await stat(join(fixture.dataDir, 'runs.json'))).mode & 0o777).toBe(0o600);

    // Untouched: the newer run, the current diagnostic log, and the live run (S68), which still writes.
    expect(await exists(join(manager.logsDir, `${newer.id}.log`))).toBe(true);
    expect(await readdir(join(manager.artifactsDir, newer.id))).toEqual(['report.txt']);
    expect(manager.getRun(newer.id)?.logDeletedAt).toBeUndefined();
    expect(await exists(join(manager.logsDir, 'supervisor.log'))).toBe(true);
    expect(manager.getRun(live.id)).toMatchObject({ status: 'running' });
    expect(manager.getRun(live.id)?.logDeletedAt).toBeUndefined();
    expect((await stat(join(manager.logsDir, `${live.id}.log`))).ino).toBe(liveLogBefore.ino);
    expect(manager.readLog(live.id, 0, 100).lines.some((line) => line.text === 'now hanging')).toBe(true);

    // The audit trail holds the pass, with counts and no content.
    await audit.flush();
    const records = (await audit.list({ limit: 100 })).records;
    const pass = records.find((record) => record.type === 'retentionPass');
    expect(pass?.detail).toMatch(/^Retention deleted the logs of 1 run \(1 log file, 1 artifact file\) and 1 diagnostic log file, \d+ (bytes|KB) in all\.$/);
    // No person acted: the record names the computer account, marked as automatic (not whoever is signed in).
    expect(pass?.actor?.subject).toBe(`os:${userInfo().username}`);
    expect(pass?.actor?.name).toBe(`${userInfo().username} (computer account; automatic retention pass, no person acted)`);
    await audit.close();

    // A second pass finds nothing more to do and records nothing.
    expect(await retention.runPass()).toMatchObject({ runs: 0, runLogFiles: 0, artifactFiles: 0, diagnosticFiles: 0 });
    await manager.stop(live.id);
  }, 60_000);

  it('runs a minute after start and then once a day, on the clock', async () => {
    const clock = new FakeClock();
    let passes = 0;
    const retention = new RetentionService({
      clock,
      logger: nullLogger,
      runs: {
        logsDir: join(fixture.dataDir, 'none'),
        artifactsDir: join(fixture.dataDir, 'none'),
        storedRuns: () => {
          passes += 1;
          return [];
        },
        isLive: () => false,
        markLogsDeleted: () => undefined,
      },
      retentionDaysFor: () => 30,
      diagnosticRetentionDays: () => 30,
      audit: { record: () => undefined },
    });
    retention.start();
    expect(passes).toBe(0);
    clock.advance(60_000);
    await waitUntil(() => passes === 1 && clock.pendingTimers === 1, 5000, 'the first pass');
    clock.advance(dayMs);
    await waitUntil(() => passes === 2 && clock.pendingTimers === 1, 5000, 'the daily pass');
    retention.dispose();
    expect(clock.pendingTimers).toBe(0);
  });
  it('a pass over many old files never blocks the event loop: other work runs between its batches', async () => {
    const clock = new FakeClock();
    const logsDir = join(fixture.dataDir, 'many-logs');
    await mkdir(logsDir, { recursive: true });
    const old = new Date(clock.now() - 40 * dayMs);
    for (let i = 0; i < 60; i += 1) {
      const path = join(logsDir, `diagnostic-${i}.log`);
      await writeFile(path, 'old diagnostic line\n');
      await utimes(path, old, old);
    }
    const records: string[] = [];
    const retention = new RetentionService({
      clock,
      logger: nullLogger,
      runs: { logsDir, artifactsDir: join(fixture.dataDir, 'none'), storedRuns: () => [], isLive: () => false, markLogsDeleted: () => undefined },
      retentionDaysFor: () => 30,
      diagnosticRetentionDays: () => 30,
      audit: { record: (event) => records.push(event.type) },
      batchSize: 5,
    });
    const { result, turns } = await countingLoopTurns(() => retention.runPass());
    expect(result.diagnosticFiles).toBe(60);
    expect(await readdir(logsDir)).toEqual([]);
    // At least one turn per batch of five deletions: the pass never holds the loop for long.
    expect(turns).toBeGreaterThanOrEqual(60 / 5);
    expect(records).toEqual(['retentionPass']);
  });
});
