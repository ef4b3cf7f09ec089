import { afterEach, describe, expect, it } from 'vitest';
import { findProcessesByRunId } from '../../app/bots/process-table.js';
import { networkNamespacesMissing } from '../../app/fleet/testing/network-namespace.js';
import { redisServerMissing } from '../../app/fleet/testing/redis-server.js';
import { dumpRedis } from './testing/fleet-harness.js';
import { until } from '../../app/fleet/testing/until.js';
import { NetnsFleet, type ProbeLine } from './testing/netns-fleet.js';

const timeoutMs = 120_000;
const lastAt = (lines: ProbeLine[], kind: ProbeLine['kind']): number => Math.max(...lines.filter((l) => l.kind === kind).map((l) => l.at));
const firstLeases = (fleet: NetnsFleet, runId: string): number => fleet.events.filter((e) => e.kind === 'leased' && e.runId === runId && !e.renewal).length;

describe.skipIf(redisServerMissing() || networkNamespacesMissing())('fleet faults: worker agents in their own network namespaces, real bots calling the sandbox API', () => {
  let fleet: NetnsFleet;
  // Teardown kills processes and removes namespaces: a bound for a busy machine, not a wait.
  afterEach(async () => {
    await fleet.close();
  }, 90_000);

  it('S71 a worker SIGKILLed mid-run: the run is interrupted — worker lost, never retried, its bot reaped, and no secret in Redis', async () => {
    fleet = new NetnsFleet();
    await fleet.start(2);
    await fleet.startSupervisor(120_000);
    const workers = [await fleet.startWorker(0, 'Ward PC 1', { lostAfterMs: 2000 }), await fleet.startWorker(1, 'Ward PC 2', { lostAfterMs: 2000 })];
    fleet.enqueue('run-sigkill');
    await fleet.apiCalls('run-sigkill', 2);
    const [started] = await fleet.statuses('run-sigkill');
    const victim = workers.find((w) => w.name === started?.workerName);
    expect(victim).toBeDefined();
    await victim?.kill('SIGKILL');

    const lost = await until(() => fleet.lost.find((l) => l.runId === 'run-sigkill'), 60_000);
    expect(lost).toMatchObject({ reason: 'worker lost' });
    // BullMQ's 'stalled' event can arrive before it has moved the job on: wait for the state it ends in.
    await until(async () => ((await (await fleet.queue?.getJob('run-sigkill'))?.getState()) === 'failed' ? true : undefined));
    // The worker's orphan reaper killed the bot the moment the worker died.
    await until(async () => ((await findProcessesByRunId('run-sigkill')).length === 0 ? true : undefined));
    // Never retried: one claim granted, one worker ever started it, one bot process ever served.
    expect(firstLeases(fleet, 'run-sigkill')).toBe(1);
    expect((await fleet.statuses('run-sigkill')).filter((s) => s.status === 'starting').map((s) => s.workerName)).toEqual([victim?.name]);
    expect(fleet.probe('run-sigkill').filter((l) => l.kind === 'served' && l.first)).toHaveLength(1);
    expect(await fleet.client().exists('rpa:fleet:lease:run-sigkill')).toBe(0);
    const contents = await dumpRedis(fleet.client());
    expect(contents).toContain('rpa:fleet:log:run-sigkill');
    expect(contents).not.toContain(fleet.session.accessToken);
  }, timeoutMs);

  it('S71 a worker\'s link cut mid-run: its bot is served only until the lease lapses (bounded by the TTL); the run is interrupted — worker lost, and the bot stops when the link returns', async () => {
    const ttlMs = 2000;
    fleet = new NetnsFleet();
    await fleet.start(2);
    await fleet.startSupervisor(ttlMs);
    await fleet.startWorker(0, 'Ward PC 1', { lostAfterMs: 2000 });
    await fleet.startWorker(1, 'Ward PC 2', { lostAfterMs: 2000 });
    fleet.enqueue('run-cut');
    await fleet.apiCalls('run-cut', 2);
    const [started] = await fleet.statuses('run-cut');
    const ns = fleet.namespaces[started?.workerName === 'Ward PC 1' ? 0 : 1];
    await ns?.linkDown();
    // Taken once the link is down: no lease sealed after this moment can have reached the worker.
    const cutAt = Date.now();

    // The bot keeps asking its own broker (inside the namespace) and is denied once the lease lapses.
    const lines = await until(() => {
      const all = fleet.probe('run-cut');
      return all.some((l) => l.kind === 'denied' && l.at > cutAt) ? all : undefined;
    }, 30_000);
    expect(lastAt(lines, 'served') - cutAt).toBeLessThanOrEqual(ttlMs + 100);
    // The cut was real: the sandbox API went unreachable from inside the namespace.
    expect(lines.some((l) => l.kind === 'unreachable' && l.at > cutAt)).toBe(true);
    // The other worker sees the lock lapse: the run is lost, not handed to anyone else.
    expect(await until(() => fleet.lost.find((l) => l.runId === 'run-cut'), 60_000)).toMatchObject({ reason: 'worker lost' });

    await ns?.linkUp();
    // Back on the network, the worker learns the queue ended the run and stops the bot it held.
    const stopped = await until(async () => (await fleet.statuses('run-cut')).find((s) => s.status === 'stopped'), 90_000);
    expect(stopped.detail).toMatch(/worker lost/);
    await until(async () => ((await findProcessesByRunId('run-cut')).length === 0 ? true : undefined));
    expect(fleet.probe('run-cut').filter((l) => l.kind === 'served' && l.at > cutAt + ttlMs + 100)).toEqual([]);
    expect(firstLeases(fleet, 'run-cut')).toBe(1);
    expect(fleet.probe('run-cut').filter((l) => l.kind === 'served' && l.first)).toHaveLength(1);
  }, timeoutMs);

  it('S71 Redis restarted mid-run: running bots keep their lease and finish on their worker, the waiting run is added again and starts once', async () => {
    fleet = new NetnsFleet();
    await fleet.start(2);
    await fleet.startSupervisor(6000);
    await fleet.startWorker(0, 'Ward PC 1', { lostAfterMs: 5000 });
    await fleet.startWorker(1, 'Ward PC 2', { lostAfterMs: 5000 });
    fleet.enqueue('run-a');
    fleet.enqueue('run-b');
    await fleet.apiCalls('run-a', 2);
    await fleet.apiCalls('run-b', 2);
    fleet.enqueue('run-waiting');
    await until(async () => ((await fleet.queue?.getJob('run-waiting')) ? true : undefined));

    await fleet.redis.restart({ hard: true });
    const restartedAt = Date.now();
    // Redis came back empty; the supervisor adds its waiting run again.
    await until(async () => ((await fleet.queue?.getJob('run-waiting')) ? true : undefined), 30_000);
    // The running bots were never cut off: fresh leases reach them and the API keeps answering.
    for (const runId of ['run-a', 'run-b']) {
      await until(() => (fleet.probe(runId).filter((l) => l.kind === 'api ok' && l.at > restartedAt + 3000).length > 0 ? true : undefined), 30_000);
      expect(fleet.probe(runId).filter((l) => l.kind === 'denied')).toEqual([]);
    }
    expect(fleet.lost).toEqual([]);

    // Stopping a running run frees its worker, which takes the waiting run: each run started once.
    await fleet.coordinator?.control('run-a', 'stop');
    expect((await until(async () => (await fleet.statuses('run-a')).find((s) => s.status === 'stopped'), 30_000)).detail).toBe('SIGTERM');
    await fleet.apiCalls('run-waiting', 2);
    for (const runId of ['run-a', 'run-b', 'run-waiting']) {
      expect(firstLeases(fleet, runId)).toBe(1);
      expect(fleet.probe(runId).filter((l) => l.kind === 'served' && l.first)).toHaveLength(1);
    }
    expect(fleet.events.filter((e) => e.kind === 'refused')).toEqual([]);
  }, timeoutMs);
});
