import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fleetKeys, type RemoteStatus } from './fleet-channels.js';
import { fleetRedisClients } from './fleet-redis.js';
import { RemoteStreamReader } from './remote-stream-reader.js';
import { redisServerMissing, startTestRedis, type TestRedis } from './testing/redis-server.js';
import { until } from './testing/until.js';

let redis: TestRedis | undefined;
const closers: (() => unknown)[] = [];
beforeAll(async () => {
  if (!redisServerMissing()) redis = await startTestRedis();
});
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});
afterAll(async () => {
  await redis?.stop();
});

describe.skipIf(redisServerMissing())('RemoteStreamReader: statuses from workers (real redis-server)', () => {
  it('S99 hands over only well-formed, bounded statuses: a malformed or oversized one is dropped and said, and the statuses after it still arrive', async () => {
    const clients = fleetRedisClients({ url: redis!.url }, () => undefined);
    closers.push(clients.closeAll);
    const commands = clients.client();
    const statuses: RemoteStatus[] = [];
    const dropped: string[] = [];
    const reader = new RemoteStreamReader({ blocking: clients.client(), commands, handlers: { status: (entry) => void statuses.push(entry), line: () => undefined }, onRefused: (detail) => dropped.push(detail), blockMs: 100 });
    await reader.start();
    closers.push(() => reader.close());

    const good: RemoteStatus = { runId: 'run-good', workerId: 'NV4D-HB9F-FYMA-E7JT', workerName: 'Ward PC 1', status: 'paused', at: Date.now() };
    const bad: unknown[] = [
      { ...good, runId: 'run-at', at: 'yesterday' },
      { ...good, runId: 'run-worker', workerId: { id: 'x' } },
      { ...good, runId: 'run-name', workerName: 'W'.repeat(1_000_000) },
      { ...good, runId: 'run-detail', status: 'failed', detail: 'd'.repeat(5_000_000) },
      { ...good, runId: 'run-status', status: 'exploded' },
      { ...good, runId: 'r'.repeat(100_000) },
      { ...good, runId: 'run-no-name', workerName: undefined },
    ];
    for (const entry of bad) await commands.xadd(fleetKeys.status, '*', 'status', JSON.stringify(entry));
    await commands.xadd(fleetKeys.status, '*', 'status', JSON.stringify(good));

    await until(() => statuses.find((entry) => entry.runId === 'run-good'));
    expect(statuses).toEqual([good]);
    expect(dropped).toHaveLength(bad.length);
    // What is said about a dropped status is short, whatever the status held.
    for (const detail of dropped) expect(detail.length).toBeLessThan(300);
  });
});
