import { spawn } from 'node:child_process';
import { Queue } from 'bullmq';
import { poolQueueName } from '../../app/fleet/pool-queue-name.js';
import { afterEach, describe, expect, it } from 'vitest';
import { killRunLeftovers } from '../../app/bots/kill-process-tree.js';
import { findProcessesByRunId } from '../../app/bots/process-table.js';
import { networkNamespacesMissing } from '../../app/fleet/testing/network-namespace.js';
import { redisServerMissing } from '../../app/fleet/testing/redis-server.js';
import { repoRoot } from '../../app/fleet/testing/worker-process.js';
import { dumpRedis } from './testing/fleet-harness.js';
import { until } from '../../app/fleet/testing/until.js';
import { NetnsFleet, type ProbeLine } from './testing/netns-fleet.js';
import { prebuiltEntry } from './testing/prebuilt-entry.js';

const timeoutMs = 120_000;
const lastAt = (lines: ProbeLine[], kind: ProbeLine['kind']): number => Math.max(...lines.filter((l) => l.kind === kind).map((l) => l.at));

describe.skipIf(redisServerMissing() || networkNamespacesMissing())('fleet through network namespaces: revoke, refusal and a supervisor SIGKILLed', () => {
  let fleet: NetnsFleet;
  // Teardown kills processes and removes namespaces: a bound for a busy machine, not a wait.
  afterEach(async () => {
    await fleet.close();
  }, 90_000);

  it('S69 sign-out reaches the bots on both workers within 1 s, and Redis never holds the token', async () => {
    fleet = new NetnsFleet();
    await fleet.start(2);
    await fleet.startSupervisor(120_000);
    await fleet.startWorker(0, 'Ward PC 1');
    await fleet.startWorker(1, 'Ward PC 2');
    fleet.enqueue('run-one');
    fleet.enqueue('run-two');
    await fleet.apiCalls('run-one', 2);
    await fleet.apiCalls('run-two', 2);
    expect(new Set((await Promise.all(['run-one', 'run-two'].map(async (id) => (await fleet.statuses(id))[0]?.workerName))))).toEqual(new Set(['Ward PC 1', 'Ward PC 2']));

    const signedOutAt = Date.now();
    fleet.session.signOut();
    for (const runId of ['run-one', 'run-two']) {
      const lines = await until(() => {
        const all = fleet.probe(runId);
        return all.some((l) => l.kind === 'denied' && l.at > signedOutAt) ? all : undefined;
      });
      expect(lastAt(lines, 'served') - signedOutAt).toBeLessThan(1000);
      expect(lines.find((l) => l.kind === 'denied' && l.at > signedOutAt)!.at - signedOutAt).toBeLessThan(1000);
    }
    const contents = await dumpRedis(fleet.client());
    expect(contents).not.toContain(fleet.session.accessToken);
    for (const part of fleet.session.accessToken.split('.')) expect(contents).not.toContain(part);
  }, timeoutMs);

  it('S70 an unapproved worker in its own namespace takes a job: no lease, the run fails with the reason, its bot never starts', async () => {
    fleet = new NetnsFleet();
    await fleet.start(1);
    await fleet.startSupervisor(120_000);
    await fleet.startWorker(0, 'Stranger PC', { approve: false });
    fleet.enqueue('run-stranger');
    const lost = await until(() => fleet.lost.find((l) => l.runId === 'run-stranger'), 60_000);
    expect(lost).toMatchObject({ reason: 'failed' });
    expect(lost.detail).toMatch(/refused: worker .* is not approved/);
    expect((await fleet.statuses('run-stranger')).map((s) => s.status)).toEqual(['starting', 'refused']);
    expect(fleet.probe('run-stranger')).toEqual([]);
    expect(fleet.events.filter((e) => e.kind === 'leased')).toEqual([]);
    expect(await (await fleet.queue?.getJob('run-stranger'))?.getState()).toBe('failed');
  }, timeoutMs);

  it('S72 the supervisor SIGKILLed: leases lapse within the TTL; one worker holds its bot waiting for supervisor, the other stops it (onSupervisorLost)', async () => {
    const ttlMs = 2000;
    fleet = new NetnsFleet();
    await fleet.start(2);
    await fleet.startWorker(0, 'Ward PC wait', { onSupervisorLost: 'wait' });
    await fleet.startWorker(1, 'Ward PC stop', { onSupervisorLost: 'stop' });
    const supervisor = spawn(process.execPath, [prebuiltEntry('main/worker/testing/supervisor-process.ts')], { cwd: repoRoot, stdio: ['pipe', 'pipe', 'pipe'] });
    const supervisorGone = new Promise((resolve) => supervisor.once('exit', resolve));
    fleet.closers.push(async () => (supervisor.kill('SIGKILL'), await supervisorGone));
    let output = '';
    supervisor.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    supervisor.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const runIds = ['run-held', 'run-stopped'];
    for (const runId of runIds) fleet.closers.push(() => killRunLeftovers(runId));
    supervisor.stdin.write(`${JSON.stringify({ redisUrl: fleet.redis.url, queueName: fleet.queueName, leaseTtlMs: ttlMs, accessToken: fleet.session.accessToken, approved: fleet.roster.list(), runIds })}\n`);
    for (const runId of runIds) await fleet.apiCalls(runId, 2);

    supervisor.kill('SIGKILL');
    await supervisorGone;
    const killedAt = Date.now();
    const byWorker = new Map<string, string>();
    for (const runId of runIds) byWorker.set((await fleet.statuses(runId))[0]?.workerName ?? '', runId);
    const held = byWorker.get('Ward PC wait')!;
    const stopped = byWorker.get('Ward PC stop')!;
    expect(new Set([held, stopped])).toEqual(new Set(runIds));

    // Nobody renews: each worker's broker stops serving by the lease's own expiry. "wait": the bot
    // is alive, held, asking in vain; "stop": it was stopped and its job failed, never retried.
    await until(() => (fleet.probe(held).some((l) => l.kind === 'denied' && l.at > killedAt) ? true : undefined));
    expect(await until(async () => (await fleet.statuses(held)).find((s) => s.status === 'waiting for supervisor'))).toBeDefined();
    expect((await findProcessesByRunId(held)).length).toBeGreaterThan(0);
    const stop = await until(async () => (await fleet.statuses(stopped)).find((s) => s.status === 'stopped'));
    expect(stop.detail).toBe('SIGTERM');
    await until(async () => ((await findProcessesByRunId(stopped)).length === 0 ? true : undefined));
    for (const runId of runIds) expect(lastAt(fleet.probe(runId), 'served') - killedAt).toBeLessThanOrEqual(ttlMs + 100);
    const client = fleet.client();
    await until(async () => ((await client.exists(...runIds.map((id) => `rpa:fleet:lease:${id}`))) === 0 ? true : undefined), ttlMs + 1000);
    const queue = new Queue(poolQueueName(fleet.queueName, 'ward'), { connection: client });
    fleet.closers.push(() => queue.close());
    await until(async () => ((await (await queue.getJob(stopped))?.getState()) === 'failed' ? true : undefined));
    expect(await (await queue.getJob(held))?.getState()).toBe('active');
    expect(output).not.toContain(fleet.session.accessToken);
  }, timeoutMs);
});
