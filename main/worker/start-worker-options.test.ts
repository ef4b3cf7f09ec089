import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { killLeftoverWorkers, runWorkerCommand } from './testing/worker-command.js';

/**
 * `npm run worker` as a clinic's IT administrator first meets it (docs/fleet.md, "Running a
 * worker"): started as a real process with options missing or wrong. Each refusal is one coded
 * sentence on stderr naming the option as typed and what to do, the exit status is 2 (an option
 * to correct: a service manager should not retry it), and nothing secret is echoed. None of
 * these needs Redis: they end before connecting.
 */
describe('npm run worker: options', { timeout: 60_000 }, () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'rpa-worker-options-'));
    mkdirSync(join(dir, 'data', 'bots'), { recursive: true });
  });
  afterAll(async () => {
    await killLeftoverWorkers();
    rmSync(dir, { recursive: true, force: true });
  });
  const data = (): string[] => ['--data-dir', join(dir, 'data')];

  async function refused(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<string> {
    const worker = runWorkerCommand(args, env);
    const { code } = await worker.exited;
    expect(worker.stdout()).toBe('');
    expect(code, worker.stderr()).toBe(2);
    return worker.stderr().trim();
  }

  // Cases with no shared state start side by side: each is a process of its own.
  it('--help and -h print how to start it, every option and where to read more, and exit 0', async () => {
    await Promise.all(['--help', '-h'].map(async (flag) => {
      const worker = runWorkerCommand([flag]);
      expect((await worker.exited).code).toBe(0);
      const usage = worker.stdout();
      expect(usage).toMatch(/^Usage: npm run worker -- --redis-url /m);
      for (const option of ['--redis-url', '--redis-password-file', '--redis-ca-file', '--name', '--pools', '--data-dir', '--bots', '--on-supervisor-lost', '--queue', '--lost-after-ms', '--desktop-fingerprint', '--repin-desktop', '--help']) {
        expect(usage).toContain(option);
      }
      expect(usage).toContain('docs/fleet.md');
      expect(worker.stderr()).toBe('');
    }));
  });

  it('with no options it asks for the Redis address, by its option name, with an example', async () => {
    const said = await refused([]);
    expect(said).toMatch(/^fleet_worker_option_invalid: .*--redis-url is missing.*rediss:\/\/redis\.clinic:6380.*RPA_FLEET_REDIS_URL.*--help/);
    expect(said).not.toMatch(/redisUrl|Invalid input|undefined/);
  });

  it('an address holding a password is refused without echoing it', async () => {
    const said = await refused(['--redis-url', 'redis://rpa:hunter2@redis.clinic:6379']);
    expect(said).toMatch(/^fleet_worker_option_invalid: .*--redis-url.*--redis-password-file/);
    expect(said).not.toContain('hunter2');
  });

  it('an ACL user name in the address is accepted (the password comes from its file)', async () => {
    // It gets as far as reading the (missing) password file: the address itself passed.
    const said = await refused(['--redis-url', 'rediss://rpa-worker@redis.clinic:6380', '--redis-password-file', join(dir, 'no-such-file'), ...data()]);
    expect(said).toMatch(/^fleet_worker_option_invalid: .*--redis-password-file .*no-such-file cannot be read/);
  });

  it('an unknown option, an option without its value and a stray argument are named, never echoing a value', async () => {
    // The last: `npm run worker --redis-url x` without the `--`: npm keeps the option, the worker sees the bare value.
    const [unknown, noValue, stray] = await Promise.all([refused(['--redis-url', 'redis://127.0.0.1:1', '--redis-password=hunter2']), refused(['--redis-url']), refused(['hunter2'])]);
    expect(unknown).toMatch(/^fleet_worker_option_invalid: .*--redis-password is not an option.*--help/);
    expect(unknown).not.toContain('hunter2');
    expect(noValue).toMatch(/^fleet_worker_option_invalid: .*--redis-url needs a value/);
    expect(stray).toMatch(/^fleet_worker_option_invalid: .*--redis-url.*npm run worker -- /);
    expect(stray).not.toContain('hunter2');
  });

  it('a --bots folder or a --redis-ca-file that does not exist is refused before connecting', async () => {
    const base = ['--redis-url', 'rediss://127.0.0.1:1', ...data()];
    writeFileSync(join(dir, 'empty-password'), '', { mode: 0o600 });
    const [bots, ca, password] = await Promise.all([
      refused([...base, '--bots', join(dir, 'no-bots-here')]),
      refused([...base, '--redis-ca-file', join(dir, 'no-ca.pem')]),
      refused([...base, '--redis-password-file', join(dir, 'empty-password')]),
    ]);
    expect(bots).toMatch(/^fleet_worker_option_invalid: .*--bots .*no-bots-here is not a folder/);
    expect(ca).toMatch(/^fleet_worker_option_invalid: .*--redis-ca-file .*no-ca\.pem cannot be read/);
    expect(password).toMatch(/^fleet_worker_option_invalid: .*--redis-password-file .*empty-password is empty/);
  });

  it('a data folder that cannot be made says so with its own code and exits 1', async () => {
    writeFileSync(join(dir, 'a-file'), 'not a folder');
    const worker = runWorkerCommand(['--redis-url', 'redis://127.0.0.1:1', '--data-dir', join(dir, 'a-file', 'data')]);
    expect((await worker.exited).code).toBe(1);
    expect(worker.stderr().trim()).toMatch(/^fleet_worker_data_dir_unusable: .*a-file\/data cannot be used.*--data-dir/);
  });
});
