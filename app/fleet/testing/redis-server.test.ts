import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { redisServerMissing, startTestRedis, type TestRedis } from './redis-server.js';

describe('redisServerMissing', () => {
  it('fails in CI and skips elsewhere when redis-server is absent', () => {
    expect(() => redisServerMissing({ CI: 'true' }, () => false)).toThrow(/CI must install it/);
    expect(redisServerMissing({}, () => false)).toBe(true);
    expect(redisServerMissing({ CI: 'true' }, () => true)).toBe(false);
  });
});

describe.skipIf(redisServerMissing())('startTestRedis (a real redis-server)', () => {
  let redis: TestRedis;
  let client: Redis;
  beforeAll(async () => {
    redis = await startTestRedis();
    client = new Redis(redis.url, { maxRetriesPerRequest: null });
  });
  afterAll(async () => {
    client.disconnect();
    await redis.stop();
  });

  it('serves on its own port and comes back empty after a hard restart', async () => {
    await client.set('fleet:probe', '1');
    expect(await client.get('fleet:probe')).toBe('1');
    await redis.restart({ hard: true });
    // The client reconnects by itself; the dataset is gone because persistence is off.
    expect(await client.get('fleet:probe')).toBeNull();
  });

  it('removes its temp folder when stopped', async () => {
    const other = await startTestRedis();
    expect(existsSync(other.dir)).toBe(true);
    await other.stop();
    expect(existsSync(other.dir)).toBe(false);
  });
});
