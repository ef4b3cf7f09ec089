import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisServerMissing, startTestRedis, type TestRedis } from '../fleet/testing/redis-server.js';
import { machinePolicySchema } from '../policy/machine-policy.js';
import { systemClock } from '../ports/clock.js';
import { MemorySecretStore } from '../ports/secret-store.js';
import { MemorySettingsStore } from '../ports/settings-store.js';
import { createSupervisor } from '../supervisor.js';

const rightPassword = 'fleet-right-pw-Zq81-never-shown';
const wrongPassword = 'fleet-wrong-pw-Hx27-never-shown';

/**
 * A Redis that answers but refuses the desktop (a wrong password in the SecretStore) fails fleet
 * start-up at once, unlike a Redis that is away. The desktop must still start, as it does for an
 * unreachable or untrusted Redis (S83), and say what to check.
 */
describe.skipIf(redisServerMissing())('a fleet Redis that refuses the desktop at start-up (a real redis-server)', () => {
  let redis: TestRedis;
  beforeAll(async () => {
    redis = await startTestRedis();
    const admin = new Redis(redis.url);
    await admin.config('SET', 'requirepass', rightPassword);
    admin.disconnect();
  });
  afterAll(() => redis?.stop());

  it('S117 a wrong Redis password: the app still starts, with a notice naming the address and the password to check, and the password is nowhere', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'rpa-fleet-refused-'));
    const secrets = new MemorySecretStore();
    await secrets.set('fleet/redis', wrongPassword);
    const logged: string[] = [];
    const logger = { info: () => undefined, warn: (message: string, fields?: object) => void logged.push(message, JSON.stringify(fields ?? {})), error: (message: string, fields?: object) => void logged.push(message, JSON.stringify(fields ?? {})) };
    const policy = machinePolicySchema.parse({ version: 1, fleet: { enabled: true, redisUrl: redis.url, redisPasswordSecret: 'fleet/redis' } });
    try {
      const supervisor = await createSupervisor({
        ports: { browser: { open: async () => undefined }, secrets, settings: new MemorySettingsStore(), clock: systemClock, notifier: { notify: () => undefined }, logger },
        dataDir,
        flavour: 'production',
        botsDir: dataDir,
        policy: { kind: 'applied', path: join(dataDir, 'policy.json'), policy, profiles: [] },
        // Longer than any refusal takes: the start must not be waiting out the timer.
        timings: { fleetReadyWaitMs: 60_000, fleetCloseWithinMs: 200 },
      });
      try {
        const { notices } = await supervisor.api.invoke('getState', {});
        const fleet = notices.filter((notice) => notice.code.startsWith('fleet_'));
        expect(fleet).toMatchObject([{ level: 'warning', code: 'fleet_redis_unreachable', message: expect.stringContaining(`redis://127.0.0.1:${redis.port}`) as string }]);
        expect(fleet[0]?.message).toContain('password');
        const shown = JSON.stringify(notices) + logged.join('\n');
        expect(shown).not.toContain(wrongPassword);
        expect(shown).not.toContain(rightPassword);
      } finally {
        await supervisor.shutdown();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 30_000);
});
