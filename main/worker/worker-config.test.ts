import { describe, expect, it } from 'vitest';
import { parseWorkerConfig } from './worker-config.js';

describe('parseWorkerConfig', () => {
  it('reads the Redis address, name, pools and folders', () => {
    const result = parseWorkerConfig(['--redis-url', 'rediss://redis.clinic:6380', '--name', 'Ward PC 1', '--pools', 'ward, billing', '--data-dir', '/var/lib/rpa-worker'], {});
    expect(result).toEqual({ ok: true, config: { redisUrl: 'rediss://redis.clinic:6380', name: 'Ward PC 1', pools: ['ward', 'billing'], dataDir: '/var/lib/rpa-worker', botsDir: '/var/lib/rpa-worker/bots', onSupervisorLost: 'wait', queueName: 'rpa-runs', lostAfterMs: 30_000, repinDesktop: false } });
  });

  it('takes the address from RPA_FLEET_REDIS_URL and refuses a password in it, with where to look', () => {
    expect(parseWorkerConfig([], { RPA_FLEET_REDIS_URL: 'redis://127.0.0.1:6379' })).toMatchObject({ ok: true, config: { redisUrl: 'redis://127.0.0.1:6379' } });
    const withPassword = parseWorkerConfig(['--redis-url', 'redis://rpa:hunter2@redis:6379'], {});
    expect(withPassword).toMatchObject({ ok: false });
    expect(withPassword.ok ? '' : withPassword.message).toMatch(/redisUrl: .*--redis-password-file.*docs\/fleet\.md/);
    expect(withPassword.ok ? '' : withPassword.message).not.toContain('hunter2');
  });

  it('reads the queue name and how long a silent worker keeps its jobs, within bounds', () => {
    expect(parseWorkerConfig(['--redis-url', 'redis://r:1', '--queue', 'training', '--lost-after-ms', '5000'], {})).toMatchObject({ ok: true, config: { queueName: 'training', lostAfterMs: 5000 } });
    expect(parseWorkerConfig(['--redis-url', 'redis://r:1', '--lost-after-ms', '10'], {})).toMatchObject({ ok: false });
    expect(parseWorkerConfig(['--redis-url', 'redis://r:1', '--lost-after-ms', 'soon'], {})).toMatchObject({ ok: false });
    expect(parseWorkerConfig(['--redis-url', 'redis://r:1', '--queue', 'a b'], {})).toMatchObject({ ok: false });
  });

  it('reads a strict supervisor pin and the deliberate re-pin flag; refuses a fingerprint that is not one', () => {
    expect(parseWorkerConfig(['--redis-url', 'redis://r:1', '--desktop-fingerprint', '8tn4-h9vb-2d4g-yd8h', '--repin-desktop'], {})).toMatchObject({ ok: true, config: { desktopFingerprint: '8TN4-H9VB-2D4G-YD8H', repinDesktop: true } });
    const wrong = parseWorkerConfig(['--redis-url', 'redis://r:1', '--desktop-fingerprint', 'not-a-fingerprint'], {});
    expect(wrong.ok ? '' : wrong.message).toMatch(/desktopFingerprint: a supervisor fingerprint looks like/);
  });

  it('refuses a missing address, an unknown option and a bad pool name', () => {
    expect(parseWorkerConfig([], {})).toMatchObject({ ok: false });
    expect(parseWorkerConfig(['--redis-url', 'redis://r:1', '--token', 'x'], {})).toMatchObject({ ok: false });
    expect(parseWorkerConfig(['--redis-url', 'redis://r:1', '--pools', 'Ward PCs'], {})).toMatchObject({ ok: false });
  });
});
