import { Worker } from 'bullmq';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { QueueTicket } from '../bots/run-queue.js';
import { BullmqRunQueue, type FleetTicket } from './bullmq-run-queue.js';
import { fleetRedisClients, redisTroubleCode } from './fleet-redis.js';
import { isConnectionError, outageLog } from './outage-log.js';
import { poolQueueName } from './pool-queue-name.js';
import { redisServerMissing, startTestRedis, type TestRedis } from './testing/redis-server.js';

function refused(): Error {
  return Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6390'), { code: 'ECONNREFUSED' });
}

describe('outageLog', () => {
  it('says a Redis outage once, reminds at most every minute, and starts over once Redis answers', () => {
    let now = 0;
    const lines: [string, number][] = [];
    const others: unknown[] = [];
    const log = outageLog({ now: () => now, unreachable: (error, leftOut) => lines.push([error.message, leftOut]), other: (error) => others.push(error) });
    for (let i = 0; i < 50; i += 1) log.report(refused());
    expect(lines).toEqual([['connect ECONNREFUSED 127.0.0.1:6390', 0]]);
    now = 60_000;
    log.report(refused());
    expect(lines.at(-1)).toEqual(['connect ECONNREFUSED 127.0.0.1:6390', 49]);
    log.recovered();
    now = 61_000;
    log.report(new Error('Connection is closed.'));
    expect(lines).toHaveLength(3);
    log.report(new Error('ERR unknown command'));
    log.report(new Error('ERR unknown command'));
    expect(others).toHaveLength(2);
  });

  it('tells connection and certificate failures from failed commands, and gives an untrusted certificate its own code', () => {
    expect(isConnectionError(refused())).toBe(true);
    const untrusted = Object.assign(new Error('self-signed certificate in certificate chain'), { code: 'SELF_SIGNED_CERT_IN_CHAIN' });
    expect(isConnectionError(untrusted)).toBe(true);
    expect(isConnectionError(new Error('NOAUTH Authentication required.'))).toBe(false);
    expect(isConnectionError('text')).toBe(false);
    expect(redisTroubleCode(untrusted)).toBe('fleet_redis_tls_untrusted');
    expect(redisTroubleCode(refused())).toBe('fleet_redis_unreachable');
  });
});

describe.skipIf(redisServerMissing())('the desktop\'s fleet clients across a Redis restart (a real redis-server)', () => {
  let redis: TestRedis | undefined;
  const closers: (() => Promise<unknown> | unknown)[] = [];
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
    await redis?.stop();
  });

  it('a Redis restart logs one fleet_redis_unreachable line and raises no unhandled error event; runs are taken again afterwards', async () => {
    redis = await startTestRedis();
    const uncaught = vi.fn();
    process.on('uncaughtException', uncaught);
    closers.push(() => process.off('uncaughtException', uncaught));
    const lines: string[] = [];
    let errors = 0;
    const outage = outageLog({ now: () => Date.now(), unreachable: (error) => lines.push(`fleet_redis_unreachable ${error.message}`), other: (error) => lines.push(`other ${String(error)}`) });
    const report = (error: unknown): void => {
      errors += 1;
      outage.report(error);
    };
    const clients = fleetRedisClients({ url: redis.url }, report);
    closers.push(() => clients.closeAll());
    const queue = new BullmqRunQueue({ connection: clients.client(), eventsConnection: clients.client(), queueName: 'restart', maxConcurrentRuns: 4, maxQueuedRuns: 10, onError: report });
    closers.push(() => queue.shutdown());
    const admitted: string[] = [];
    queue.onDidAdmit((t: QueueTicket) => admitted.push(t.runId));
    const ticket = (runId: string): FleetTicket => ({ runId, botId: 'b', profileId: 'p1', enqueuedAt: Date.now(), priority: 'normal', exclusive: false, companyId: '', supervisorId: 'u1', pool: 'ward', expectedDurationMs: 1000 });
    const worker = new Worker<FleetTicket>(poolQueueName('restart', 'ward'), async () => undefined, { connection: clients.client(), maxStalledCount: 0 });
    worker.on('error', report);
    closers.push(() => worker.close(true));
    queue.enqueue(ticket('before'));
    await vi.waitFor(() => expect(admitted).toEqual(['before']), { timeout: 10_000, interval: 20 });

    await redis.down();
    // Every client, the pool's Queue and its event stream retry while Redis is away: many errors, one line.
    await vi.waitFor(() => expect(errors).toBeGreaterThanOrEqual(6), { timeout: 20_000, interval: 20 });
    await redis.up();
    queue.enqueue(ticket('after'));
    await vi.waitFor(() => expect(admitted).toEqual(['before', 'after']), { timeout: 20_000, interval: 20 });
    expect(lines).toEqual([expect.stringMatching(/^fleet_redis_unreachable /)]);
    expect(uncaught).not.toHaveBeenCalled();
  });
});
