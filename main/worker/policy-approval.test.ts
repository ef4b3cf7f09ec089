import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { redisServerMissing, startTestRedis, type TestRedis } from '../../app/fleet/testing/redis-server.js';
import { makeTestWorker } from '../../app/fleet/testing/test-workers.js';
import { WorkerAdmin } from '../../app/fleet/worker-admin.js';
import { WorkerRoster } from '../../app/fleet/worker-roster.js';
import { FleetDesktop, fleetRedisPassword } from './testing/fleet-desktop.js';
import { FleetHarness, TestSession } from './testing/fleet-harness.js';
import { until } from '../../app/fleet/testing/until.js';

const token = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1LWFkYSIsInBvbGljeSI6InRydWUifQ.c2lnbmF0dXJlLWZvci1wb2xpY3ktdGVzdA';

/** Workers approved in the machine policy file (`fleet.approvedWorkers`), on a real redis-server. */
describe.skipIf(redisServerMissing())('workers approved by the machine policy', () => {
  let redis: TestRedis;
  const closers: (() => Promise<unknown> | unknown)[] = [];
  beforeAll(async () => {
    redis = await startTestRedis();
  });
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it('S77 through the supervisor: the listed worker gets a lease and runs, an unlisted one is refused; Settings shows it approved by the policy, read-only; audited as the policy', async () => {
    const admin = new Redis(redis.url);
    await admin.config('SET', 'requirepass', fleetRedisPassword);
    admin.disconnect();
    closers.push(async () => {
      const reset = new Redis(redis.url, { password: fleetRedisPassword });
      await reset.config('SET', 'requirepass', '');
      reset.disconnect();
    });
    const listed = makeTestWorker('Listed');
    const unlisted = makeTestWorker('Unlisted');
    closers.push(listed.dispose, unlisted.dispose);
    const desk = new FleetDesktop(redis.url);
    closers.push(() => desk.close());
    await desk.start({ allowApprovalInSettings: false, approvedWorkers: [{ fingerprint: listed.identity.fingerprint, name: 'Ward PC (policy)', pools: ['ward'] }] });
    const { api } = desk.supervisor;

    const stranger = await desk.startWorker('Unlisted PC', { identity: unlisted.identity });
    const refused = await api.invoke('startRun', { botId: 'remote-once' });
    const failed = await desk.runEnd(refused.id);
    expect(failed.status).toBe('failed');
    expect(failed.reason).toMatch(/is not approved for it/);
    await stranger.agent.close();

    await desk.startWorker('Listed PC', { identity: listed.identity });
    const run = await api.invoke('startRun', { botId: 'remote-once' });
    expect(await desk.runEnd(run.id)).toMatchObject({ status: 'succeeded', exitCode: 0, worker: { name: 'Ward PC (policy)' } });

    const view = await api.invoke('listWorkers', {});
    expect(view.canApprove).toBe(false);
    expect(view.approved).toEqual([expect.objectContaining({ fingerprint: listed.identity.fingerprint, name: 'Ward PC (policy)', pools: ['ward'], byPolicy: true })]);
    expect(view.pending.map((e) => e.fingerprint)).toEqual([unlisted.identity.fingerprint]);
    await expect(api.invoke('removeWorker', { workerId: listed.identity.fingerprint })).rejects.toMatchObject({ code: 'fleet_worker_policy_managed' });
    await expect(api.invoke('approveWorker', { fingerprint: unlisted.identity.fingerprint, name: 'Sneaky', pools: ['ward'] })).rejects.toMatchObject({ code: 'fleet_approval_not_allowed' });
    const audit = await api.invoke('listAudit', { limit: 50 });
    expect(audit.records.find((r) => r.type === 'workerApproved')).toMatchObject({ actor: { subject: 'machine-policy', name: 'Machine policy' }, detail: expect.stringContaining('approved by the machine policy') });
  });

  it('S77 a worker taken out of the policy loses its lease at once: its bot is denied within 1 s, and it is approved no more', async () => {
    const fleet = new FleetHarness(redis.url, 'policy-revoke');
    closers.push(() => fleet.close());
    const worker = makeTestWorker('Policy PC');
    const roster = new WorkerRoster({ redis: fleet.client(), load: () => [], save: () => undefined, audit: () => undefined, now: () => Date.now() });
    const workers = new WorkerAdmin({ roster, canApprove: false, lastSeen: () => undefined, revokeWorker: async (id) => fleet.coordinator.workerRemoved(id).then(() => true), setBotPool: () => undefined, leaseTtlMs: 120_000 });
    await workers.applyPolicy([{ fingerprint: worker.identity.fingerprint, name: 'Policy PC', pools: ['ward'] }]);
    fleet.roster = roster;
    await fleet.startSupervisor(new TestSession(token));
    await fleet.startWorker('Policy PC', { approve: false, worker });
    fleet.enqueue('run-policy');
    await until(async () => ((await fleet.logLines('run-policy')).some((l) => l.startsWith('served')) ? true : undefined));

    const droppedAt = Date.now();
    await workers.applyPolicy([]);
    const lines = await until(async () => {
      const all = await fleet.logLines('run-policy');
      return all.some((l) => l.startsWith('denied')) ? all : undefined;
    });
    const served = lines.flatMap((l) => /^served \d+ at (\d+)$/.exec(l)?.[1] ?? []).map(Number);
    expect(Math.max(...served) - droppedAt).toBeLessThan(1000);
    expect(roster.approved(worker.identity.fingerprint)).toBeUndefined();
    expect(await roster.resolve(worker.identity.fingerprint)).toBeUndefined();
  });
});
