import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fleetKeys } from './fleet-channels.js';
import { redisServerMissing, startTestRedis, type TestRedis } from './testing/redis-server.js';
import { makeTestWorker } from './testing/test-workers.js';
import { WorkerAdmin } from './worker-admin.js';
import { WorkerRoster } from './worker-roster.js';

describe.skipIf(redisServerMissing())('WorkerRoster: enrolments as anyone writing to Redis can make them (real redis-server)', () => {
  let redis: TestRedis;
  let client: Redis;
  beforeAll(async () => {
    redis = await startTestRedis();
    client = new Redis(redis.url);
  });
  afterAll(async () => {
    client.disconnect();
    await redis.stop();
  });

  it('S99 a malformed or oversized enrolment (keys that match, the rest not) is not listed, and Settings → Workers still lists the others', async () => {
    const honest = makeTestWorker('Ward PC 1');
    const enrolmentOf = (w: ReturnType<typeof makeTestWorker>, extra: object) => ({ workerId: w.approved.workerId, name: w.approved.name, fingerprint: w.identity.fingerprint, publicKeyPem: w.identity.publicKeyPem, leasePublicKeyPem: w.identity.leasePublicKeyPem, pools: ['ward'], ...extra });
    await client.hset(fleetKeys.enrolments, honest.approved.workerId, JSON.stringify(enrolmentOf(honest, {})));
    const odd = [{ pools: 5 }, { pools: 'ward' }, { pools: ['Ward PC'] }, { name: 'W'.repeat(100_000) }, { name: 'Ward\nPC' }, { name: 42 }].map((extra, i) => {
      const w = makeTestWorker(`Odd ${String(i)}`);
      return { w, enrolment: enrolmentOf(w, extra) };
    });
    for (const { enrolment } of odd) await client.hset(fleetKeys.enrolments, enrolment.workerId, JSON.stringify(enrolment));
    const roster = new WorkerRoster({ redis: client, load: () => [], save: () => undefined, audit: () => undefined, now: () => 0 });
    const admin = new WorkerAdmin({ roster, canApprove: true, lastSeen: () => undefined, revokeWorker: async () => true, setBotPool: () => undefined, leaseTtlMs: 120_000 });

    const view = await admin.view();
    expect(view.pending).toEqual([{ workerId: honest.approved.workerId, name: 'Ward PC 1', fingerprint: honest.identity.fingerprint, pools: ['ward'] }]);
    for (const { w } of odd) await expect(admin.approve(w.identity.fingerprint, { name: 'Odd', pools: ['ward'] }, { subject: 'u-admin', name: 'Dr Admin' })).rejects.toMatchObject({ code: 'fleet_worker_not_waiting' });
    honest.dispose();
    for (const { w } of odd) w.dispose();
  });
});
