import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisServerMissing, startTestRedis, type TestRedis } from '../../app/fleet/testing/redis-server.js';
import { workerRedis } from './worker-redis.js';

describe.skipIf(redisServerMissing())('a worker whose Redis address names an ACL user, on a real redis-server', () => {
  let server: TestRedis;
  const password = 'W0rker-ACL-pw';
  beforeAll(async () => {
    server = await startTestRedis();
    const admin = new Redis(server.url);
    await admin.call('ACL', 'SETUSER', 'rpa-worker', 'on', `>${password}`, '~*', '&*', '+@all');
    admin.disconnect();
  });
  afterAll(async () => {
    await server.stop();
  });

  it('connects as that user with the password from its password file (rediss://user@host, as docs/fleet.md shows)', async () => {
    const lines: string[] = [];
    const redis = workerRedis({ url: server.url.replace('redis://', 'redis://rpa-worker@'), password, say: (line) => lines.push(line), warn: (line) => lines.push(line), reconnected: (address) => address });
    const client = redis.client();
    try {
      expect(await client.call('ACL', 'WHOAMI')).toBe('rpa-worker');
      expect(lines.join('\n')).not.toContain('refused');
    } finally {
      redis.disconnectAll();
    }
  });
});
