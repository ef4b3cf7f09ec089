import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TokenBroker } from '../broker/token-broker.js';
import { systemClock } from '../ports/clock.js';
import { nullLogger } from '../ports/logger.js';
import { freeLoopbackPort } from '../test-support/free-port.js';
import { codeBlockAfter } from '../test-support/markdown-code-block.js';
import { botsDoc, examplesCannotRun, python3Executable, writePythonBot } from './testing/docs-example-bots.js';
import { FakeSessionAccess } from './testing/fake-session-access.js';
import { startRecordingProxy, startSilentApi } from './testing/loopback-servers.js';
import { waitUntil } from './testing/process-probe.js';
import { startSupervisorHarness, type SupervisorHarness } from './testing/supervisor-harness.js';

/*
 * docs/bots.md §4's Python bot, copied as a stranger would copy it, run by the real supervisor
 * (sandbox, broker, RunManager) with the manifest the same page shows.
 */
const python = python3Executable();
const skip = examplesCannotRun({ python3: python !== undefined });
const example = codeBlockAfter(botsDoc, '### Python (standard library only)', 'python');

describe.skipIf(skip)("docs/bots.md's Python bot", () => {
  let botsDir: string;
  let harness: SupervisorHarness;
  let shortHarness: SupervisorHarness;
  const proxy = startRecordingProxy();

  beforeAll(async () => {
    botsDir = await mkdtemp(join(tmpdir(), 'rpa-docs-python-'));
    await writePythonBot(botsDir, { id: 'clinic-bot', python: python as string, script: example });
    // A clinic's forward proxy in the environment, with loopback not exempted.
    const proxied = { HTTP_PROXY: (await proxy).url, http_proxy: (await proxy).url, NO_PROXY: '', no_proxy: '' };
    await writePythonBot(botsDir, { id: 'clinic-bot-proxied', python: python as string, script: example, env: proxied });
    [harness, shortHarness] = await Promise.all([startSupervisorHarness({ botsDir }), startSupervisorHarness({ botsDir, accessTokenTtlSeconds: 40 })]);
    await Promise.all([harness.signIn(), shortHarness.signIn()]);
  });

  afterAll(async () => {
    await Promise.all([harness?.close(), shortHarness?.close(), (await proxy).close()]);
    await rm(botsDir, { recursive: true, force: true });
  });

  it('gets a token from the broker, calls /whoami with it, prints the signed-in name and succeeds', async () => {
    const run = await harness.supervisor.api.invoke('startRun', { botId: 'clinic-bot' });
    const ended = await harness.waitForRunEnd(run.id);
    const log = await harness.logText(run.id);
    expect(ended, log).toMatchObject({ status: 'succeeded', exitCode: 0 });
    expect(log).toMatch(/^stdout: Authorised as Dr Demo Supervisor$/m);
  });

  it("never sends the run secret through the clinic's HTTP_PROXY; its API call does go through it", async () => {
    const seen = (await proxy).requests;
    const run = await harness.supervisor.api.invoke('startRun', { botId: 'clinic-bot-proxied' });
    const ended = await harness.waitForRunEnd(run.id);
    expect(ended, await harness.logText(run.id)).toMatchObject({ status: 'succeeded' });
    expect(seen.filter((request) => request.authScheme === 'RunSecret' || request.url.includes('/v1/'))).toEqual([]);
    expect(seen).toContainEqual({ url: expect.stringMatching(/\/whoami$/) as unknown, authScheme: 'Bearer' });
  });

  it("with less than the minute it asks for left, the broker's code and message reach the log and the run fails", async () => {
    const run = await shortHarness.supervisor.api.invoke('startRun', { botId: 'clinic-bot' });
    const ended = await shortHarness.waitForRunEnd(run.id);
    const log = await shortHarness.logText(run.id);
    const refusal = 'broker refused: insufficient_validity: The session for Local sandbox ends before the time the bot asked for; re-authentication is needed.';
    expect(ended, log).toMatchObject({ status: 'failed', exitCode: 1 });
    expect(log).toContain(refusal);
    expect(ended.lastError).toContain(refusal);
  });

  it('the supervisor-died rule: when the broker cannot be reached, it says so and exits 75', async () => {
    const env = { RPA_BROKER_URL: `http://127.0.0.1:${await freeLoopbackPort()}`, RPA_RUN_SECRET: 'x'.repeat(43), RPA_SANDBOX_API_URL: 'http://127.0.0.1:9' };
    const bot = spawn(python as string, ['-u', '-c', example], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    bot.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const code = await new Promise<number | null>((resolveExit) => bot.once('exit', (exitCode) => resolveExit(exitCode)));
    expect(code, stderr).toBe(75);
    expect(stderr).toContain("RPA Supervisor's broker can't be reached; exiting.");
  });

  it('the supervisor-died rule: when its stdin ends mid-call, it says so and exits 75', async () => {
    const sessions = new FakeSessionAccess();
    sessions.signIn('sandbox', { accessToken: 'docs-python-token-0123456789', expiresAt: Date.now() + 3_600_000 });
    const broker = new TokenBroker({ sessions, clock: systemClock, logger: nullLogger });
    await broker.start();
    const api = await startSilentApi();
    try {
      const env = { RPA_BROKER_URL: broker.url, RPA_RUN_SECRET: broker.registerRun('run-eof', 'sandbox'), RPA_SANDBOX_API_URL: api.url };
      const bot = spawn(python as string, ['-u', '-c', example], { env, stdio: ['pipe', 'pipe', 'pipe'] });
      let stderr = '';
      bot.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
      const exited = new Promise<number | null>((resolveExit) => bot.once('exit', (code) => resolveExit(code)));
      // The token came from the broker and the bot now waits on the API, as a bot mid-work does.
      await waitUntil(() => api.received.length > 0, 10_000, 'the bot to call the API');
      expect(api.received[0]?.headers.authorization).toBe('Bearer docs-python-token-0123456789');
      bot.stdin.end();
      expect(await exited, stderr).toBe(75);
      expect(stderr).toContain('RPA Supervisor has gone; exiting.');
    } finally {
      await Promise.all([api.close(), broker.close()]);
    }
  });
});
