import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fleetKeys } from './fleet-channels.js';
import type { ApprovedWorker } from './run-claim.js';
import { redisServerMissing, startTestRedis, type TestRedis } from './testing/redis-server.js';
import { makeTestWorker } from './testing/test-workers.js';
import { WorkerRoster, type RosterChange } from './worker-roster.js';

describe.skipIf(redisServerMissing())('WorkerRoster (enrolment on a real redis-server)', () => {
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

  it('lists a new worker by fingerprint, approves it (audited, saved), and removes it (audited)', async () => {
    const w = makeTestWorker('Ward PC 1');
    const enrolment = { workerId: w.approved.workerId, name: 'ward-pc-1', fingerprint: w.identity.fingerprint, publicKeyPem: w.identity.publicKeyPem, leasePublicKeyPem: w.identity.leasePublicKeyPem, pools: ['ward'] };
    await client.hset(fleetKeys.enrolments, enrolment.workerId, JSON.stringify(enrolment));
    const saved: ApprovedWorker[][] = [];
    const audit: RosterChange[] = [];
    const roster = new WorkerRoster({ redis: client, load: () => [], save: (list) => saved.push(list), audit: (c) => audit.push(c), now: () => 1000 });
    expect((await roster.pending()).map((e) => e.fingerprint)).toEqual([w.identity.fingerprint]);
    expect(roster.approved(enrolment.workerId)).toBeUndefined();
    expect(await roster.approve('AAAA-BBBB-CCCC-DDDD', { name: 'x', pools: ['ward'] }, 'admin')).toMatchObject({ ok: false });
    const approved = await roster.approve(w.identity.fingerprint, { name: 'Ward PC 1', pools: ['ward'] }, 'Dr Admin');
    expect(approved).toMatchObject({ ok: true, worker: { name: 'Ward PC 1', pools: ['ward'] } });
    expect(roster.approved(enrolment.workerId)?.publicKeyPem).toBe(w.identity.publicKeyPem);
    expect(await roster.pending()).toEqual([]);
    expect(roster.remove(enrolment.workerId, 'Dr Admin')?.name).toBe('Ward PC 1');
    expect(roster.approved(enrolment.workerId)).toBeUndefined();
    expect(audit.map((c) => [c.action, c.workerName, c.by])).toEqual([['worker_approved', 'Ward PC 1', 'Dr Admin'], ['worker_removed', 'Ward PC 1', 'Dr Admin']]);
    expect(saved.at(-1)).toEqual([]);
    w.dispose();
  });

  it('S70 ignores an enrolment whose key does not match the fingerprint it shows', async () => {
    const honest = makeTestWorker('Honest');
    const rogue = makeTestWorker('Rogue');
    const doctored = { workerId: honest.approved.workerId, name: 'Honest', fingerprint: honest.identity.fingerprint, publicKeyPem: rogue.identity.publicKeyPem, leasePublicKeyPem: rogue.identity.leasePublicKeyPem, pools: ['ward'] };
    await client.hset(fleetKeys.enrolments, doctored.workerId, JSON.stringify(doctored));
    const roster = new WorkerRoster({ redis: client, load: () => [], save: () => undefined, audit: () => undefined, now: () => 0 });
    expect((await roster.pending()).find((e) => e.workerId === honest.approved.workerId)).toBeUndefined();
    expect(await roster.approve(honest.identity.fingerprint, { name: 'Honest', pools: ['ward'] }, 'admin')).toMatchObject({ ok: false });
    honest.dispose();
    rogue.dispose();
  });
});
