import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TokenBroker } from '../broker/token-broker.js';
import { systemClock } from '../ports/clock.js';
import { nullLogger } from '../ports/logger.js';
import { freeLoopbackPort } from '../test-support/free-port.js';
import { codeBlockAfter } from '../test-support/markdown-code-block.js';
import { botsDoc } from './testing/docs-example-bots.js';
import { manifestExample, nodeBotsFolder, startByHand, wrapFragment, writeNodeBot } from './testing/docs-node-bots.js';
import { FakeSessionAccess } from './testing/fake-session-access.js';
import { startSilentApi } from './testing/loopback-servers.js';
import { waitUntil } from './testing/process-probe.js';
import { startSupervisorHarness, type SupervisorHarness } from './testing/supervisor-harness.js';

/*
 * docs/bots.md's first Node bot ("In Node.js, with the SDK"), copied verbatim, registered with the
 * section 2 manifest verbatim, and run by the real supervisor (sandbox, broker, RunManager)
 * against the sandbox's protected API. Then its failure paths: a broker refusal, and the
 * supervisor-died rule when the bot is started by hand.
 */
const example = codeBlockAfter(botsDoc, '### In Node.js, with the SDK', 'js');
const refusalLine = (code: string, message: string) => `my-bot failed: ${code}: ${message}`;

describe("docs/bots.md's Node bot", () => {
  let botsDir: string;
  let harness: SupervisorHarness;

  beforeAll(async () => {
    botsDir = await nodeBotsFolder('rpa-docs-node-');
    // Section 2's manifest names ./api-bot/api-bot.mjs; the example is what the stranger put there.
    const manifest = JSON.parse(manifestExample) as { id: string; args: string[] };
    expect(manifest.args).toEqual(['./api-bot/api-bot.mjs']);
    await mkdir(join(botsDir, 'api-bot'));
    await writeFile(join(botsDir, 'api-bot', 'api-bot.mjs'), example);
    await writeFile(join(botsDir, `${manifest.id}.bot.json`), manifestExample);
    await writeNodeBot(botsDir, { id: 'my-bot', source: example, extra: { requiresApproval: true } });
    // The page's advice for a bot that may have to wait: waitForSession() before its first call.
    const waiting = wrapFragment({ before: "import { waitForSession } from '../sdk/index.mjs';\nawait waitForSession();", example });
    await writeNodeBot(botsDir, { id: 'my-waiting-bot', source: waiting, extra: { requiresApproval: true } });
    harness = await startSupervisorHarness({ botsDir });
    await harness.signIn();
  });

  afterAll(async () => {
    await harness?.close();
    await rm(botsDir, { recursive: true, force: true });
  });

  it('with the section 2 manifest: calls /whoami with the token, prints the status, succeeds, and never prints the token', async () => {
    const run = await harness.supervisor.api.invoke('startRun', { botId: 'api-bot' });
    const ended = await harness.waitForRunEnd(run.id);
    const log = await harness.logText(run.id);
    expect(ended, log).toMatchObject({ status: 'succeeded', exitCode: 0, supervisor: { subject: 'demo-user-0001' } });
    expect(log).toMatch(/^stdout: status 200$/m);
    expect(log).not.toMatch(/^stderr:/m);
    expect(await harness.leaks()).toEqual([]);
  });

  it("a run that waits for approval: the broker's code and message reach the bot, which says so and fails", async () => {
    // getAccessToken and authorizedFetch ask once; waiting is waitForSession's job (docs/bots.md, Approval).
    const run = await harness.supervisor.api.invoke('startRun', { botId: 'my-bot' });
    const ended = await harness.waitForRunEnd(run.id);
    const log = await harness.logText(run.id);
    const line = refusalLine('approval_pending', 'This run waits for the supervisor to approve it.');
    expect(ended, log).toMatchObject({ status: 'failed', exitCode: 1, lastError: line });
    expect(log).toContain(`stderr: ${line}`);
  });

  it('the same bot after waitForSession(): it waits for the approval given in the app, then succeeds', async () => {
    const run = await harness.supervisor.api.invoke('startRun', { botId: 'my-waiting-bot' });
    await harness.waitForState((s) => s.runs.some((r) => r.id === run.id && r.waitingFor === 'approval'), 'the run to wait for approval');
    await harness.supervisor.api.invoke('approveRun', { runId: run.id });
    const ended = await harness.waitForRunEnd(run.id);
    const log = await harness.logText(run.id);
    expect(ended, log).toMatchObject({ status: 'succeeded', exitCode: 0 });
    expect(log).toMatch(/^stdout: status 200$/m);
  });

  describe('started by hand', () => {
    const script = () => join(botsDir, 'api-bot', 'api-bot.mjs');

    it('outside RPA Supervisor: not_supervised, and exit code 1', async () => {
      const bot = startByHand(script(), { RPA_SANDBOX_API_URL: 'http://127.0.0.1:9' });
      expect(await bot.exited, bot.output().stderr).toBe(1);
      expect(bot.output().stderr.trim()).toBe(refusalLine('not_supervised', 'RPA_BROKER_URL and RPA_RUN_SECRET are not set; start this bot from RPA Supervisor.'));
    });

    it('the supervisor-died rule: with the broker gone, it says so and exits 75', async () => {
      const env = { RPA_BROKER_URL: `http://127.0.0.1:${await freeLoopbackPort()}`, RPA_RUN_SECRET: 'x'.repeat(43), RPA_SANDBOX_API_URL: 'http://127.0.0.1:9' };
      const bot = startByHand(script(), env);
      expect(await bot.exited, bot.output().stderr).toBe(75);
      expect(bot.output().stderr.trim()).toBe('[rpa-sdk] RPA Supervisor has gone (the token broker is unreachable); exiting.');
    });

    it('the supervisor-died rule: when its stdin ends mid-call, it says so and exits 75', async () => {
      const sessions = new FakeSessionAccess();
      sessions.signIn('sandbox', { accessToken: 'docs-node-token-0123456789', expiresAt: Date.now() + 3_600_000 });
      const broker = new TokenBroker({ sessions, clock: systemClock, logger: nullLogger });
      await broker.start();
      const api = await startSilentApi();
      try {
        const bot = startByHand(script(), { RPA_BROKER_URL: broker.url, RPA_RUN_SECRET: broker.registerRun('run-eof', 'sandbox'), RPA_SANDBOX_API_URL: api.url });
        // The token came from the broker and the bot now waits on the API, as a bot mid-work does.
        await waitUntil(() => api.received.length > 0, 10_000, 'the bot to call the API');
        expect(api.received[0]?.headers.authorization).toBe('Bearer docs-node-token-0123456789');
        bot.endStdin();
        expect(await bot.exited, bot.output().stderr).toBe(75);
        expect(bot.output().stderr.trim()).toBe('[rpa-sdk] RPA Supervisor has gone (stdin was closed); exiting.');
      } finally {
        await Promise.all([api.close(), broker.close()]);
      }
    });
  });
});
