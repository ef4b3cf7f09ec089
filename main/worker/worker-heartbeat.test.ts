import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fleetKeys } from '../../app/fleet/fleet-channels.js';
import { redisServerMissing, startTestRedis, type TestRedis } from '../../app/fleet/testing/redis-server.js';
import { FakeClock } from '../../app/test-support/fake-clock.js';
import { heartbeatEveryMs, heartbeatTtlMs } from '../../app/fleet/worker-beat.js';
import { WorkerHeartbeat } from './worker-heartbeat.js';

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
});
