import { existsSync } from 'node:fs';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { redisServerMissing, startTestRedis, type TestRedis } from '../../app/fleet/testing/redis-server.js';
import { makePrivateCa, type PrivateCa } from '../../app/network/test-support/private-ca.js';
import { prerequisiteMissing } from '../../app/test-support/prerequisites.js';
import { FleetDesktop, fleetRedisPassword } from './testing/fleet-desktop.js';

const skip = redisServerMissing() || prerequisiteMissing('openssl', existsSync('/usr/bin/openssl'), 'apt-get install openssl');

/**
 * Fleet mode over TLS (issue 15, point 8): a redis-server serving TLS only, its certificate signed
 * by a private authority made for this run (as a clinic's IT has), the desktop composed from the
 * machine policy (`rediss://` and `redisCaFile`), and a worker agent over the same TLS.
 */
describe.skipIf(skip)('fleet mode over TLS (a real TLS-only redis-server, private CA)', () => {
  let ca: PrivateCa;
  let redis: TestRedis;
  let desk: FleetDesktop | undefined;
  beforeAll(async () => {
    ca = makePrivateCa('localhost');
    redis = await startTestRedis({ tls: { cert: ca.cert, key: ca.key, ca: ca.caPem } });
    const admin = new Redis(redis.url, { tls: { ca: ca.caPem } });
    await admin.config('SET', 'requirepass', fleetRedisPassword);
    admin.disconnect();
  });
  afterEach(async () => {
    await desk?.close();
    desk = undefined;
  });
  afterAll(async () => {
    await redis?.stop();
    ca?.dispose();
  });

  it('a rediss:// address with the policy\'s redisCaFile connects, and a run completes through a worker over TLS', async () => {
    expect(redis.url).toMatch(/^rediss:\/\//);
    desk = new FleetDesktop(redis.url, { ca: ca.caPem });
    await desk.start({ redisCaFile: ca.caFile });
    await desk.startWorker('TLS Ward PC');
    const { api } = desk.supervisor;
    // The worker wrote its enrolment over TLS before start() returned.
    const listed = await api.invoke('listWorkers', {});
    const enrolment = listed.pending.find((e) => e.name === 'TLS Ward PC')!;
    expect(enrolment.fingerprint).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    await api.invoke('approveWorker', { fingerprint: enrolment.fingerprint, name: 'TLS Ward PC', pools: ['ward'] });
    const run = await api.invoke('startRun', { botId: 'remote-once' });
    const ended = await desk.runEnd(run.id);
    expect(ended).toMatchObject({ status: 'succeeded', exitCode: 0, worker: { name: 'TLS Ward PC' } });
    expect(await desk.logText(run.id)).toMatch(/stdout: authorised on the worker/);
    const state = await api.invoke('getState', {});
    expect(state.notices.filter((n) => n.code.startsWith('fleet_redis'))).toEqual([]);
  });

  it('S83 without the CA the desktop does not connect and says fleet_redis_tls_untrusted, naming the address; it keeps running', async () => {
    desk = new FleetDesktop(redis.url, { ca: ca.caPem });
    await desk.start();
    const state = await desk.waitFor((s) => s.notices.some((n) => n.code === 'fleet_redis_tls_untrusted'), 'the untrusted-certificate notice');
    const notice = state.notices.find((n) => n.code === 'fleet_redis_tls_untrusted')!;
    expect(notice.level).toBe('warning');
    expect(notice.message).toContain(`rediss://127.0.0.1:${String(redis.port)}`);
    expect(notice.message).toMatch(/redisCaFile/);
    expect(notice.message).not.toContain(fleetRedisPassword);
    // Still answering, and a run for a pool waits instead of failing.
    const run = await desk.supervisor.api.invoke('startRun', { botId: 'remote-once' });
    expect(run.status).toBe('queued');
    await desk.supervisor.api.invoke('stopRun', { runId: run.id });
  });
});
