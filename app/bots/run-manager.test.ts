import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LogBatch, RunStatus, RunView } from '../common/contract.js';
import { TokenBroker } from '../broker/token-broker.js';
import { isSupervisorError } from '../errors.js';
import { systemClock } from '../ports/clock.js';
import { nullLogger } from '../ports/logger.js';
import { loadBotManifests, type BotManifest } from './bot-manifest.js';
import { RunManager, type RunManagerDeps } from './run-manager.js';
import { FakeSessionAccess } from './testing/fake-session-access.js';
import { isProcessAlive, waitUntil } from './testing/process-probe.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const botsDir = join(repoRoot, 'bots');
const misbehavingScript = join(botsDir, 'misbehaving-bot', 'misbehaving-bot.mjs');
const hour = 60 * 60 * 1000;
const isLinux = process.platform === 'linux';

let dataDir: string;
let sessions: FakeSessionAccess;
let broker: TokenBroker;
let manager: RunManager;
let token: string;
const extraManagers: RunManager[] = [];
/** Secrets handed to runs, captured so tests can knock on the broker with them afterwards. */
let issuedSecrets: Map<string, string>;

function newManager(overrides: Partial<RunManagerDeps> = {}): RunManager {
  return new RunManager({
    sessions,
    broker: {
      get url() {
        return broker.url;
      },
      registerRun: (runId, profileId) => {
        const secret = broker.registerRun(runId, profileId);
        issuedSecrets.set(runId, secret);
        return secret;
      },
      revokeRun: (runId) => broker.revokeRun(runId),
    },
    clock: systemClock,
    logger: nullLogger,
    dataDir,
    stopGraceMs: 1000,
    parentEnv: { ...process.env, SUPERVISOR_ONLY_SECRET: 'must-not-leak-to-bots' },
    ...overrides,
  });
}

function misbehaving(mode: string, extra: Partial<BotManifest> = {}): BotManifest {
  return {
    id: `misbehaving-${mode}`,
    name: `Misbehaving (${mode})`,
    description: '',
    command: process.execPath,
    args: [misbehavingScript],
    cwd: botsDir,
    profileId: 'sandbox',
    tokenDelivery: 'broker',
    concurrency: 1,
    ...extra,
    env: { MISBEHAVE_MODE: mode, ...extra.env },
  };
}

async function runToEnd(runManager: RunManager, run: RunView, timeoutMs = 15_000): Promise<RunView> {
  let view: RunView | undefined;
  await waitUntil(
    () => {
      view = runManager.listRuns({ limit: 1000 }).find((r) => r.id === run.id);
      return view !== undefined && !['queued', 'starting', 'running'].includes(view.status);
    },
    timeoutMs,
    `run ${run.id} to end`,
  );
  return view as RunView;
}

function logText(runManager: RunManager, runId: string): string {
  return runManager
    .readLog(runId, 0, 5000)
    .lines.map((line) => `${line.stream}: ${line.text}`)
    .join('\n');
}

async function waitForLog(runManager: RunManager, runId: string, pattern: RegExp): Promise<RegExpExecArray> {
  let match: RegExpExecArray | null = null;
  await waitUntil(() => (match = pattern.exec(logText(runManager, runId))) !== null, 10_000, `log line ${pattern}`);
  return match as unknown as RegExpExecArray;
}

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'rpa-runs-'));
  token = `tok_${randomBytes(24).toString('base64url')}`;
  issuedSecrets = new Map();
  sessions = new FakeSessionAccess();
  sessions.signIn('sandbox', { accessToken: token, expiresAt: Date.now() + hour, supervisor: { subject: 'demo-user', name: 'Demo User' } });
  broker = new TokenBroker({ sessions, clock: systemClock, logger: nullLogger });
  await broker.start();
  manager = newManager();
});

afterEach(async () => {
  await manager.dispose();
  for (const extra of extraManagers.splice(0)) await extra.dispose();
  await broker.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('RunManager happy path', () => {
  it('runs the real API bot with the SDK against a server that checks the bearer', async () => {
    const seen: string[] = [];
    const api: Server = createServer((req, res) => {
      seen.push(req.headers.authorization ?? '');
      const ok = req.url === '/api/whoami' && req.headers.authorization === `Bearer ${token}`;
      res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
      res.end(JSON.stringify(ok ? { sub: 'demo-user', name: 'Demo User' } : { error: 'invalid_token' }));
    });
    await new Promise<void>((resolveListen) => api.listen(0, '127.0.0.1', resolveListen));
    try {
      const { manifests, errors } = await loadBotManifests(botsDir);
      expect(errors).toEqual([]);
      const apiBot = manifests.find((m) => m.id === 'api-bot');
      expect(apiBot).toBeDefined();
      manager = newManager({ placeholders: () => ({ 'sandbox.apiBaseUrl': `http://127.0.0.1:${(api.address() as AddressInfo).port}/api` }) });
      manager.setBots(manifests);
      expect(manager.listBots().find((b) => b.id === 'api-bot')?.startBlockedReason).toBeUndefined();

      const batches: LogBatch[] = [];
      manager.onDidLog((batch) => batches.push(batch));
      const started = await manager.start('api-bot');
      expect(started.status).toBe('running');
      expect(started.supervisor).toEqual({ subject: 'demo-user', name: 'Demo User' });
      const ended = await runToEnd(manager, started);
      expect(ended).toMatchObject({ status: 'succeeded', exitCode: 0 });
      expect(logText(manager, ended.id)).toMatch(/stdout: Authorised as Demo User \(demo-user\); token valid for 00:59:\d\d/);
      expect(seen).toEqual([`Bearer ${token}`]);
      expect(batches.flatMap((b) => b.lines).some((l) => l.text.startsWith('Authorised as'))).toBe(true);
      expect(broker.isRunLive(ended.id)).toBe(false);
      expect(manager.listBots().find((b) => b.id === 'api-bot')?.lastRun?.id).toBe(ended.id);
    } finally {
      await new Promise((resolveClose) => api.close(resolveClose));
    }
  });

  it('reports a missing placeholder value as a failed run, not a crash', async () => {
    const { manifests } = await loadBotManifests(botsDir);
    manager.setBots(manifests);
    const run = await manager.start('api-bot');
    expect(run.status).toBe('failed');
    expect(run.reason).toMatch(/sandbox\.apiBaseUrl/);
  });

  it('keeps the token out of argv and, in broker mode, out of the environment', async (context) => {
    if (!isLinux) {
      console.log('/proc is Linux-only; skipping the argv/environ check');
      context.skip();
    }
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

describe('RunManager policy', () => {
  it('refuses to start without a session, with an expired one, or when the run would outlast the token', async () => {
    manager.setBots([misbehaving('crash'), misbehaving('crash', { id: 'long', expectedDurationMs: 2 * hour })]);
    const codeOf = async (botId: string) => {
      try {
        await manager.start(botId);
        return 'started';
      } catch (error) {
        return isSupervisorError(error) ? error.code : String(error);
      }
    };
    expect(await codeOf('long')).toBe('run_would_outlast_token');
    expect(manager.listBots().find((b) => b.id === 'long')?.startBlockedReason?.code).toBe('run_would_outlast_token');
    sessions.expire('sandbox');
    expect(await codeOf('misbehaving-crash')).toBe('session_expired');
    sessions.signOut('sandbox');
    expect(await codeOf('misbehaving-crash')).toBe('not_signed_in');
    expect(manager.listBots().find((b) => b.id === 'misbehaving-crash')?.startBlockedReason).toMatchObject({ code: 'not_signed_in', message: 'Sign in to sandbox first.' });
    expect(await codeOf('nope')).toBe('unknown_bot');
    expect(manager.listRuns()).toEqual([]);
  });

  it('refuses a second run beyond the bot concurrency and queues beyond the global limit', async () => {
    manager = newManager({ maxConcurrentRuns: 1 });
    manager.setBots([misbehaving('hang'), misbehaving('hang', { id: 'other' })]);
    const first = await manager.start('misbehaving-hang');
    await expect(manager.start('misbehaving-hang')).rejects.toMatchObject({ code: 'bot_already_running' });
    const queued = await manager.start('other');
    expect(queued.status).toBe('queued');
    await manager.stop(first.id);
    await waitUntil(() => manager.listRuns().find((r) => r.id === queued.id)?.status === 'running', 10_000, 'queued run to start');
    await manager.stop(queued.id, 'done with it');
    expect(manager.listRuns().find((r) => r.id === queued.id)).toMatchObject({ status: 'cancelled', reason: 'done with it' });
  });

  it('cancels a queued run without starting it, and halts a profile on request', async () => {
    manager = newManager({ maxConcurrentRuns: 1 });
    manager.setBots([misbehaving('hang'), misbehaving('hang', { id: 'other' })]);
    const running = await manager.start('misbehaving-hang');
    const queued = await manager.start('other');
    await manager.stop(queued.id);
    expect(manager.listRuns().find((r) => r.id === queued.id)?.status).toBe('cancelled');
    await manager.haltProfile('sandbox', 'The session ended and policy is stop.');
    expect(manager.listRuns().find((r) => r.id === running.id)).toMatchObject({ status: 'halted', reason: 'The session ended and policy is stop.' });
  });
});

describe('RunManager live settings and events', () => {
  it('applies a raised global limit at once by starting queued runs', async () => {
    manager = newManager({ maxConcurrentRuns: 1 });
    manager.setBots([misbehaving('hang'), misbehaving('hang', { id: 'other' })]);
    const first = await manager.start('misbehaving-hang');
    const queued = await manager.start('other');
    expect(queued.status).toBe('queued');
    manager.setMaxConcurrentRuns(2);
    await waitUntil(() => manager.getRun(queued.id)?.status === 'running', 10_000, 'the queued run to start');
    expect(manager.getRun(first.id)?.status).toBe('running');
  });

  it('announces run start and end, with the supervisor, for the audit trail', async () => {
    manager.setBots([misbehaving('crash')]);
    const events: string[] = [];
    manager.onDidRunEvent((event) => events.push(`${event.type}:${event.run.status}:${event.run.supervisor?.subject ?? '-'}`));
    const ended = await runToEnd(manager, await manager.start('misbehaving-crash'));
    expect(ended.status).toBe('failed');
    expect(events).toEqual(['started:running:demo-user', 'ended:failed:demo-user']);
  });

  it('batches live lines only while somebody follows the run; the log keeps every line', async () => {
    let following = false;
    manager = newManager({ isLogFollowed: () => following });
    const ticker = 'let n = 0; setInterval(() => console.log(`tick ${n++}`), 10);';
    manager.setBots([misbehaving('hang', { id: 'ticker', args: ['-e', ticker] })]);
    const batches: LogBatch[] = [];
    manager.onDidLog((batch) => batches.push(batch));
    const run = await manager.start('ticker');
    await waitForLog(manager, run.id, /tick 5/);
    expect(batches.filter((batch) => batch.runId === run.id)).toEqual([]);

    following = true;
    const followedFrom = manager.readLog(run.id, 0, 5000).lines.at(-1)?.seq ?? 0;
    await waitUntil(() => batches.some((batch) => batch.lines.some((line) => line.text.startsWith('tick'))), 10_000, 'a live batch');
    await manager.stop(run.id);
    const live = batches.flatMap((batch) => batch.lines);
    expect(live.every((line) => line.seq > followedFrom)).toBe(true);
    const kept = manager.readLog(run.id, 0, 5000).lines.filter((line) => line.text.startsWith('tick')).map((line) => line.text);
    expect(kept.slice(0, 6)).toEqual(['tick 0', 'tick 1', 'tick 2', 'tick 3', 'tick 4', 'tick 5']);
  });

  it('runs a manifest\'s `node` with the nodeExecutable it is given, not the app binary', async (context) => {
    if (process.platform === 'win32') {
      console.log('uses /bin/echo as a stand-in Node; skipping on Windows');
      context.skip();
    }
    manager = newManager({ nodeExecutable: '/bin/echo' });
    manager.setBots([misbehaving('hang', { id: 'echo', command: 'node', args: ['--version-of-echo'] })]);
    const ended = await runToEnd(manager, await manager.start('echo'));
    expect(ended.status).toBe('succeeded');
    expect(logText(manager, ended.id)).toMatch(/Starting .*: \/bin\/echo --version-of-echo/);
    expect(logText(manager, ended.id)).toMatch(/stdout: --version-of-echo/);
  });
});

describe('RunManager with misbehaving bots', () => {
  it('S39 stop kills the whole tree, including a detached grandchild', async () => {
    manager.setBots([misbehaving('spawn-tree')]);
    const run = await manager.start('misbehaving-spawn-tree');
    // The two lines come from different processes sharing one pipe, so either may come first.
    const tree = await waitForLog(manager, run.id, /bot pid (\d+); child pid (\d+)/);
    const grandchild = await waitForLog(manager, run.id, /detached grandchild pid (\d+)/);
    const pids = [Number(tree[1]), Number(tree[2]), Number(grandchild[1])];
    expect(pids.every(isProcessAlive)).toBe(true);
    await manager.stop(run.id, 'Operator pressed Stop');
    expect(manager.listRuns()[0]).toMatchObject({ id: run.id, status: 'cancelled', reason: 'Operator pressed Stop' });
    await waitUntil(() => pids.every((pid) => !isProcessAlive(pid)), 5000, 'the whole tree to exit');
  });

  it('S40 a hanging bot is timed out: SIGTERM, then SIGKILL after the grace, log tail kept', async () => {
    manager = newManager({ stopGraceMs: 300 });
    manager.setBots([misbehaving('hang', { timeoutMs: 2_000, env: { MISBEHAVE_MODE: 'hang', MISBEHAVE_IGNORE_SIGTERM: '1' } })]);
    const run = await manager.start('misbehaving-hang');
    const ended = await runToEnd(manager, run);
    expect(ended).toMatchObject({ status: 'timedOut', signal: 'SIGKILL', exitCode: null });
    expect(ended.reason).toMatch(/time limit of 2(,)?000 ms|time limit of 2 s/);
    const text = logText(manager, run.id);
    expect(text).toMatch(/stdout: working on item 3\nstdout: now hanging/);
    expect(text).toMatch(/system: Stopping: Stopped after its time limit/);
    expect(text).toMatch(/stdout: ignoring SIGTERM/);
    expect(text).toMatch(/system: The bot was ended by SIGKILL .*timed out/);
  });

  it('S41 a crash is failed with its exit code, its secret is revoked, and the next run is unaffected', async () => {
    manager.setBots([misbehaving('crash', { env: { MISBEHAVE_MODE: 'crash', MISBEHAVE_EXIT_CODE: '7' } })]);
    const first = await runToEnd(manager, await manager.start('misbehaving-crash'));
    expect(first).toMatchObject({ status: 'failed', exitCode: 7, reason: 'The bot exited with code 7.' });
    expect(logText(manager, first.id)).toMatch(/stderr: about to crash/);
    const reply = await fetch(`${broker.url}/v1/token`, { headers: { authorization: `RunSecret ${issuedSecrets.get(first.id)}` } });
    expect(reply.status).toBe(401);
    expect(((await reply.json()) as { error: string }).error).toBe('run_finished');

    const second = await runToEnd(manager, await manager.start('misbehaving-crash'));
    expect(second.id).not.toBe(first.id);
    expect(second).toMatchObject({ status: 'failed', exitCode: 7 });
    expect(issuedSecrets.get(second.id)).not.toBe(issuedSecrets.get(first.id));
  });

  it('S42 a flood of binary, invalid UTF-8, long lines and ANSI stays bounded and responsive', async () => {
    manager = newManager({ logLimits: { ringLines: 200, fileMaxBytes: 256 * 1024 } });
    manager.setBots([misbehaving('flood', { env: { MISBEHAVE_MODE: 'flood', MISBEHAVE_FLOOD_BYTES: String(16 * 1024 * 1024) } })]);
    let batches = 0;
    let biggestBatch = 0;
    manager.onDidLog((batch) => {
      batches += 1;
      biggestBatch = Math.max(biggestBatch, batch.lines.length);
    });
    // The event loop must keep ticking while the flood is processed.
    let worstLagMs = 0;
    let last = Date.now();
    const ticker = setInterval(() => {
      worstLagMs = Math.max(worstLagMs, Date.now() - last - 10);
      last = Date.now();
    }, 10);
    try {
      const ended = await runToEnd(manager, await manager.start('misbehaving-flood'), 60_000);
      expect(ended.status).toBe('succeeded');
    } finally {
      clearInterval(ticker);
    }
    const run = manager.listRuns()[0] as RunView;
    const page = manager.readLog(run.id, 0, 5000);
    expect(page.firstSeq).toBeGreaterThan(0);
    expect(page.lines.length).toBeLessThanOrEqual(200);
    for (const line of page.lines) {
      expect(Buffer.byteLength(line.text)).toBeLessThanOrEqual(8 * 1024 + 40);
      expect(line.text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    }
    const texts = page.lines.map((l) => l.text);
    expect(texts).toContain('red text and plain');
    expect(texts.some((t) => /^x+… \[truncated 19\d{4} bytes\]$/.test(t))).toBe(true);
    expect(texts).toContain('\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD(');
    expect(texts).toContain('y'.repeat(64));
    expect(texts.at(-2)).toBe('flood done');
    expect(biggestBatch).toBeLessThanOrEqual(2000);
    expect(batches).toBeGreaterThan(0);
    expect(worstLagMs).toBeLessThan(1000);

    const files = (await readdir(join(dataDir, 'logs'))).filter((name) => name.startsWith(run.id));
    expect(files.sort()).toEqual([`${run.id}.log`, `${run.id}.log.1`]);
    for (const name of files) expect((await stat(join(dataDir, 'logs', name))).size).toBeLessThanOrEqual(256 * 1024);
  });

  it('S43 a missing or non-executable command fails the run with a clear message', async () => {
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

  it('S44 a printed token and run secret are redacted in the buffer and the file', async () => {
    manager.setBots([misbehaving('print-token'), misbehaving('print-token', { id: 'env-printer', tokenDelivery: 'env' })]);
    for (const botId of ['misbehaving-print-token', 'env-printer']) {
      const ended = await runToEnd(manager, await manager.start(botId));
      expect(ended.status).toBe('succeeded');
      const text = logText(manager, ended.id);
      const file = await readFile(join(dataDir, 'logs', `${ended.id}.log`), 'utf8');
      const secret = issuedSecrets.get(ended.id) as string;
      for (const captured of [text, file]) {
        expect(captured).not.toContain(token);
        expect(captured).not.toContain(token.slice(10));
        expect(captured).not.toContain(secret);
        expect(captured).toContain('broker token: [REDACTED]');
        expect(captured).toContain('secret on stderr: [REDACTED]');
      }
      if (botId === 'env-printer') expect(text).toContain('env token: [REDACTED]');
    }
  });

  it('also redacts a token swapped in by re-authentication while the run is live', async () => {
    manager.setBots([misbehaving('hang')]);
    const run = await manager.start('misbehaving-hang');
    await waitForLog(manager, run.id, /now hanging/);
    const swapped = `tok_${randomBytes(24).toString('base64url')}`;
    sessions.signIn('sandbox', { accessToken: swapped, expiresAt: Date.now() + hour });
    // A supervisor-side line mentioning it goes through the same redaction path as bot output.
    await manager.stop(run.id, `reason mentioning ${swapped}`);
    expect(logText(manager, run.id)).not.toContain(swapped);
    expect(manager.listRuns()[0]?.reason).toBe('reason mentioning [REDACTED]');
  });
});

describe('RunManager history', () => {
  it('persists history and marks live runs interrupted after a restart', async () => {
    manager.setBots([misbehaving('crash', { env: { MISBEHAVE_MODE: 'crash', MISBEHAVE_EXIT_CODE: '0' } }), misbehaving('hang')]);
    const finished = await runToEnd(manager, await manager.start('misbehaving-crash'));
    expect(finished.status).toBe('succeeded');
    const live = await manager.start('misbehaving-hang');
    await waitForLog(manager, live.id, /now hanging/);

    // A second instance on the same data folder stands in for the app restarting after a crash.
    const restarted = newManager();
    extraManagers.push(restarted);
    const runs = restarted.listRuns();
    expect(runs.map((r) => [r.id, r.status])).toEqual([
      [live.id, 'interrupted'],
      [finished.id, 'succeeded'],
    ]);
    expect(runs[0]?.reason).toMatch(/stopped while this run was live/);
    expect(logText(restarted, finished.id)).toMatch(/stderr: about to crash/);
    expect(() => restarted.readLog('run-unknown')).toThrow(expect.objectContaining({ code: 'unknown_run' }));
  });
});

describe('RunManager dispose', () => {
  it('halts live runs, leaves no process behind and refuses new starts', async () => {
    manager.setBots([misbehaving('hang')]);
    const run = await manager.start('misbehaving-hang');
    await waitForLog(manager, run.id, /now hanging/);
    const statuses: RunStatus[] = [];
    manager.onDidChange(() => statuses.push(manager.listRuns()[0]?.status ?? 'queued'));
    await manager.dispose();
    expect(manager.listRuns()[0]).toMatchObject({ status: 'halted', reason: 'RPA Supervisor closed.' });
    await expect(manager.start('misbehaving-hang')).rejects.toMatchObject({ code: 'supervisor_shutting_down' });
  });
});
