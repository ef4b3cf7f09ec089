import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fleetRedisClients } from './fleet-redis.js';
import { redisUserAddress } from './redis-user-address.js';
import { redisServerMissing, startTestRedis, type TestRedis } from './testing/redis-server.js';

describe('redisUserAddress', () => {
  it('moves an ACL user from the address into the options, beside the password, and keeps the rest of the address', () => {
    expect(redisUserAddress('rediss://rpa%2Dfleet@redis.clinic.example:6380/2', { password: 'pw' })).toEqual({ url: 'rediss://redis.clinic.example:6380/2', options: { password: 'pw', username: 'rpa-fleet' } });
    expect(redisUserAddress('redis://127.0.0.1:6379', { password: 'pw' })).toEqual({ url: 'redis://127.0.0.1:6379', options: { password: 'pw' } });
  });
});

describe.skipIf(redisServerMissing())('an address naming an ACL user, on a real redis-server', () => {
  let server: TestRedis;
  const password = 'Fl33t-ACL-pw';
  beforeAll(async () => {
    server = await startTestRedis();
    const admin = new Redis(server.url);
    await admin.call('ACL', 'SETUSER', 'rpa', 'on', `>${password}`, '~*', '&*', '+@all');
    admin.disconnect();
  });
  afterAll(async () => {
    await server.stop();
  });
  const userAddress = () => server.url.replace('redis://', 'redis://rpa@');

  it('the desktop connects as that user with the password from the SecretStore', async () => {
    const errors: Error[] = [];
    const clients = fleetRedisClients({ url: userAddress(), password }, (error) => errors.push(error));
    try {
      const client = clients.client();
      expect(await client.call('ACL', 'WHOAMI')).toBe('rpa');
      expect(errors).toEqual([]);
    } finally {
      clients.closeAll();
    }
  });
});
