import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { redisServerMissing, startTestRedis, type TestRedis } from '../../app/fleet/testing/redis-server.js';
import { makeTestWorker } from '../../app/fleet/testing/test-workers.js';
import { readMachinePolicy } from '../../app/policy/read-machine-policy.js';
import { FleetDesktop, fleetRedisPassword } from './testing/fleet-desktop.js';

/** The policy file edited while the desktop runs (app/policy/policy-change.ts), on a real redis-server. */
describe.skipIf(redisServerMissing())('a policy file changed while the desktop runs', () => {
  let redis: TestRedis;
  const closers: (() => Promise<unknown> | unknown)[] = [];
  beforeAll(async () => {
    redis = await startTestRedis();
    const admin = new Redis(redis.url);
    await admin.config('SET', 'requirepass', fleetRedisPassword);
    admin.disconnect();
  });
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it('S77 a worker taken out of the file stops being approved without a restart; putting it back approves it again; both audited as the policy', async () => {
    const listed = makeTestWorker('Listed');
    closers.push(listed.dispose);
    const approval = { fingerprint: listed.identity.fingerprint, name: 'Ward PC (policy)', pools: ['ward'] };
    const fleet = { allowApprovalInSettings: false };
    const desk = new FleetDesktop(redis.url);
    closers.push(() => desk.close());
    await desk.start({ ...fleet, approvedWorkers: [approval] });
    const { api } = desk.supervisor;
    await desk.startWorker('Listed PC', { identity: listed.identity });
    const first = await api.invoke('startRun', { botId: 'remote-once' });
    expect(await desk.runEnd(first.id)).toMatchObject({ status: 'succeeded', worker: { name: 'Ward PC (policy)' } });

    // The administrator saves the file without the worker; the host's watch reads it and hands it on.
    const path = join(desk.dataDir, 'policy.json');
    const save = async (approvedWorkers: object[]) => {
      await writeFile(path, JSON.stringify({ version: 1, fleet: { enabled: true, redisUrl: redis.url, redisPasswordSecret: 'fleet/redis', leaseTtlMs: 30_000, ...fleet, approvedWorkers } }), { mode: 0o644 });
      await desk.supervisor.policyChanged(await readMachinePolicy(path, { platform: 'linux', currentUid: undefined }));
    };
    await save([]);
    expect((await api.invoke('listWorkers', {})).approved).toEqual([]);
    const refused = await api.invoke('startRun', { botId: 'remote-once' });
    expect(await desk.runEnd(refused.id)).toMatchObject({ status: 'failed', reason: expect.stringMatching(/is not approved for it/) });

    await save([approval]);
    expect((await api.invoke('listWorkers', {})).approved).toEqual([expect.objectContaining({ fingerprint: listed.identity.fingerprint, byPolicy: true })]);
    const again = await api.invoke('startRun', { botId: 'remote-once' });
    expect(await desk.runEnd(again.id)).toMatchObject({ status: 'succeeded', worker: { name: 'Ward PC (policy)' } });

    const audit = (await api.invoke('listAudit', { limit: 100 })).records;
    const policyChanges = audit.filter((r) => r.type === 'policyLoaded' && r.detail?.includes('Worker approvals applied now'));
    expect(policyChanges).toHaveLength(2);
    expect(policyChanges.every((r) => r.actor?.subject === 'machine-policy')).toBe(true);
    expect(audit.some((r) => r.type === 'workerRemoved' && r.actor?.subject === 'machine-policy')).toBe(true);
    // Only the approvals changed, so nothing asks for a restart.
    const state = await api.invoke('getState', {});
    expect(state.notices.map((n) => n.code)).not.toContain('policy_changed_restart');
  });
});
