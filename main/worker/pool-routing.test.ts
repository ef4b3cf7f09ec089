import type { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import type { FleetRunLost } from '../../app/fleet/bullmq-run-queue.js';
import { fleetKeys, type RemoteStatus } from '../../app/fleet/fleet-channels.js';
import type { FleetEvent } from '../../app/fleet/fleet-coordinator.js';
import { redisServerMissing } from '../../app/fleet/testing/redis-server.js';
import { harnessPerTest } from './testing/harness-per-test.js';
import { TestSession } from './testing/fleet-harness.js';
import { until } from '../../app/fleet/testing/until.js';

const token = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1LWFkYSIsInBvb2wiOiJyb3V0aW5nIn0.c2lnbmF0dXJlLWZvci1wb29sLXJvdXRpbmc';

/** Every status the workers streamed back, oldest first. */
async function allStatuses(reader: Redis): Promise<RemoteStatus[]> {
  const entries = await reader.xrange(fleetKeys.status, '-', '+');
  return entries.map(([, fields]) => JSON.parse(fields[1] ?? '{}') as RemoteStatus);
}

/** Pool routing (issue 15): one BullMQ queue per pool, a worker reads only its own pools' queues. */
describe.skipIf(redisServerMissing())('fleet pools on a real redis-server', () => {
  const harness = harnessPerTest('pools');

  it('S76 a worker of another pool cannot take a run: every run is taken by a worker of its own pool, none fails for being outside it', async () => {
    const f = harness();
    await f.startSupervisor(new TestSession(token));
    const events: FleetEvent[] = [];
    f.coordinator.onDidChange((e) => events.push(e));
    const lost: FleetRunLost[] = [];
    f.queue.onDidLose((l) => lost.push(l));
    await f.startWorker('Ward PC', { approve: true, pools: ['ward'] });
    await f.startWorker('Lab PC', { approve: true, pools: ['lab'] });
    const runs = ['ward', 'lab'].flatMap((pool) => [1, 2, 3].map((n) => ({ runId: `${pool}-run-${String(n)}`, pool })));
    for (const { runId, pool } of runs) f.enqueue(runId, { pool, botId: 'once' });

    const reader = f.client();
    const statuses = await until(async () => {
      const all = await allStatuses(reader);
      return runs.every(({ runId }) => all.some((s) => s.runId === runId && s.status === 'succeeded')) ? all : undefined;
    }, 30_000);
    for (const { runId, pool } of runs) {
      const expected = pool === 'ward' ? 'Ward PC' : 'Lab PC';
      expect(statuses.filter((s) => s.runId === runId).map((s) => [s.workerName, s.status])).toEqual([[expected, 'starting'], [expected, 'running'], [expected, 'succeeded']]);
      expect(events.find((e) => e.kind === 'leased' && e.runId === runId)).toMatchObject({ workerName: expected });
    }
    expect(events.filter((e) => e.kind === 'refused')).toEqual([]);
    expect(lost).toEqual([]);
  });

  it('a worker serving two pools runs at most its limit at once across both, and every run of either pool still runs', async () => {
    const f = harness();
    await f.startSupervisor(new TestSession(token));
    const lost: FleetRunLost[] = [];
    f.queue.onDidLose((l) => lost.push(l));
    await f.startWorker('Both PC', { approve: true, pools: ['ward', 'lab'], concurrency: 1 });
    const runIds = ['ward-a', 'lab-a', 'ward-b', 'lab-b'];
    for (const runId of runIds) f.enqueue(runId, { pool: runId.split('-')[0] ?? 'ward', botId: 'once' });

    const reader = f.client();
    const statuses = await until(async () => {
      const all = await allStatuses(reader);
      return runIds.every((runId) => all.some((s) => s.runId === runId && s.status === 'succeeded')) ? all : undefined;
    }, 30_000);
    // One slot: each run's starting → running → succeeded comes whole, never interleaved with another run's.
    const order = statuses.filter((s) => runIds.includes(s.runId)).map((s) => `${s.runId}:${s.status}`);
    expect(order).toHaveLength(runIds.length * 3);
    for (let i = 0; i < order.length; i += 3) {
      const runId = order[i]!.split(':')[0]!;
      expect(order.slice(i, i + 3)).toEqual([`${runId}:starting`, `${runId}:running`, `${runId}:succeeded`]);
    }
    expect(lost).toEqual([]);
  });
});
