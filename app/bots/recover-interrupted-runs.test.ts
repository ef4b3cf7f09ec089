import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nullLogger } from '../ports/logger.js';
import { FakeClock } from '../test-support/fake-clock.js';
import { heartbeatIntervalMs } from './liveness-heartbeat.js';
import { recoverInterruptedRuns } from './recover-interrupted-runs.js';
import { RunHistory, type StoredRun } from './run-history.js';
import { logText, misbehaving, runToEnd, useRunFixture, waitForLog } from './testing/run-fixture.js';

const fixture = useRunFixture();

describe('recoverInterruptedRuns', () => {
  it('persists history and marks live runs interrupted after a restart', async () => {
    const manager = fixture.newManager();
    manager.setBots([misbehaving('crash', { env: { MISBEHAVE_MODE: 'crash', MISBEHAVE_EXIT_CODE: '0' } }), misbehaving('hang')]);
    const finished = await runToEnd(manager, await manager.start('misbehaving-crash'));
    expect(finished.status).toBe('succeeded');
    const live = await manager.start('misbehaving-hang');
    await waitForLog(manager, live.id, /now hanging/);

    // A second instance on the same data folder stands in for the app restarting after a crash.
    const restarted = fixture.newManager();
    const runs = restarted.listRuns();
    expect(runs.map((r) => [r.id, r.status])).toEqual([
      [live.id, 'interrupted'],
      [finished.id, 'succeeded'],
    ]);
    expect(runs[0]?.reason).toMatch(/stopped while this run was live/);
    expect(restarted.interruptedAtStart.map((run) => run.id)).toEqual([live.id]);
    expect(logText(restarted, finished.id)).toMatch(/stderr: about to crash/);
    expect(() => restarted.readLog('run-unknown')).toThrow(expect.objectContaining({ code: 'unknown_run' }));
  });

  it('turns every stored live status into interrupted, keeps ended runs, and drops the pid from the views', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rpa-recover-'));
    try {
      const history = new RunHistory({ path: join(dir, 'runs.json'), logger: nullLogger });
      const stored = (id: string, status: StoredRun['status']): StoredRun => ({ id: `run-${id}`, botId: 'b', botName: 'B', profileId: 'p', status, startedAt: 1, pid: 2_000_000_000 });
      history.upsertMany([stored('q', 'queued'), stored('s', 'starting'), stored('r', 'running'), stored('f', 'failed')]);
      const interrupted = recoverInterruptedRuns(history, nullLogger);
      expect(interrupted.map((run) => [run.id, run.status])).toEqual([
        ['run-q', 'interrupted'],
        ['run-s', 'interrupted'],
        ['run-r', 'interrupted'],
      ]);
      expect(interrupted.every((run) => !('pid' in run))).toBe(true);
      const reloaded = new RunHistory({ path: join(dir, 'runs.json'), logger: nullLogger });
      expect(reloaded.all().map((run) => run.status)).toEqual(['interrupted', 'interrupted', 'interrupted', 'failed']);
      expect(recoverInterruptedRuns(reloaded, nullLogger)).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('an interrupted run ends when it was last known alive (the heartbeat), not at the restart: its real duration', async () => {
    const clock = new FakeClock(Date.now());
    const manager = fixture.newManager({ clock });
    manager.setBots([misbehaving('hang')]);
    const live = await manager.start('misbehaving-hang');
    await waitForLog(manager, live.id, /now hanging/);
    const startedAt = clock.now();
    // Two beats while the run lives, then the instance "dies": nothing beats any more.
    clock.advance(2 * heartbeatIntervalMs);

    // The app comes back an hour later on the same data folder (its own clock: the dead one's stops).
    const restarted = fixture.newManager({ clock: new FakeClock(clock.now() + 60 * 60_000) });
    const [interrupted] = restarted.interruptedAtStart;
    expect(interrupted).toMatchObject({ id: live.id, status: 'interrupted' });
    const ranForMs = (interrupted?.endedAt ?? Number.NaN) - startedAt;
    // The last beat, give or take the log file's own (real) time: never the hour it was not running.
    expect(ranForMs).toBeGreaterThanOrEqual(2 * heartbeatIntervalMs);
    expect(ranForMs).toBeLessThan(2 * heartbeatIntervalMs + 60_000);
    expect(restarted.listRuns().find((run) => run.id === live.id)?.endedAt).toBe(interrupted?.endedAt);
  });
});
