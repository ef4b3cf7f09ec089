import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultRedactionSettings } from '../common/patient-data.js';
import { loadBotManifests } from './bot-manifest.js';
import { botsDir, logText, misbehaving, runToEnd, useRunFixture, waitForLog } from './testing/run-fixture.js';

/**
 * RunLauncher through a real RunManager and real processes: the environment a bot gets, the
 * command it runs, and the failures that end a run before it has a process.
 */
const fixture = useRunFixture();

describe('RunLauncher environment', () => {
  it('reports a missing placeholder value as a failed run, not a crash', async () => {
    const manager = fixture.newManager();
    const { manifests } = await loadBotManifests(botsDir);
    manager.setBots(manifests);
    const run = await manager.start('api-bot');
    expect(run.status).toBe('failed');
    expect(run.reason).toMatch(/sandbox\.apiBaseUrl/);
  });

  it('keeps the token out of argv and, in broker mode, out of the environment', async (context) => {
    if (process.platform !== 'linux') {
      console.log('/proc is Linux-only; skipping the argv/environ check');
      context.skip();
    }
    const { token, issuedSecrets, dataDir } = fixture;
    const manager = fixture.newManager();
    manager.setBots([misbehaving('hang'), misbehaving('hang', { id: 'env-bot', tokenDelivery: 'env' })]);
    const brokerRun = await manager.start('misbehaving-hang');
    const envRun = await manager.start('env-bot');
    await waitForLog(manager, brokerRun.id, /now hanging/);
    await waitForLog(manager, envRun.id, /now hanging/);
    // The pid is not in the view; read it from the persisted history.
    const history = JSON.parse(await readFile(join(dataDir, 'runs.json'), 'utf8')) as { runs: { id: string; pid?: number }[] };
    const brokerPid = history.runs.find((r) => r.id === brokerRun.id)?.pid;
    const envPid = history.runs.find((r) => r.id === envRun.id)?.pid;
    expect(brokerPid).toBeTypeOf('number');
    expect(envPid).toBeTypeOf('number');

    for (const pid of [brokerPid, envPid]) {
      const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8');
      expect(cmdline).not.toContain(token);
      expect(cmdline).not.toContain(issuedSecrets.get(brokerRun.id));
      expect(cmdline).not.toContain(issuedSecrets.get(envRun.id));
    }
    const brokerEnviron = (await readFile(`/proc/${brokerPid}/environ`, 'utf8')).split('\0');
    expect(brokerEnviron.join('\n')).not.toContain(token);
    expect(brokerEnviron).toContain(`RPA_RUN_SECRET=${issuedSecrets.get(brokerRun.id)}`);
    expect(brokerEnviron).toContain(`RPA_RUN_ID=${brokerRun.id}`);
    expect(brokerEnviron).toContain('RPA_PROFILE_ID=sandbox');
    expect(brokerEnviron.some((e) => e.startsWith('RPA_BROKER_URL=http://127.0.0.1:'))).toBe(true);
    expect(brokerEnviron.some((e) => e.startsWith('SUPERVISOR_ONLY_SECRET='))).toBe(false);
    const envEnviron = (await readFile(`/proc/${envPid}/environ`, 'utf8')).split('\0');
    expect(envEnviron).toContain(`RPA_ACCESS_TOKEN=${token}`);
  });
});

describe('RunLauncher command', () => {
  it('runs a manifest\'s `node` with the nodeExecutable it is given, not the app binary', async (context) => {
    if (process.platform === 'win32') {
      console.log('uses /bin/echo as a stand-in Node; skipping on Windows');
      context.skip();
    }
    const manager = fixture.newManager({ nodeExecutable: '/bin/echo' });
    manager.setBots([misbehaving('hang', { id: 'echo', command: 'node', args: ['--version-of-echo'] })]);
    const ended = await runToEnd(manager, await manager.start('echo'));
    expect(ended.status).toBe('succeeded');
    expect(logText(manager, ended.id)).toMatch(/system: Starting Misbehaving \(hang\), supervised by .+\. Command: \/bin\/echo --version-of-echo\. It asks the token broker for its token\./);
    expect(logText(manager, ended.id)).toMatch(/stdout: --version-of-echo/);
  });

  it('S43 a missing or non-executable command fails the run with a clear message', async () => {
    const { dataDir, broker } = fixture;
    const manager = fixture.newManager();
    const notExecutable = join(dataDir, 'not-executable.sh');
    await writeFile(notExecutable, '#!/bin/sh\necho hi\n');
    await chmod(notExecutable, 0o644);
    manager.setBots([
      misbehaving('x', { id: 'missing', command: join(dataDir, 'no-such-program') }),
      misbehaving('x', { id: 'not-exec', command: notExecutable }),
      misbehaving('x', { id: 'bad-cwd', cwd: join(dataDir, 'no-such-folder') }),
      misbehaving('x', { id: 'nul-arg', args: ['bad\u0000arg'] }),
    ]);
    const missing = await manager.start('missing');
    expect(missing).toMatchObject({ status: 'failed' });
    expect(missing.reason).toMatch(/no-such-program" was not found\. Check the bot's command/);
    expect(logText(manager, missing.id)).toMatch(/system: The bot could not be started/);
    const notExec = await manager.start('not-exec');
    expect(notExec.reason).toMatch(/is not executable \(permission denied\)/);
    const badCwd = await manager.start('bad-cwd');
    expect(badCwd.reason).toMatch(/working folder .*no-such-folder does not exist/);
    const nulArg = await manager.start('nul-arg');
    expect(nulArg).toMatchObject({ status: 'failed' });
    expect(nulArg.reason).toMatch(/could not be run \(ERR_INVALID_ARG_VALUE\)/);
    for (const run of [missing, notExec, badCwd, nulArg]) expect(broker.isRunLive(run.id)).toBe(false);
  });
});

describe('RunLauncher script check', () => {
  it('fails a `node` bot whose script is not there with the script named, never spawning Node for a stack trace', async () => {
    const { dataDir, broker } = fixture;
    const manager = fixture.newManager();
    const script = join(dataDir, 'my-bot', 'my-bot.mjs');
    manager.setBots([misbehaving('x', { id: 'no-script', command: 'node', args: [script, '--flag'] })]);
    const run = await manager.start('no-script');
    expect(run).toMatchObject({ status: 'failed', reason: `The bot's script ${script} does not exist. Check the script's path in the args of the bot's manifest.` });
    expect(run.exitCode).toBeUndefined();
    expect(logText(manager, run.id)).not.toMatch(/MODULE_NOT_FOUND/);
    expect(broker.isRunLive(run.id)).toBe(false);
  });

  it('redacts the script named in the reason by the profile\'s own settings, as its log lines, without counting it again', async () => {
    const { dataDir } = fixture;
    // This profile hides NHS numbers and email addresses, not postcodes.
    const manager = fixture.newManager({ redactionFor: () => ({ ...defaultRedactionSettings, postcode: false, email: true }) });
    const script = join(dataDir, '943 476 5919 LS1 4AP', 'pat@example.org', 'letter.mjs');
    manager.setBots([misbehaving('x', { id: 'no-script', command: 'node', args: [script] })]);
    const run = await manager.start('no-script');
    const named = join(dataDir, '[NHS number] LS1 4AP', '[email]', 'letter.mjs');
    expect(run.reason).toBe(`The bot's script ${named} does not exist. Check the script's path in the args of the bot's manifest.`);
    const log = logText(manager, run.id);
    expect(log).toContain(`system: ${run.reason}`);
    // The start line and the failure line each hide one of each; the reason repeats the failure line.
    expect(run.redactions).toEqual({ nhsNumber: 2, email: 2 });
    expect(manager.getRun(run.id)?.redactions).toEqual({ nhsNumber: 2, email: 2 });
  });
});

describe('RunLauncher session check', () => {
  it('halts a queued run whose session ended while it waited, with the sign-in reason, and never spawns it', async () => {
    const { broker, issuedSecrets } = fixture;
    const manager = fixture.newManager({ maxConcurrentRuns: 1 });
    manager.setBots([misbehaving('hang'), misbehaving('hang', { id: 'waiting' })]);
    const first = await manager.start('misbehaving-hang');
    const waiting = await manager.start('waiting');
    expect(waiting.status).toBe('queued');
    fixture.sessions.signOut('sandbox');
    await manager.stop(first.id);
    const ended = await runToEnd(manager, waiting);
    expect(ended).toMatchObject({ status: 'halted', reason: 'Sign in to sandbox first.' });
    expect(ended.supervisor).toBeUndefined();
    expect(issuedSecrets.has(waiting.id)).toBe(false);
    expect(broker.isRunLive(waiting.id)).toBe(false);
    expect(logText(manager, waiting.id)).toMatch(/system: Queued: 1 run is already running, as many as run at once here; this one starts when a slot is free\.\nsystem: Sign in to sandbox first\./);
  });
});
