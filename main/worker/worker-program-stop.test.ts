import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findProcessesByRunId } from '../../app/bots/process-table.js';
import { fleetKeys } from '../../app/fleet/fleet-channels.js';
import { networkNamespacesMissing } from '../../app/fleet/testing/network-namespace.js';
import { redisServerMissing } from '../../app/fleet/testing/redis-server.js';
import { until } from '../../app/fleet/testing/until.js';
import { repoRoot } from '../../app/fleet/testing/worker-process.js';
import { NetnsFleet } from './testing/netns-fleet.js';

/** A bot that ignores SIGTERM (testing/stop-bot.mjs), in the worker's bots folder before it starts. */
function addDeafBot(fleet: NetnsFleet, index: number): void {
  const botsDir = join(fleet.dir, `worker-${String(index)}`, 'bots');
  mkdirSync(botsDir, { recursive: true });
  const manifest = { id: 'stop-deaf', name: 'Deaf to SIGTERM', command: 'node', args: [join(repoRoot, 'main/worker/testing/stop-bot.mjs'), 'deaf'], profileId: 'p1' };
  writeFileSync(join(botsDir, 'stop-deaf.bot.json'), JSON.stringify(manifest));
}

describe.skipIf(redisServerMissing() || networkNamespacesMissing())('the worker program stopped by IT (systemctl stop, Ctrl-C) while a bot runs', () => {
  let fleet: NetnsFleet;
  // Teardown kills processes and removes namespaces: a bound for a busy machine, not a wait.
  afterEach(async () => {
    await fleet.close();
  }, 90_000);

  it('says each run it takes and how it ended; on SIGTERM its bot is told to stop, the run ends interrupted, and the program exits 0 with nothing left running', async () => {
    fleet = new NetnsFleet();
    await fleet.start(1);
    await fleet.startSupervisor(120_000);
    const worker = await fleet.startWorker(0, 'Ward PC 1');
    fleet.enqueue('run-sigterm');
    await fleet.apiCalls('run-sigterm', 2);
    await worker.printed('Run run-sigterm (bot api-probe, pool ward) running.');

    await worker.kill('SIGTERM');

    expect(await worker.exited).toEqual({ code: 0, signal: null });
    await worker.printed('Stopping (SIGTERM): no new runs; running bots are told to stop and have 5 s before they are killed.');
    await worker.printed(/Run run-sigterm \(bot api-probe, pool ward\) ended interrupted after [^:]+: its bot stopped when told to \(SIGTERM\)\./);
    expect((await fleet.statuses('run-sigterm')).at(-1)).toMatchObject({ status: 'interrupted', detail: 'its bot stopped when told to (SIGTERM)' });
    expect(await findProcessesByRunId('run-sigterm')).toEqual([]);
    // Ended as a completed job: the desktop gets one end (the status), never a "worker lost" later.
    expect(fleet.lost.filter((l) => l.runId === 'run-sigterm')).toEqual([]);
  }, 120_000);

  it('a second Ctrl-C kills a bot that ignores SIGTERM at once, without waiting out its grace, and says so', async () => {
    fleet = new NetnsFleet();
    await fleet.start(1);
    await fleet.startSupervisor(120_000);
    addDeafBot(fleet, 0);
    const worker = await fleet.startWorker(0, 'Ward PC 1');
    fleet.enqueue('run-deaf', 'stop-deaf');
    // Its SIGTERM handler is in place once it has said so (a bot still starting would just die of the signal).
    const redis = fleet.client();
    await until(async () => ((await redis.xrange(fleetKeys.log('run-deaf'), '-', '+')).some(([, fields]) => fields.includes('working, broker answered 200')) ? true : undefined), 60_000);

    // Not worker.kill(): that waits for the program to exit.
    process.kill(worker.pid, 'SIGINT');
    await until(() => (worker.output().includes('Press Ctrl-C again to kill them now.') ? true : undefined));
    process.kill(worker.pid, 'SIGINT');

    expect(await worker.exited).toEqual({ code: 0, signal: null });
    await worker.printed('Killing the bots now.');
    expect((await fleet.statuses('run-deaf')).at(-1)).toMatchObject({ status: 'interrupted', detail: 'its bot was killed at once, on a second stop request' });
    expect(await findProcessesByRunId('run-deaf')).toEqual([]);
  }, 120_000);
});
