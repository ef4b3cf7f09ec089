import type { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { SupervisorError } from '../errors.js';
import { fleetRedisClients } from './fleet-redis.js';
import { redisAnswer } from './redis-answer.js';
import { redisServerMissing, startTestRedis } from './testing/redis-server.js';
import { WorkerAdmin } from './worker-admin.js';
import { WorkerRoster } from './worker-roster.js';
import { freeLoopbackPort } from '../test-support/free-port.js';

/** Settings → Workers as fleet-runtime.ts composes it, on the fleet's own client settings. */
function workersOn(client: Redis, url: string, withinMs: number): WorkerAdmin {
  const roster = new WorkerRoster({ redis: client, answer: redisAnswer(client, url, withinMs), load: () => [], save: () => undefined, audit: () => undefined, now: () => 0 });
  return new WorkerAdmin({ roster, canApprove: true, lastSeen: () => undefined, revokeWorker: async () => true, setBotPool: () => undefined, leaseTtlMs: 120_000 });
}

async function failure(action: Promise<unknown>): Promise<{ error: SupervisorError; ms: number }> {
  const started = Date.now();
  const error = await action.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(SupervisorError);
  return { error: error as SupervisorError, ms: Date.now() - started };
}

let closeAll = () => undefined as void;
afterEach(() => closeAll());

describe('Settings → Workers with the fleet’s Redis down', () => {
  it('listing fails with fleet_redis_unreachable within the bound instead of waiting for ever, then at once', async () => {
    const url = `redis://127.0.0.1:${await freeLoopbackPort()}`;
    const clients = fleetRedisClients({ url }, () => undefined);
    closeAll = clients.closeAll;
    const workers = workersOn(clients.client(), url, 1500);

    const first = await failure(workers.view());
    expect(first.error.code).toBe('fleet_redis_unreachable');
    expect(first.error.message).toContain(url);
    expect(first.ms).toBeLessThan(2500);

    // The client has lost its server now: the next list (the panel reads every 5 s) does not queue another read.
    const again = await failure(workers.view());
    expect(again.error.code).toBe('fleet_redis_unreachable');
    expect(again.ms).toBeLessThan(200);

    // Approve reads the enrolments too, and is refused the same way, approving nobody.
    const approve = await failure(workers.approve('AAAA-BBBB', { name: 'x', pools: ['ward'] }, { subject: 'admin', name: 'Admin' }));
    expect(approve.error.code).toBe('fleet_redis_unreachable');
  });
});

describe.skipIf(redisServerMissing())('Settings → Workers with the fleet’s Redis up (real redis-server)', () => {
  it('lists as before through the same bound', async () => {
    const redis = await startTestRedis();
    const clients = fleetRedisClients({ url: redis.url }, () => undefined);
    closeAll = () => {
      clients.closeAll();
      void redis.stop();
    };
    await expect(workersOn(clients.client(), redis.url, 1500).view()).resolves.toMatchObject({ enabled: true, pending: [], approved: [] });
  });
});
