import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fleetKeys } from './fleet-channels.js';
import type { ApprovedWorker } from './run-claim.js';
import { redisServerMissing, startTestRedis, type TestRedis } from './testing/redis-server.js';
import { makeTestWorker } from './testing/test-workers.js';
import { WorkerAdmin } from './worker-admin.js';
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
    // A pool its worker program was not started for: it would never take those runs, so nothing is approved.
    expect(await roster.approve(w.identity.fingerprint, { name: 'Ward PC 1', pools: ['ward', 'pharmacy'] }, 'Dr Admin')).toEqual({ ok: false, reason: 'not_served', notServed: ['pharmacy'], served: ['ward'] });
    expect(roster.approved(enrolment.workerId)).toBeUndefined();
    expect(audit).toEqual([]);
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
  it('S70 ignores an enrolment whose lease key was swapped: the fingerprint an admin compares covers both keys', async () => {
    const honest = makeTestWorker('Honest lease');
    const rogue = makeTestWorker('Rogue lease');
    // Only the key tokens are sealed to is replaced; the claim key and fingerprint are the honest worker's.
    const doctored = { workerId: honest.approved.workerId, name: 'Honest lease', fingerprint: honest.identity.fingerprint, publicKeyPem: honest.identity.publicKeyPem, leasePublicKeyPem: rogue.identity.leasePublicKeyPem, pools: ['ward'] };
    await client.hset(fleetKeys.enrolments, doctored.workerId, JSON.stringify(doctored));
    const roster = new WorkerRoster({ redis: client, load: () => [], save: () => undefined, audit: () => undefined, now: () => 0 });
    expect((await roster.pending()).find((e) => e.workerId === honest.approved.workerId)).toBeUndefined();
    expect(await roster.approve(honest.identity.fingerprint, { name: 'Honest lease', pools: ['ward'] }, 'admin')).toMatchObject({ ok: false });
    expect(roster.approved(honest.approved.workerId)).toBeUndefined();
    honest.dispose();
    rogue.dispose();
  });

  it('S77 approves the workers the policy lists once they enrol (keys kept, audited as the policy), shows them read-only, and revokes one the policy drops', async () => {
    const w = makeTestWorker('Policy PC');
    const id = w.approved.workerId;
    const enrolment = { workerId: id, name: 'policy-pc', fingerprint: w.identity.fingerprint, publicKeyPem: w.identity.publicKeyPem, leasePublicKeyPem: w.identity.leasePublicKeyPem, pools: ['ward'] };
    const audit: RosterChange[] = [];
    const pins: ApprovedWorker[][] = [];
    const revoked: string[] = [];
    const roster = new WorkerRoster({ redis: client, load: () => [], save: () => undefined, audit: (c) => audit.push(c), now: () => 5, policyKeys: { load: () => [], save: (list) => pins.push(list) } });
    const admin = new WorkerAdmin({ roster, canApprove: true, lastSeen: () => undefined, revokeWorker: async (workerId) => revoked.push(workerId) > 0, setBotPool: () => undefined, leaseTtlMs: 120_000 });
    await admin.applyPolicy([{ fingerprint: w.identity.fingerprint, name: 'Ward PC (policy)', pools: ['ward'] }]);
    // Listed but not enrolled yet: no keys, so no claim of its can be checked.
    expect(await roster.resolve(id)).toBeUndefined();
    expect((await admin.view()).approved).toEqual([{ workerId: id, name: 'Ward PC (policy)', fingerprint: id, pools: ['ward'], byPolicy: true }]);

    await client.hset(fleetKeys.enrolments, id, JSON.stringify(enrolment));
    expect(await roster.resolve(id)).toMatchObject({ workerId: id, name: 'Ward PC (policy)', pools: ['ward'], publicKeyPem: w.identity.publicKeyPem, leasePublicKeyPem: w.identity.leasePublicKeyPem });
    expect(audit).toEqual([expect.objectContaining({ action: 'worker_approved', source: 'policy', by: 'machine policy', workerName: 'Ward PC (policy)' })]);
    expect(pins.at(-1)?.map((p) => p.workerId)).toEqual([id]);
    const view = await admin.view();
    expect(view.pending.some((e) => e.workerId === id)).toBe(false);
    expect(view.approved.filter((a) => a.workerId === id)).toEqual([expect.objectContaining({ byPolicy: true })]);
    await expect(admin.remove(id, { subject: 'u-admin', name: 'Dr Admin' })).rejects.toMatchObject({ code: 'fleet_worker_policy_managed' });

    // A later enrolment in Redis with another lease key does not replace the keys kept at approval.
    const rogue = makeTestWorker('Rogue');
    await client.hset(fleetKeys.enrolments, id, JSON.stringify({ ...enrolment, leasePublicKeyPem: rogue.identity.leasePublicKeyPem }));
    expect((await roster.resolve(id))?.leasePublicKeyPem).toBe(w.identity.leasePublicKeyPem);
    await client.hset(fleetKeys.enrolments, id, JSON.stringify(enrolment));

    await admin.applyPolicy([]);
    expect(revoked).toEqual([id]);
    expect(roster.approved(id)).toBeUndefined();
    expect(audit.at(-1)).toMatchObject({ action: 'worker_removed', source: 'policy', workerName: 'Ward PC (policy)' });
    expect(pins.at(-1)).toEqual([]);
    // Dropped from the policy, it is an ordinary enrolment again: an admin could approve it in Settings.
    expect((await roster.pending()).some((e) => e.workerId === id)).toBe(true);
    w.dispose();
    rogue.dispose();
  });

  it('S99 a malformed or oversized enrolment (keys that match, the rest not) is not listed, and Settings → Workers still lists the others', async () => {
    // Earlier tests in this file leave their enrolments behind: this one lists only its own.
    await client.del(fleetKeys.enrolments);
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
