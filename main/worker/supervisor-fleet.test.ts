import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { redisServerMissing, type TestRedis } from '../../app/fleet/testing/redis-server.js';
import { dumpRedis } from './testing/fleet-harness.js';
import { FleetDesktop, fleetRedisPassword, startFleetRedis, TestPresence } from './testing/fleet-desktop.js';

/**
 * Fleet mode through the whole desktop (issue 15, points 2, 3, 5, 8): the supervisor composed from
 * the machine policy, a password-protected redis-server, real worker agents and real bot processes.
 */
describe.skipIf(redisServerMissing())('fleet mode through the supervisor', () => {
  let redis: TestRedis;
  let desk: FleetDesktop;
  beforeAll(async () => {
    redis = await startFleetRedis();
  });
  afterEach(async () => {
    await desk?.close();
  });
  afterAll(async () => {
    await redis?.stop();
  });
  async function approveFirstWorker(name: string): Promise<void> {
    const { api } = desk.supervisor;
    const listed = await api.invoke('listWorkers', {});
    const enrolment = listed.pending.find((e) => e.name === name);
    expect(enrolment?.fingerprint).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    const after = await api.invoke('approveWorker', { fingerprint: enrolment!.fingerprint, name: `${name} (approved)`, pools: ['ward'] });
    expect(after.approved.map((w) => w.name)).toContain(`${name} (approved)`);
    expect(after.pending.some((e) => e.fingerprint === enrolment!.fingerprint)).toBe(false);
  }

  it('S70 an unapproved worker gets nothing: the run, listed at once as waiting for a worker, fails with fleet_worker_unapproved; approval is audited', async () => {
    desk = new FleetDesktop(redis.url);
    await desk.start();
    await desk.startWorker('Stranger PC');
    const { api } = desk.supervisor;
    const run = await api.invoke('startRun', { botId: 'remote-once' });
    expect(run).toMatchObject({ status: 'queued', pool: 'ward', supervisor: { subject: 'demo-user-0001' } });
    const ended = await desk.runEnd(run.id);
    expect(ended.status).toBe('failed');
    expect(ended.reason).toMatch(/not approved for it .*Settings → Workers/);
    expect(await desk.logText(run.id)).not.toMatch(/authorised on the worker/);

    const workers = await api.invoke('listWorkers', {});
    expect(workers).toMatchObject({ enabled: true, canApprove: true, approved: [] });
    expect(workers.pending).toEqual([expect.objectContaining({ name: 'Stranger PC', pools: ['ward'] })]);
    await approveFirstWorker('Stranger PC');
    const audit = await api.invoke('listAudit', { limit: 50 });
    expect(audit.records.find((r) => r.type === 'workerApproved')).toMatchObject({ actor: { subject: 'demo-user-0001' } });
  });

  it('S69 a run goes through the queue to an approved worker: its status and redacted lines show in the run views with the worker name; no secret in Redis', async () => {
    desk = new FleetDesktop(redis.url);
    await desk.start();
    await desk.startWorker('Ward PC 1');
    await approveFirstWorker('Ward PC 1');
    const { api } = desk.supervisor;
    const run = await api.invoke('startRun', { botId: 'remote-once' });
    const queued = await api.invoke('getState', {});
    expect(desk.run(queued, run.id)?.status).toMatch(/queued|starting|running|succeeded/);
    const ended = await desk.runEnd(run.id);
    expect(ended).toMatchObject({ status: 'succeeded', exitCode: 0, pool: 'ward', worker: { name: 'Ward PC 1 (approved)' } });
    const log = await desk.logText(run.id);
    expect(log).toMatch(/stdout: authorised on the worker/);
    expect(log).toMatch(/stdout: leak check: \[REDACTED\] \[REDACTED\]/);
    expect(log).toMatch(/Running on Ward PC 1 \(approved\)/);
    const history = await api.invoke('listRuns', { botId: 'remote-once' });
    expect(history[0]).toMatchObject({ id: run.id, worker: { name: 'Ward PC 1 (approved)' } });
    const audit = await api.invoke('listAudit', { limit: 50 });
    expect(audit.records.filter((r) => r.runId === run.id).map((r) => r.type)).toEqual(expect.arrayContaining(['runStarted', 'runEnded']));
    const contents = await dumpRedis(desk.client());
    for (const tokens of desk.issued) {
      expect(contents).not.toContain(tokens.accessToken);
      for (const part of tokens.accessToken.split('.')) if (part.length > 8) expect(contents).not.toContain(part);
    }
    expect(contents).not.toContain(fleetRedisPassword);

    // A bot that fails on the worker: its own words reach the run, not only the worker's exit code.
    const failing = await api.invoke('startRun', { botId: 'remote-fail' });
    expect(await desk.runEnd(failing.id)).toMatchObject({ status: 'failed', worker: { name: 'Ward PC 1 (approved)' }, lastError: 'the portal refused batch 42' });
  });

  it('an approved worker that runs nothing still shows as up (its heartbeat), and as not up once its program stops', async () => {
    desk = new FleetDesktop(redis.url);
    await desk.start();
    const { agent } = await desk.startWorker('Ward PC H1');
    await approveFirstWorker('Ward PC H1');
    const { api } = desk.supervisor;
    const up = await api.invoke('listWorkers', {});
    expect(up.approved[0]).toMatchObject({ name: 'Ward PC H1 (approved)', online: true, lastSeenAt: expect.any(Number) });
    await agent.close();
    const down = await api.invoke('listWorkers', {});
    expect(down.approved[0]).not.toHaveProperty('online');
    // When it was last heard from stays: the time of its last beat.
    expect(down.approved[0]?.lastSeenAt).toBe(up.approved[0]?.lastSeenAt);
  });

  it('a run for a pool no approved worker takes says so in its queue entry and in Needs attention while it waits', async () => {
    desk = new FleetDesktop(redis.url);
    await desk.start();
    const { api } = desk.supervisor;
    const run = await api.invoke('startRun', { botId: 'remote-once' });
    const stuck = await desk.waitFor((s) => s.attention.some((item) => item.id === 'no-worker:ward'), 'the no-worker item');
    expect(stuck.queue?.find((entry) => entry.runId === run.id)).toMatchObject({ waitingFor: 'worker', pool: 'ward', noWorkerForPool: true });
    expect(stuck.attention.find((item) => item.id === 'no-worker:ward')).toMatchObject({ kind: 'noWorkerForPool', pool: 'ward', botNames: ['remote-once'] });
    // Stopped while it waits, nothing needs anyone any more.
    await api.invoke('stopRun', { runId: run.id });
    expect((await desk.runEnd(run.id)).status).toBe('cancelled');
    expect((await api.invoke('getState', {})).attention.some((item) => item.kind === 'noWorkerForPool')).toBe(false);
  });

  it('a run for a pool whose approved worker is not up says so, names the worker, and goes to it once it is back', async () => {
    desk = new FleetDesktop(redis.url);
    await desk.start();
    const { agent, identity } = await desk.startWorker('Ward PC D1');
    await approveFirstWorker('Ward PC D1');
    const { api } = desk.supervisor;
    const heard = (await api.invoke('listWorkers', {})).approved[0]?.lastSeenAt;
    // A clean close deletes its heartbeat: the worker is not up, and the desktop knows at once.
    await agent.close();
    const run = await api.invoke('startRun', { botId: 'remote-once' });
    const stuck = await desk.waitFor((s) => s.attention.some((item) => item.kind === 'poolWorkersDown'), 'the workers-down item');
    expect(stuck.queue?.find((entry) => entry.runId === run.id)).toMatchObject({ waitingFor: 'worker', pool: 'ward', workersDown: { workerNames: ['Ward PC D1 (approved)'], lastHeardAt: heard } });
    expect(stuck.attention.find((item) => item.kind === 'poolWorkersDown')).toMatchObject({ pool: 'ward', botNames: ['remote-once'], workerNames: ['Ward PC D1 (approved)'], lastHeardAt: heard });
    expect(stuck.attention.some((item) => item.kind === 'noWorkerForPool')).toBe(false);
    // Back up, it takes the run, and nothing needs anyone any more.
    await desk.startWorker('Ward PC D1', { identity });
    expect((await desk.runEnd(run.id)).status).toBe('succeeded');
    expect((await api.invoke('getState', {})).attention.some((item) => item.kind === 'poolWorkersDown')).toBe(false);
  });

  it('Pause, Resume, Stop at safe point and Stop reach the worker over the control channel', async () => {
    desk = new FleetDesktop(redis.url);
    await desk.start();
    await desk.startWorker('Ward PC 2');
    await approveFirstWorker('Ward PC 2');
    const { api } = desk.supervisor;
    // The highest tick the log holds: its last line may be the desktop's own (who asked for a pause).
    const tick = async (runId: string) => Math.max(0, ...[...(await desk.logText(runId)).matchAll(/stdout: tick (\d+)$/gm)].map((m) => Number(m[1])));

    const first = await api.invoke('startRun', { botId: 'remote-loop' });
    const running = await desk.waitFor((s) => desk.run(s, first.id)?.status === 'running', 'the loop bot to run');
    expect(desk.run(running, first.id)?.control).toEqual({ pause: 'checkpoint', safeStop: true });
    await expect.poll(() => tick(first.id), { timeout: 10_000 }).toBeGreaterThan(0);
    await api.invoke('pauseRun', { runId: first.id });
    await desk.waitFor((s) => desk.run(s, first.id)?.status === 'paused', 'the run to be paused');
    // The worker reports `paused` after its gate holds; at most the tick already under way follows.
    const heldAt = await tick(first.id);
    // Who acted is named in the run's own lines, as for a run on this computer.
    await expect.poll(() => desk.logText(first.id), { timeout: 10_000 }).toContain('Pause asked for on the worker by Dr Demo Supervisor.');
    expect(await tick(first.id)).toBeLessThanOrEqual(heldAt + 1);
    await api.invoke('resumeRun', { runId: first.id });
    await desk.waitFor((s) => desk.run(s, first.id)?.status === 'running', 'the run to resume');
    await expect.poll(() => tick(first.id), { timeout: 10_000 }).toBeGreaterThan(heldAt + 1);
    // Asked twice at once (two clicks): one request, one line; the first person's stop stands.
    await Promise.all([api.invoke('stopRunAtSafePoint', { runId: first.id }), api.invoke('stopRunAtSafePoint', { runId: first.id })]);
    const safe = await desk.runEnd(first.id);
    expect(safe).toMatchObject({ status: 'cancelled', reason: 'Stopped by Dr Demo Supervisor at a safe point.', worker: { name: 'Ward PC 2 (approved)' } });
    const log = await desk.logText(first.id);
    expect(log).toMatch(/stopping at a safe point/);
    expect(log).toContain('Resume asked for on the worker by Dr Demo Supervisor.');
    expect(log.split('\n').filter((line) => line.includes('Stop at the next safe point asked for'))).toEqual(['system: Stop at the next safe point asked for on the worker by Dr Demo Supervisor.']);
    expect(log).not.toMatch(/the operator/);

    const second = await api.invoke('startRun', { botId: 'remote-loop' });
    await desk.waitFor((s) => desk.run(s, second.id)?.status === 'running', 'the second run');
    await api.invoke('stopRun', { runId: second.id });
    expect(await desk.runEnd(second.id)).toMatchObject({ status: 'cancelled', reason: 'Stopped by Dr Demo Supervisor.' });
  });

  it('a worker lost mid-run: the run reads "Interrupted — worker lost", its job is never retried, and Run again starts a new run by hand', async () => {
    desk = new FleetDesktop(redis.url);
    await desk.start();
    const lost = await desk.startWorker('Ward PC 8', { lockDurationMs: 2000 });
    await approveFirstWorker('Ward PC 8');
    const { api } = desk.supervisor;
    const run = await api.invoke('startRun', { botId: 'remote-loop' });
    await desk.waitFor((s) => desk.run(s, run.id)?.status === 'running', 'the run on the first worker');
    // A second worker in the pool: its stalled-job check is what notices the first one went quiet.
    await desk.startWorker('Ward PC 9', { lockDurationMs: 2000 });
    await approveFirstWorker('Ward PC 9');
    lost.cut();
    const ended = await desk.runEnd(run.id, 30_000);
    expect(ended.status).toBe('interrupted');
    expect(ended.reason).toMatch(/^Interrupted — worker lost: Ward PC 8 \(approved\) stopped answering/);
    expect(await desk.client().zscore('bull:rpa-runs-ward:failed', run.id)).not.toBeNull();
    const again = await api.invoke('startRun', { botId: 'remote-loop' });
    expect(again.id).not.toBe(run.id);
    await desk.waitFor((s) => desk.run(s, again.id)?.worker?.name === 'Ward PC 9 (approved)' && desk.run(s, again.id)?.status === 'running', 'Run again on the other worker');
    expect(desk.run(await api.invoke('getState', {}), run.id)?.status).toBe('interrupted');
    await api.invoke('stopRun', { runId: again.id });
    await desk.runEnd(again.id);
  });

  it('presence in the claim check: a claim made while the supervisor is away is refused; away withdraws a running bot\'s lease and back restores it', async () => {
    // Away and back as the host reports them (the screen locked and unlocked): the same presence
    // change as idleness gives the fleet, at once instead of after an idle timeout.
    const presence = new TestPresence();
    desk = new FleetDesktop(redis.url);
    await desk.start({}, {}, { presence });
    await desk.startWorker('Ward PC 6');
    await approveFirstWorker('Ward PC 6');
    const { api } = desk.supervisor;
    presence.signal({ kind: 'active' });
    presence.signal({ kind: 'locked' });
    await desk.waitFor((s) => s.presence.status === 'absent', 'the supervisor to count as away');
    const refused = await api.invoke('startRun', { botId: 'remote-once' });
    const ended = await desk.runEnd(refused.id);
    expect(ended.status).toBe('failed');
    expect(ended.reason).toBe('The run was not started on the worker: the supervisor is away from the computer. Fix that, then use Run again.');

    // Present while the run starts, then away again: its lease is withdrawn.
    presence.signal({ kind: 'unlocked' });
    await desk.waitFor((s) => s.presence.status === 'present', 'the supervisor back');
    const run = await api.invoke('startRun', { botId: 'remote-loop' });
    await desk.waitFor((s) => desk.run(s, run.id)?.status === 'running', 'the run while present');
    // Running is said once the bot is started, before it has its first token: away only once it has.
    await expect.poll(() => desk.logText(run.id), { timeout: 10_000 }).toContain('stdout: authorised on the worker');
    presence.signal({ kind: 'locked' });
    await desk.waitFor((s) => desk.run(s, run.id)?.status === 'waitingForSignIn', 'the run to wait while the supervisor is away');
    expect(await desk.client().exists(`rpa:fleet:lease:${run.id}`)).toBe(0);
    presence.signal({ kind: 'unlocked' });
    await desk.waitFor((s) => desk.run(s, run.id)?.status === 'running', 'the run to work again once the supervisor is back');
    await api.invoke('stopRun', { runId: run.id });
    expect(await desk.runEnd(run.id)).toMatchObject({ status: 'cancelled' });
  });

  it('the kill switch (Stop all) reaches every worker: leases revoked, remote bots killed, runs cancelled', async () => {
    desk = new FleetDesktop(redis.url);
    await desk.start();
    await desk.startWorker('Ward PC 3');
    await approveFirstWorker('Ward PC 3');
    const { api } = desk.supervisor;
    const run = await api.invoke('startRun', { botId: 'remote-loop' });
    await desk.waitFor((s) => desk.run(s, run.id)?.status === 'running', 'the loop bot to run');
    await api.invoke('stopAll', {});
    expect(await desk.runEnd(run.id)).toMatchObject({ status: 'cancelled', reason: 'Stopped by Dr Demo Supervisor (stop all).' });
    expect(await desk.client().exists(`rpa:fleet:lease:${run.id}`)).toBe(0);
  });
});
