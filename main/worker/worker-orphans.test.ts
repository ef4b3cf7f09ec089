import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { findProcessesByRunId, readProcessTable } from '../../app/bots/process-table.js';
import { networkNamespacesMissing } from '../../app/fleet/testing/network-namespace.js';
import { redisServerMissing } from '../../app/fleet/testing/redis-server.js';
import { until } from '../../app/fleet/testing/until.js';
import { NetnsFleet } from './testing/netns-fleet.js';

/** The worker's orphan reaper: its child running `node -e <reaper source>`. */
async function reaperOf(workerPid: number): Promise<number | undefined> {
  for (const entry of await readProcessTable()) {
    if (entry.ppid !== workerPid) continue;
    const cmdline = await readFile(`/proc/${String(entry.pid)}/cmdline`, 'latin1').catch(() => '');
    if (cmdline.split('\0').includes('-e')) return entry.pid;
  }
  return undefined;
}

describe.skipIf(redisServerMissing() || networkNamespacesMissing())('a restarted worker reaps the bots it left behind', () => {
  let fleet: NetnsFleet;
  // Teardown kills processes and removes namespaces: a bound for a busy machine, not a wait.
  afterEach(async () => {
    await fleet.close();
  }, 90_000);

  it('S71 a worker and its reaper SIGKILLed leave a bot running; the worker restarted on the same data folder kills it before taking work, and the run ends once as worker lost', async () => {
    fleet = new NetnsFleet();
    await fleet.start(1);
    await fleet.startSupervisor(120_000);
    const first = await fleet.startWorker(0, 'Ward PC 1', { lostAfterMs: 2000 });
    fleet.enqueue('run-orphan');
    await fleet.apiCalls('run-orphan', 2);
    const reaper = await until(() => reaperOf(first.pid));
    // The whole host dies at once: nothing is left to clean up, the bot is an orphan.
    process.kill(reaper, 'SIGKILL');
    await first.kill('SIGKILL');
    const orphans = await findProcessesByRunId('run-orphan');
    expect(orphans.length).toBeGreaterThan(0);

    const restartedAt = Date.now();
    const second = await fleet.startWorker(0, 'Ward PC 1', { lostAfterMs: 2000, approve: false });
    expect(second.fingerprint).toBe(first.fingerprint);
    await until(async () => ((await findProcessesByRunId('run-orphan')).length === 0 ? true : undefined));
    const reaped = await until(async () => (await fleet.statuses('run-orphan')).find((s) => s.status === 'interrupted'));
    expect(reaped).toMatchObject({ workerName: 'Ward PC 1', detail: expect.stringMatching(/^it restarted after being killed/) });
    await second.printed(`Run run-orphan ended interrupted: ${reaped.detail ?? ''}.`);
    expect(reaped.at).toBeGreaterThanOrEqual(restartedAt);
    // The restarted worker finds the job's lock lapsed: the run is lost, not run again.
    expect(await until(() => fleet.lost.find((l) => l.runId === 'run-orphan'), 30_000)).toMatchObject({ reason: 'worker lost' });
    expect((await fleet.statuses('run-orphan')).filter((s) => s.status === 'starting')).toHaveLength(1);
    expect(fleet.probe('run-orphan').filter((l) => l.kind === 'served' && l.first)).toHaveLength(1);
  }, 120_000);

  it('S71 a worker SIGKILLed alone: its orphan reaper kills the bot at once, and a clean restart has nothing to reap', async () => {
    fleet = new NetnsFleet();
    await fleet.start(1);
    await fleet.startSupervisor(120_000);
    const first = await fleet.startWorker(0, 'Ward PC 1', { lostAfterMs: 2000 });
    fleet.enqueue('run-reaped');
    await fleet.apiCalls('run-reaped', 2);
    await first.kill('SIGKILL');
    await until(async () => ((await findProcessesByRunId('run-reaped')).length === 0 ? true : undefined), 10_000);
    const second = await fleet.startWorker(0, 'Ward PC 1', { lostAfterMs: 2000, approve: false });
    expect(await until(() => fleet.lost.find((l) => l.runId === 'run-reaped'), 30_000)).toMatchObject({ reason: 'worker lost' });
    // Reported once, by the restart: the live-runs list still named it.
    expect((await fleet.statuses('run-reaped')).filter((s) => s.status === 'interrupted')).toHaveLength(1);
    expect(second.output()).not.toContain('could not start');
  }, 120_000);
});
