import { describe, expect, it } from 'vitest';
import { parseWorkerConfig, type WorkerConfigResult } from './worker-config.js';

const problemOf = (result: WorkerConfigResult): string => (!result.ok && !result.help ? result.problem : '');

describe('parseWorkerConfig', () => {
  it('reads the Redis address, name, pools and folders', () => {
    const result = parseWorkerConfig(['--redis-url', 'rediss://redis.clinic:6380', '--name', 'Ward PC 1', '--pools', 'ward, billing', '--data-dir', '/var/lib/rpa-worker'], {});
    expect(result).toEqual({ ok: true, config: { redisUrl: 'rediss://redis.clinic:6380', name: 'Ward PC 1', pools: ['ward', 'billing'], dataDir: '/var/lib/rpa-worker', botsDir: '/var/lib/rpa-worker/bots', botsDirGiven: false, onSupervisorLost: 'wait', queueName: 'rpa-runs', lostAfterMs: 30_000, repinDesktop: false } });
  });

  it('takes the address from RPA_FLEET_REDIS_URL and refuses a password in it, with where to look', () => {
    expect(parseWorkerConfig([], { RPA_FLEET_REDIS_URL: 'redis://127.0.0.1:6379' })).toMatchObject({ ok: true, config: { redisUrl: 'redis://127.0.0.1:6379' } });
    const withPassword = parseWorkerConfig(['--redis-url', 'redis://rpa:hunter2@redis:6379'], {});
    expect(withPassword).toMatchObject({ ok: false });
    expect(problemOf(withPassword)).toMatch(/^--redis-url must hold the address only.*--redis-password-file/);
    expect(problemOf(withPassword)).not.toContain('hunter2');
    expect(parseWorkerConfig(['--redis-url', 'rediss://rpa-worker@redis:6380/0'], {})).toMatchObject({ ok: true, config: { redisUrl: 'rediss://rpa-worker@redis:6380/0' } });
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
    expect(problemOf(wrong)).toMatch(/^--desktop-fingerprint "not-a-fingerprint" is not a supervisor fingerprint: it looks like/);
  });

  it('asks for help with --help or -h, even among other options', () => {
    expect(parseWorkerConfig(['--help'], {})).toEqual({ ok: false, help: true });
    expect(parseWorkerConfig(['--redis-url', 'redis://r:1', '-h'], {})).toEqual({ ok: false, help: true });
    expect(parseWorkerConfig(['--no-such-option', '--help'], {})).toEqual({ ok: false, help: true });
  });

  it('makes the folders absolute and keeps whether --bots was given', () => {
    const result = parseWorkerConfig(['--redis-url', 'redis://r:1', '--data-dir', 'worker-data', '--bots', 'my-bots'], {});
    expect(result).toMatchObject({ ok: true, config: { dataDir: `${process.cwd()}/worker-data`, botsDir: `${process.cwd()}/my-bots`, botsDirGiven: true } });
  });

  it('says what is wrong by the option as typed, with the value where it is not secret', () => {
    const problem = (...args: string[]): string => problemOf(parseWorkerConfig(['--redis-url', 'redis://r:1', ...args], {}));
    expect(problemOf(parseWorkerConfig([], {}))).toMatch(/^--redis-url is missing: .*rediss:\/\/redis\.clinic:6380.*RPA_FLEET_REDIS_URL/);
    expect(problemOf(parseWorkerConfig(['--redis-url', 'localhost:6379'], {}))).toMatch(/^--redis-url is not a Redis address: use redis:\/\/host:port, or rediss:\/\/host:port/);
    for (const secretAddress of ['redis://:hunter2@redis:6379', 'redis://redis:6379?password=hunter2', 'redis://redis:6379/hunter2']) {
      expect(problemOf(parseWorkerConfig(['--redis-url', secretAddress], {}))).toMatch(/^--redis-url must hold the address only/);
      expect(problemOf(parseWorkerConfig(['--redis-url', secretAddress], {}))).not.toContain('hunter2');
    }
    expect(problem('--pools', 'Ward PCs')).toMatch(/^--pools "Ward PCs" is not a pool name: .*--pools ward,billing/);
    expect(problem('--pools', ' , ')).toMatch(/^--pools names no pool/);
    expect(problem('--name', '')).toMatch(/^--name must be 1 to 100 characters/);
    expect(problem('--name', 'Ward\u001b[31mPC\n2')).toMatch(/^--name .*control characters/);
    expect(problem('--lost-after-ms', 'soon')).toMatch(/^--lost-after-ms "soon" is not a number of milliseconds from 1000 to 600000/);
    expect(problem('--lost-after-ms', '1e4')).toMatch(/^--lost-after-ms "1e4"/);
    expect(problem('--on-supervisor-lost', 'maybe')).toMatch(/^--on-supervisor-lost "maybe" is not a choice: use wait or stop/);
    expect(problem('--queue', 'a b')).toMatch(/^--queue "a b" is not a queue name/);
    expect(problem('--repin-desktop=yes')).toBe('--repin-desktop takes no value');
    expect(problem('--name')).toBe('--name needs a value');
  });

  it('refuses a missing address, an unknown option and a bad pool name', () => {
    expect(parseWorkerConfig([], {})).toMatchObject({ ok: false });
    expect(parseWorkerConfig(['--redis-url', 'redis://r:1', '--token', 'x'], {})).toMatchObject({ ok: false });
    expect(parseWorkerConfig(['--redis-url', 'redis://r:1', '--pools', 'Ward PCs'], {})).toMatchObject({ ok: false });
  });
});
