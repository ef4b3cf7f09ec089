import { Queue } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { errorMessage } from '../../app/common/error-catalogue.js';
import { fleetChannels } from '../../app/fleet/fleet-channels.js';
import { refusalError } from '../../app/fleet/fleet-refusal.js';
import { defaultFleetQueueName, poolQueueName } from '../../app/fleet/pool-queue-name.js';
import { signRunClaim } from '../../app/fleet/run-claim.js';
import { redisServerMissing } from '../../app/fleet/testing/redis-server.js';
import { makeTestWorker } from '../../app/fleet/testing/test-workers.js';
import type { FleetDesktop } from './testing/fleet-desktop.js';
import { desktopPerTest } from './testing/desktop-per-test.js';
import { until } from '../../app/fleet/testing/until.js';

describe('refusalError', () => {
  it('gives each refusal reason its catalogue code; a second claim is fleet_run_already_started with a sentence a clinic user can act on', () => {
    expect(refusalError('already_started', 'ignored')).toMatchObject({ code: 'fleet_run_already_started', message: errorMessage('fleet_run_already_started') });
    expect(errorMessage('fleet_run_already_started')).toMatch(/already started by a worker.*Nothing to do/);
    expect(refusalError('wrong_pool', 'Ward PC is not in pool lab').code).toBe('fleet_worker_unapproved');
    expect(refusalError('stale', 'the claim has expired').code).toBe('fleet_claim_invalid');
    expect(refusalError('policy', 'the supervisor is away').code).toBe('fleet_policy_refused');
  });
});

/** One claim per run (issue 15, point 6), through the whole desktop on a real redis-server. */
describe.skipIf(redisServerMissing())('a second claim for a live run', () => {
  const newDesk = desktopPerTest();
  let desk: FleetDesktop | undefined;

  it('S71 a second claim for a live run is refused as fleet_run_already_started, and the run goes on where it started', async () => {
    desk = newDesk();
    await desk.start();
    const other = makeTestWorker('Ward PC 11');
    try {
      await desk.startWorker('Ward PC 10');
      await desk.startWorker('Ward PC 11', { identity: other.identity });
      const { api } = desk.supervisor;
      for (const name of ['Ward PC 10', 'Ward PC 11']) {
        const enrolment = (await api.invoke('listWorkers', {})).pending.find((e) => e.name === name)!;
        await api.invoke('approveWorker', { fingerprint: enrolment.fingerprint, name, pools: ['ward'] });
      }
      const run = await api.invoke('startRun', { botId: 'remote-loop' });
      const running = await desk.waitFor((s) => desk!.run(s, run.id)?.status === 'running', 'the run to be running');
      const first = desk.run(running, run.id)!.worker!.name;

      const listener = desk.client();
      const refusals: { runId: string; reason: string; detail: string }[] = [];
      listener.on('message', (_channel: string, text: string) => refusals.push(JSON.parse(text) as { runId: string; reason: string; detail: string }));
      await listener.subscribe(fleetChannels.refusals);
      // A second claim, signed by an approved worker (a replay if Ward PC 11 is the one running it).
      const claim = await signRunClaim({ workerId: other.identity.fingerprint, runId: run.id, issuedAt: Date.now() }, other.identity.privateKey);
      await desk.client().publish(fleetChannels.claims, JSON.stringify({ runId: run.id, pool: 'ward', claim }));
      const refused = await until(() => refusals.find((r) => r.runId === run.id));
      expect(refused).toMatchObject({ runId: run.id, reason: 'already_started', detail: errorMessage('fleet_run_already_started') });

      // Still the same run on the same worker, still working: a refused second claim never ends it.
      const tick = async (): Promise<number> => Number(/tick (\d+)\s*$/.exec(await desk!.logText(run.id))?.[1] ?? 0);
      const refusedAt = await tick();
      await expect.poll(tick, { timeout: 10_000 }).toBeGreaterThan(refusedAt + 1);
      const state = await api.invoke('getState', {});
      expect(desk.run(state, run.id)).toMatchObject({ status: 'running', worker: { name: first } });
      await api.invoke('stopRun', { runId: run.id });
      expect(await desk.runEnd(run.id)).toMatchObject({ status: 'cancelled', reason: 'Stopped by Dr Demo Supervisor.' });
    } finally {
      other.dispose();
    }
  });

  it('S71 a copy of a live run added again after Redis lost its job is refused as already started and completes quietly: the live run goes on', async () => {
    desk = newDesk();
    await desk.start();
    await desk.startWorker('Ward PC 20');
    await desk.startWorker('Ward PC 21');
    const { api } = desk.supervisor;
    for (const name of ['Ward PC 20', 'Ward PC 21']) {
      const enrolment = (await api.invoke('listWorkers', {})).pending.find((e) => e.name === name)!;
      await api.invoke('approveWorker', { fingerprint: enrolment.fingerprint, name, pools: ['ward'] });
    }
    const run = await api.invoke('startRun', { botId: 'remote-loop' });
    const running = await desk.waitFor((s) => desk!.run(s, run.id)?.status === 'running', 'the run to be running');
    const first = desk.run(running, run.id)!.worker!.name;

    // Redis loses the job (as a restart without persistence would); the same run is added again.
    const name = poolQueueName(defaultFleetQueueName, 'ward');
    const admin = desk.client();
    const data = await admin.hget(`bull:${name}:${run.id}`, 'data');
    expect(data).toContain(run.id);
    await admin.del(`bull:${name}:${run.id}`, `bull:${name}:${run.id}:lock`);
    await admin.lrem(`bull:${name}:active`, 0, run.id);
    const queue = new Queue(name, { connection: desk.client() });
    try {
      await queue.add('ward', JSON.parse(data!) as object, { jobId: run.id });
      // The idle worker takes the copy, its claim is refused, and the copy completes instead of failing.
      await expect.poll(() => queue.getJobState(run.id), { timeout: 15_000 }).toBe('completed');
    } finally {
      await queue.close();
    }

    const tick = async (): Promise<number> => Number(/tick (\d+)\s*$/.exec(await desk!.logText(run.id))?.[1] ?? 0);
    const copiedAt = await tick();
    await expect.poll(tick, { timeout: 10_000 }).toBeGreaterThan(copiedAt + 1);
    const state = await api.invoke('getState', {});
    expect(desk.run(state, run.id)).toMatchObject({ status: 'running', worker: { name: first } });
    await api.invoke('stopRun', { runId: run.id });
    expect(await desk.runEnd(run.id)).toMatchObject({ status: 'cancelled', reason: 'Stopped by Dr Demo Supervisor.' });
  });
});
