import { describe, expect, it } from 'vitest';
import type { FleetRunLost } from '../../app/fleet/bullmq-run-queue.js';
import type { FleetEvent } from '../../app/fleet/fleet-coordinator.js';
import { fleetChannels } from '../../app/fleet/fleet-channels.js';
import { signRunClaim } from '../../app/fleet/run-claim.js';
import { redisServerMissing } from '../../app/fleet/testing/redis-server.js';
import { harnessPerTest } from './testing/harness-per-test.js';
import { makeTestWorker } from '../../app/fleet/testing/test-workers.js';
import { dumpRedis, TestSession } from './testing/fleet-harness.js';
import { until } from '../../app/fleet/testing/until.js';

const token = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1LWFkYSIsImZsZWV0IjoidGVzdCJ9.c2lnbmF0dXJlLWZvci1mbGVldC10ZXN0';

function servedAt(lines: string[]): number[] {
  return lines.flatMap((l) => /^served \d+ at (\d+)$/.exec(l)?.[1] ?? []).map(Number);
}
function deniedAt(lines: string[]): number[] {
  return lines.flatMap((l) => /^denied \w+ at (\d+)$/.exec(l)?.[1] ?? []).map(Number);
}

describe.skipIf(redisServerMissing())('fleet: supervisor, worker agents and real bots on a real redis-server', () => {
  const harness = harnessPerTest('fleet');

  it('S69 runs a bot on a worker from a lease, streams redacted logs back, revokes on sign-out within 1 s, and leaves no secret in Redis', async () => {
    const f = harness();
    const session = new TestSession(token);
    await f.startSupervisor(session);
    const events: FleetEvent[] = [];
    f.coordinator.onDidChange((e) => events.push(e));
    await f.startWorker('Ward PC 1', { approve: true });
    f.enqueue('run-remote-1');
    await until(async () => (servedAt(await f.logLines('run-remote-1')).length >= 3 ? true : undefined));
    expect(events[0]).toMatchObject({ kind: 'leased', runId: 'run-remote-1', workerName: 'Ward PC 1' });

    const signedOutAt = Date.now();
    session.signOut();
    const lines = await until(async () => {
      const all = await f.logLines('run-remote-1');
      return deniedAt(all).length > 0 ? all : undefined;
    });
    const lastServed = Math.max(...servedAt(lines));
    expect(lastServed - signedOutAt).toBeLessThan(1000);
    expect(deniedAt(lines)[0]! - signedOutAt).toBeLessThan(1000);
    expect(lines.find((l) => l.startsWith('leak check:'))).toMatch(/^leak check: \[REDACTED\] \[REDACTED\]$/);

    const contents = await dumpRedis(f.client());
    expect(contents).toContain('rpa:fleet:log:run-remote-1');
    expect(contents).not.toContain(token);
    for (const part of token.split('.')) expect(contents).not.toContain(part);
  });

  it('S70 an unapproved worker taking a job gets no lease: the run fails with the reason, once', async () => {
    const f = harness();
    await f.startSupervisor(new TestSession(token));
    const lost: FleetRunLost[] = [];
    f.queue.onDidLose((l) => lost.push(l));
    await f.startWorker('Stranger PC', { approve: false });
    f.enqueue('run-unapproved');
    const [first] = await until(() => (lost.length > 0 ? lost : undefined));
    expect(first).toMatchObject({ runId: 'run-unapproved', reason: 'failed' });
    expect(first?.detail).toMatch(/refused: worker .* is not approved/);
    expect(await f.logLines('run-unapproved')).toEqual([]);
  });

  it('S70 a worker removed mid-run stops getting tokens at once', async () => {
    const f = harness();
    await f.startSupervisor(new TestSession(token));
    const agent = await f.startWorker('Ward PC 2', { approve: true });
    f.enqueue('run-removed');
    await until(async () => (servedAt(await f.logLines('run-removed')).length >= 2 ? true : undefined));
    const removedAt = Date.now();
    f.approved.delete(agent.workerId);
    await f.coordinator.workerRemoved(agent.workerId);
    const lines = await until(async () => {
      const all = await f.logLines('run-removed');
      return deniedAt(all).length > 0 ? all : undefined;
    });
    expect(Math.max(...servedAt(lines)) - removedAt).toBeLessThan(1000);
  });

  it('S72 the supervisor gone (no renewals): the lease lapses within its TTL and the worker stops serving', async () => {
    const f = harness();
    const ttlMs = 1500;
    await f.startSupervisor(new TestSession(token), ttlMs);
    await f.startWorker('Ward PC 3', { approve: true });
    f.enqueue('run-orphaned');
    await until(async () => (servedAt(await f.logLines('run-orphaned')).length >= 2 ? true : undefined));
    const goneAt = Date.now();
    await f.coordinator.close();
    const lines = await until(async () => {
      const all = await f.logLines('run-orphaned');
      return deniedAt(all).length > 0 ? all : undefined;
    });
    expect(Math.max(...servedAt(lines)) - goneAt).toBeLessThanOrEqual(ttlMs + 100);
    // Redis drops the key by its own PX, set a few milliseconds after the lease's own expiry was stamped.
    const client = f.client();
    await until(async () => ((await client.exists('rpa:fleet:lease:run-orphaned')) === 0 ? true : undefined), ttlMs);
    expect(Date.now() - goneAt).toBeLessThanOrEqual(2 * ttlMs);
  });

  it('S71 a second claim for a run a worker already started is refused, even from another approved worker: a run never starts twice', async () => {
    const f = harness();
    await f.startSupervisor(new TestSession(token));
    const events: FleetEvent[] = [];
    f.coordinator.onDidChange((e) => events.push(e));
    await f.startWorker('Ward PC 6', { approve: true });
    f.enqueue('run-once');
    await until(async () => (servedAt(await f.logLines('run-once')).length >= 1 ? true : undefined));
    const other = makeTestWorker('Ward PC 7');
    f.closers.push(other.dispose);
    f.approved.set(other.approved.workerId, other.approved);
    const claim = await signRunClaim({ workerId: other.approved.workerId, runId: 'run-once', issuedAt: Date.now() }, other.identity.privateKey);
    await f.client().publish(fleetChannels.claims, JSON.stringify({ runId: 'run-once', pool: 'ward', claim }));
    const refused = await until(() => events.find((e) => e.kind === 'refused'));
    expect(refused).toMatchObject({ runId: 'run-once', reason: 'already_started' });
    expect(events.filter((e) => e.kind === 'leased' && !e.renewal)).toHaveLength(1);
    expect(f.coordinator.holderOf('run-once')?.name).toBe('Ward PC 6');
    // Once the run has ended the coordinator forgets who held it: a long day's runs are not kept.
    await f.coordinator.runEnded('run-once');
    expect(f.coordinator.holderOf('run-once')).toBeUndefined();
  });

  it('Stop reaches the worker holding the run, and the kill switch reaches every worker', async () => {
    const f = harness();
    await f.startSupervisor(new TestSession(token));
    const lost: FleetRunLost[] = [];
    f.queue.onDidLose((l) => lost.push(l));
    await f.startWorker('Ward PC 4', { approve: true });
    await f.startWorker('Ward PC 5', { approve: true });
    f.enqueue('run-stop');
    await until(async () => (servedAt(await f.logLines('run-stop')).length >= 1 ? true : undefined));
    await f.coordinator.control('run-stop', 'stop');
    await until(() => (lost.some((l) => l.runId === 'run-stop') ? true : undefined));
    expect(lost.find((l) => l.runId === 'run-stop')?.detail).toMatch(/stopped \(SIGTERM\)/);

    f.enqueue('run-kill-a');
    f.enqueue('run-kill-b');
    await until(async () => (servedAt(await f.logLines('run-kill-a')).length >= 1 && servedAt(await f.logLines('run-kill-b')).length >= 1 ? true : undefined));
    await f.coordinator.killSwitch();
    await until(() => (['run-kill-a', 'run-kill-b'].every((id) => lost.some((l) => l.runId === id)) ? true : undefined));
    expect(lost.filter((l) => l.runId.startsWith('run-kill')).map((l) => l.detail)).toEqual([expect.stringMatching(/SIGKILL/), expect.stringMatching(/SIGKILL/)]);
    expect(await f.client().exists('rpa:fleet:lease:run-kill-a', 'rpa:fleet:lease:run-kill-b')).toBe(0);
  });
});
