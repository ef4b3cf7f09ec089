import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisServerMissing, startTestRedis, type TestRedis } from '../../app/fleet/testing/redis-server.js';
import { fleetKeys } from '../../app/fleet/fleet-channels.js';
import { makePrivateCa, type PrivateCa } from '../../app/network/test-support/private-ca.js';
import { prerequisiteMissing } from '../../app/test-support/prerequisites.js';
import { killLeftoverWorkers, runWorkerCommand } from './testing/worker-command.js';

const skip = redisServerMissing() || prerequisiteMissing('openssl', existsSync('/usr/bin/openssl'), 'apt-get install openssl');
const password = 'correct-horse-battery-staple';

/**
 * `npm run worker` against a real redis-server, as an administrator meets it: a refused
 * password, a TLS server it does not trust, Redis away at start and restarted under it, stopping
 * it with SIGTERM and Ctrl-C, and two workers started on one data folder.
 */
describe.skipIf(skip)('npm run worker: against a real redis-server', { timeout: 90_000 }, () => {
  let dir: string;
  let redis: TestRedis;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rpa-worker-redis-'));
    redis = await startTestRedis();
  });
  afterAll(async () => {
    await killLeftoverWorkers();
    await redis?.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  const worker = (name: string, ...args: string[]) =>
    runWorkerCommand(['--redis-url', redis.url, '--name', name, '--pools', 'ward', '--data-dir', join(dir, name), ...args]);

  it('a password Redis refuses (none, or a wrong one) stops it with fleet_worker_redis_refused and exit 1, never printing the password', async () => {
    const locked = await startTestRedis();
    const admin = new Redis(locked.url);
    await admin.config('SET', 'requirepass', password);
    admin.disconnect();
    try {
      writeFileSync(join(dir, 'wrong-password'), 'not-the-password\n', { mode: 0o600 });
      const cases = [
        { args: [], reason: /it needs a password, and none was given/ },
        { args: ['--redis-password-file', join(dir, 'wrong-password')], reason: /wrong user name or password/ },
      ];
      for (const { args, reason } of cases) {
        const refused = runWorkerCommand(['--redis-url', locked.url, '--pools', 'ward', '--data-dir', join(dir, 'locked'), ...args]);
        expect((await refused.exited).code).toBe(1);
        expect(refused.stderr()).toMatch(new RegExp(`^fleet_worker_redis_refused: The fleet's Redis server at redis://127\\.0\\.0\\.1:${String(locked.port)} refused this worker \\(`, 'm'));
        expect(refused.stderr()).toMatch(reason);
        expect(refused.stderr()).toContain('--redis-password-file');
        expect(refused.stdout()).toMatch(/fingerprint [A-Z2-9]{4}-/);
        expect(refused.stdout() + refused.stderr()).not.toContain('not-the-password');
        expect(refused.stdout() + refused.stderr()).not.toContain(password);
      }
    } finally {
      await locked.stop();
    }
  });

  it('a TLS server it does not trust stops it with fleet_worker_redis_tls_untrusted naming --redis-ca-file; with the CA it is ready', async () => {
    const ca: PrivateCa = makePrivateCa('localhost');
    const tls = await startTestRedis({ tls: { cert: ca.cert, key: ca.key, ca: ca.caPem } });
    try {
      const untrusting = runWorkerCommand(['--redis-url', tls.url, '--pools', 'ward', '--data-dir', join(dir, 'tls')]);
      expect((await untrusting.exited).code).toBe(1);
      expect(untrusting.stderr()).toMatch(new RegExp(`^fleet_worker_redis_tls_untrusted: .*rediss://127\\.0\\.0\\.1:${String(tls.port)}.*--redis-ca-file`, 'm'));
      expect(untrusting.stderr()).not.toMatch(/fleet_redis_unreachable/);
      const trusting = runWorkerCommand(['--redis-url', tls.url, '--pools', 'ward', '--data-dir', join(dir, 'tls'), '--redis-ca-file', ca.caFile]);
      await trusting.printed(/ready\. Fingerprint/);
      expect((await trusting.stop('SIGTERM')).code).toBe(0);
    } finally {
      await tls.stop();
      ca.dispose();
    }
  });

  it('with Redis away it prints its fingerprint at once and waits; ready when Redis answers, says when it is back after a restart, and SIGTERM with Redis away ends it at once', async () => {
    await redis.down();
    try {
      await awayAndBack();
    } finally {
      await redis.up().catch(() => undefined);
    }
  });

  async function awayAndBack(): Promise<void> {
    const ward = worker('Ward PC 1');
    const [, fingerprint] = await ward.printed(/Worker "Ward PC 1", fingerprint ([A-Z2-9-]{19}) \(data folder .*\)\. Connecting to Redis at redis:\/\/127\.0\.0\.1:\d+…/);
    await ward.printed(/fleet_redis_unreachable: cannot reach the fleet's Redis server at redis:\/\/127\.0\.0\.1:\d+ \(connect ECONNREFUSED/);
    await redis.up();
    await ward.printed(new RegExp(`Worker "Ward PC 1" ready\\. Fingerprint ${fingerprint ?? '?'}: approve it in RPA Supervisor, Settings → Workers`));
    // Lines printed one after another may reach this process in separate reads: each is waited for.
    await ward.printed(/No bots yet: put this worker's bot manifests in .*Ward PC 1\/bots/);
    await ward.printed(/Waiting for approval/);
    await redis.restart();
    await ward.printed(/Connected to Redis at redis:\/\/127\.0\.0\.1:\d+ again: enrolled again, waiting for runs of pools ward\./);
    await redis.down();
    // A second outage, a second line (stdout and stderr are read apart, so lines are counted, not ordered).
    await ward.printed(/fleet_redis_unreachable[\s\S]*fleet_redis_unreachable/);
    const stoppingAt = Date.now();
    expect(await ward.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    // At once rather than never (it used to wait for Redis for ever): well inside systemd's stop timeout.
    expect(Date.now() - stoppingAt).toBeLessThan(15_000);
    expect(ward.stdout()).toMatch(/Stopping \(SIGTERM\)[\s\S]*Worker "Ward PC 1" stopped\./);
    // One line per outage: BullMQ's own connections say nothing of their own.
    expect(ward.stderr()).not.toMatch(/Fleet worker error/);
  }

  it('Ctrl-C (SIGINT) stops a ready worker: it says so, exits 0 and is shown not up at once', async () => {
    const ward = worker('Ward PC 2');
    const [, fingerprint] = await ward.printed(/ready\. Fingerprint ([A-Z2-9-]{19})/);
    const reader = new Redis(redis.url);
    try {
      expect(await reader.get(fleetKeys.alive(fingerprint ?? ''))).not.toBeNull();
      expect(await ward.stop('SIGINT')).toEqual({ code: 0, signal: null });
      expect(ward.stdout()).toMatch(/Stopping \(SIGINT\)[\s\S]*Worker "Ward PC 2" stopped\./);
      expect(await reader.get(fleetKeys.alive(fingerprint ?? ''))).toBeNull();
    } finally {
      reader.disconnect();
    }
  });

  it('a second worker on the same data folder is refused with fleet_worker_data_dir_in_use; once the first is killed, a new one starts there', async () => {
    const first = worker('Ward PC 3');
    const [, fingerprint] = await first.printed(/ready\. Fingerprint ([A-Z2-9-]{19})/);
    const second = worker('Ward PC 3');
    expect((await second.exited).code).toBe(1);
    expect(second.stderr()).toMatch(/^fleet_worker_data_dir_in_use: Another worker program is already running with the data folder .*Ward PC 3, .*--data-dir/m);
    expect(second.stdout()).toBe('');
    // SIGKILL leaves the lock's socket file behind: the next worker replaces it.
    await first.stop('SIGKILL');
    const third = worker('Ward PC 3');
    await third.printed(new RegExp(`ready\\. Fingerprint ${fingerprint ?? '?'}`));
    expect((await third.stop('SIGTERM')).code).toBe(0);
  });
});
