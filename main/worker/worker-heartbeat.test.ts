import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fleetKeys } from '../../app/fleet/fleet-channels.js';
import { redisServerMissing, startTestRedis, type TestRedis } from '../../app/fleet/testing/redis-server.js';
import { FakeClock } from '../../app/test-support/fake-clock.js';
import { heartbeatEveryMs, heartbeatTtlMs } from '../../app/fleet/worker-beat.js';
import { makeTestWorker } from '../../app/fleet/testing/test-workers.js';
import { nullLogger } from '../../app/ports/logger.js';
import { WorkerAgent, type WorkerAgentOptions } from './worker-agent.js';
import { checkedHeartbeatEveryMs, heartbeatEveryMsBounds, WorkerHeartbeat } from './worker-heartbeat.js';

describe.skipIf(redisServerMissing())('WorkerHeartbeat (a real redis-server)', () => {
  let redis: TestRedis;
  let client: Redis;
  beforeAll(async () => {
    redis = await startTestRedis();
    client = new Redis(redis.url);
  });
  afterAll(async () => {
    client?.disconnect();
    await redis?.stop();
  });

  it('writes the time at once and on every beat, lapsing three beats after the last; a clean close deletes it', async () => {
    const clock = new FakeClock(1_000_000);
    const heartbeat = new WorkerHeartbeat({ redis: client, workerId: 'worker-a', clock });
    const key = fleetKeys.alive('worker-a');
    heartbeat.start();
    await expect.poll(() => client.get(key)).toBe('1000000');
    const ttl = await client.pttl(key);
    expect(ttl).toBeGreaterThan(heartbeatTtlMs - 5_000);
    expect(ttl).toBeLessThanOrEqual(heartbeatTtlMs);
    clock.advance(heartbeatEveryMs);
    await expect.poll(() => client.get(key)).toBe(String(1_000_000 + heartbeatEveryMs));
    await heartbeat.close();
    expect(await client.exists(key)).toBe(0);
    // Closed: no later beat writes it again.
    clock.advance(heartbeatEveryMs);
    expect(await client.exists(key)).toBe(0);
  });

  it('a worker agent beats at the heartbeatEveryMs it is given, with the usual lifetime', async () => {
    const clock = new FakeClock(2_000_000);
    const worker = makeTestWorker('Ward PC beat');
    const clients = [new Redis(redis.url, { maxRetriesPerRequest: null }), new Redis(redis.url, { maxRetriesPerRequest: null }), new Redis(redis.url, { maxRetriesPerRequest: null })] as const;
    const agent = new WorkerAgent({ ...agentOptions(worker.identity, clients, clock), heartbeatEveryMs: 500 });
    const key = fleetKeys.alive(worker.identity.fingerprint);
    try {
      await agent.start();
      await expect.poll(() => client.get(key)).toBe('2000000');
      // Half a second on, not the default ten: the next beat is there.
      clock.advance(500);
      await expect.poll(() => client.get(key)).toBe('2000500');
      expect(await client.pttl(key)).toBeGreaterThan(heartbeatTtlMs - 5_000);
    } finally {
      await agent.close();
      for (const redisClient of clients) redisClient.disconnect();
      worker.dispose();
    }
  });

  it('refuses a heartbeat interval out of bounds with fleet_worker_option_invalid, before anything starts', () => {
    expect(checkedHeartbeatEveryMs(undefined)).toBe(heartbeatEveryMs);
    expect(checkedHeartbeatEveryMs(heartbeatEveryMsBounds.min)).toBe(heartbeatEveryMsBounds.min);
    const worker = makeTestWorker('Ward PC bad beat');
    try {
      for (const everyMs of [0, heartbeatEveryMsBounds.min - 1, 1500.5, heartbeatEveryMsBounds.max + 1, Number.NaN]) {
        expect(() => new WorkerAgent({ ...agentOptions(worker.identity, [client, client, client], new FakeClock()), heartbeatEveryMs: everyMs }), String(everyMs)).toThrow(
          expect.objectContaining({ code: 'fleet_worker_option_invalid', message: expect.stringContaining(`heartbeatEveryMs ${String(everyMs)} is not a whole number of milliseconds from 250 to 10000`) }),
        );
      }
    } finally {
      worker.dispose();
    }
  });
});

function agentOptions(identity: WorkerAgentOptions['identity'], clients: readonly [Redis, Redis, Redis], clock: FakeClock): WorkerAgentOptions {
  return { name: 'Ward PC beat', pools: ['ward'], identity, redis: clients[0], subscriber: clients[1], workerConnection: clients[2], resolveBot: () => undefined, clock, logger: nullLogger };
}
