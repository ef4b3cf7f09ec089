import { execFileSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dayMs } from '../common/patient-data.js';
import type { StoredRun } from '../bots/run-history.js';
import type { AuditEvent } from '../audit/audit-record.js';
import { nullLogger } from '../ports/logger.js';
import { FakeClock } from '../test-support/fake-clock.js';
import { RetentionService, type RetentionRuns } from './retention-service.js';
import { countingLoopTurns } from '../test-support/loop-turns.js';

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

function ended(id: string, endedAt: number, extra: Partial<StoredRun> = {}): StoredRun {
  return { id, botId: 'bot', botName: 'Bot', profileId: 'p', status: 'succeeded', startedAt: endedAt - 60_000, endedAt, ...extra };
}

/**
 * Makes a folder whose files cannot be deleted, as a file another program holds open on Windows
 * is: read-only for an ordinary user; for root (which ignores permissions) the immutable flag.
 * Returns how to undo it, or why this machine cannot do it.
 */
async function lockFolder(dir: string): Promise<{ undo(): Promise<void> } | { reason: string }> {
  if (process.getuid?.() !== 0) {
    await chmod(dir, 0o500);
    return { undo: () => chmod(dir, 0o700) };
  }
  try {
    execFileSync('chattr', ['+i', dir], { stdio: 'ignore' });
  } catch {
    return { reason: 'running as root on a file system without chattr +i, so no folder can be made undeletable' };
  }
  return { undo: async () => void execFileSync('chattr', ['-i', dir], { stdio: 'ignore' }) };
}

describe('RetentionService edge cases', () => {
  let dir: string;
  let logsDir: string;
  let artifactsDir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rpa-retention-'));
    logsDir = join(dir, 'logs');
    artifactsDir = join(dir, 'artifacts');
    await mkdir(logsDir, { recursive: true });
    await mkdir(artifactsDir, { recursive: true });
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** Runs held in memory, as the run manager holds them, with every call to `markLogsDeleted` kept. */
  function fakeRuns(runs: StoredRun[], live: ReadonlySet<string> = new Set()): RetentionRuns & { marked: string[][] } {
    const byId = new Map(runs.map((run) => [run.id, run]));
    const marked: string[][] = [];
    return {
      logsDir,
      artifactsDir,
      marked,
      storedRuns: () => [...byId.values()],
      isLive: (runId) => live.has(runId),
      markLogsDeleted(runIds, at) {
        marked.push([...runIds]);
        for (const runId of runIds) {
          const run = byId.get(runId);
          if (run) byId.set(runId, { ...run, logDeletedAt: at });
        }
      },
    };
  }

  const service = (clock: FakeClock, runs: RetentionRuns, audit: AuditEvent[] = [], batchSize?: number) =>
    new RetentionService({ clock, logger: nullLogger, runs, retentionDaysFor: () => 30, diagnosticRetentionDays: () => 30, audit: { record: (event) => audit.push(event) }, ...(batchSize ? { batchSize } : {}) });

  it('deletes a run that ended exactly 30 days (of 24 hours) ago, keeps one a millisecond younger, counts days in elapsed time across a clock change, and leaves a live run started long ago alone', async () => {
    // 10:00 in London on 20 April 2026; the clocks went forward on 29 March, inside the 30 days.
    const now = Date.UTC(2026, 3, 20, 9, 0, 0);
    const clock = new FakeClock(now);
    const runs = fakeRuns([
      ended('exactly', now - 30 * dayMs),
      ended('younger', now - 30 * dayMs + 1),
      // 10:00 London time 30 calendar days earlier is 21 March 10:00 UTC: 30 × 24 h less one hour.
      ended('same-wall-clock', Date.UTC(2026, 2, 21, 10, 0, 0)),
      { ...ended('live', now - 90 * dayMs), status: 'running', endedAt: undefined },
      { ...ended('live-by-manager', now - 90 * dayMs), status: 'succeeded' },
      { ...ended('missing-log', now - 40 * dayMs) },
    ], new Set(['live-by-manager']));
    for (const id of ['exactly', 'younger', 'same-wall-clock', 'live', 'live-by-manager']) await writeFile(join(logsDir, `${id}.log`), 'line\n');

    const result = await service(clock, runs).runPass();

    expect(runs.marked.flat().sort()).toEqual(['exactly', 'missing-log']);
    expect(result).toMatchObject({ runs: 2, runLogFiles: 1 });
    expect((await readdir(logsDir)).sort()).toEqual(['live-by-manager.log', 'live.log', 'same-wall-clock.log', 'younger.log']);
  });

  it('a run whose files cannot be deleted is left for the next pass, the others are deleted, and the audit says so with counts', async (context) => {
    const clock = new FakeClock();
    const old = clock.now() - 40 * dayMs;
    const runs = fakeRuns([ended('stuck', old), ended('first', old), ended('last', old)]);
    for (const id of ['stuck', 'first', 'last']) {
      await writeFile(join(logsDir, `${id}.log`), 'line\n');
      await mkdir(join(artifactsDir, id));
      await writeFile(join(artifactsDir, id, 'report.txt'), 'report');
    }
    const lock = await lockFolder(join(artifactsDir, 'stuck'));
    if ('reason' in lock) {
      context.skip(`skipped: ${lock.reason}`);
      return;
    }
    const audit: AuditEvent[] = [];
    let result;
    try {
      result = await service(clock, runs, audit).runPass();
    } finally {
      await lock.undo();
    }
    expect(runs.marked.flat().sort()).toEqual(['first', 'last']);
    expect(result).toMatchObject({ runs: 2, runLogFiles: 2, artifactFiles: 2, failedRuns: 1 });
    // The stuck run keeps its log, so what the run detail shows is still whole.
    expect(await exists(join(logsDir, 'stuck.log'))).toBe(true);
    expect(audit.map((event) => event.detail)).toEqual([
      expect.stringMatching(/^Retention deleted the logs of 2 runs \(2 log files, 2 artifact files\) and 0 diagnostic log files, \d+ (bytes|KB) in all\. The files of 1 run could not be deleted; the next pass tries again\.$/),
    ]);

    // The next pass, with the folder free again, finishes the job.
    expect(await service(clock, runs).runPass()).toMatchObject({ runs: 1, runLogFiles: 1, artifactFiles: 1, failedRuns: 0 });
    expect(await readdir(artifactsDir)).toEqual([]);
  });

  it('a pass over 10,000 runs lists the logs folder once, not once per run, and lets other work run between its batches', async () => {
    const clock = new FakeClock();
    const history: StoredRun[] = [];
    for (let i = 0; i < 10_000; i += 1) {
      const run = ended(`run-${i}`, clock.now() - (i % 2 === 0 ? 40 : 5) * dayMs);
      history.push(run);
    }
    // Every run has its log file: 10,000 files, which a listing per run would stat 50 million times.
    for (let i = 0; i < history.length; i += 500) {
      await Promise.all(history.slice(i, i + 500).map((run) => writeFile(join(logsDir, `${run.id}.log`), 'line\n')));
    }
    const runs = fakeRuns(history);
    const markedAtTurn: number[] = [];
    const mark = runs.markLogsDeleted.bind(runs);
    const { result } = await countingLoopTurns((turns) => {
      runs.markLogsDeleted = (runIds, at) => {
        markedAtTurn.push(turns());
        mark(runIds, at);
      };
      return service(clock, runs, [], 100).runPass();
    });

    expect(result).toMatchObject({ runs: 5000, runLogFiles: 5000, failedRuns: 0 });
    expect((await readdir(logsDir)).length).toBe(5000);
    // Fifty batches of a hundred, and the loop turned between every two of them.
    expect(markedAtTurn.length).toBeGreaterThanOrEqual(50);
    for (let i = 1; i < markedAtTurn.length; i += 1) expect(markedAtTurn[i]).toBeGreaterThan(markedAtTurn[i - 1] ?? 0);
  }, 90_000);
});
