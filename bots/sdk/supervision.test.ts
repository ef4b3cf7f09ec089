import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RunArtifacts } from '../../app/artifacts/run-artifacts.js';
import type { BrokerDenial } from '../../app/broker/broker-denial.js';
import { TokenBroker } from '../../app/broker/token-broker.js';
import { RunControls } from '../../app/bots/run-controls.js';
import { FakeSessionAccess } from '../../app/bots/testing/fake-session-access.js';
import { waitUntil } from '../../app/bots/testing/process-probe.js';
import { effectiveSupervision } from '../../app/policy/supervision-policy.js';
import { systemClock } from '../../app/ports/clock.js';
import { nullLogger } from '../../app/ports/logger.js';
import { Supervision } from '../../app/supervision/supervision.js';
import { freeLoopbackPort } from '../../app/test-support/free-port.js';
import { ask, attach, BotSdkError, checkpoint, StopRequestedError } from './index.mjs';

/*
 * checkpoint(), ask() and attach() keep the SDK's contract (docs/bots.md): every failure is a
 * BotSdkError with a code, an unexpected refusal ends the call instead of asking again forever,
 * and after watchSupervisor() a broker that can't be reached ends the bot with code 75 (§6).
 */
const sdkUrl = pathToFileURL(join(dirname(fileURLToPath(import.meta.url)), 'index.mjs')).href;
const saved = { url: process.env.RPA_BROKER_URL, secret: process.env.RPA_RUN_SECRET };

let dir: string;
let broker: TokenBroker;
let supervision: Supervision;
let controls: RunControls;
const denials: BrokerDenial[] = [];

beforeEach(async () => {
  const sessions = new FakeSessionAccess();
  sessions.signIn('sandbox', { accessToken: 'tok_supervision_test_0123456789', expiresAt: Date.now() + 3_600_000 });
  controls = new RunControls();
  supervision = new Supervision({ clock: systemClock, policy: effectiveSupervision({ idleAfterMs: 0 }), controls, runContext: (runId) => controls.context(runId) });
  dir = await mkdtemp(join(tmpdir(), 'rpa-sdk-supervision-'));
  const artifacts = new RunArtifacts({ dir, clock: systemClock, screenshotsAllowed: () => false, redactText: (_profileId, text) => ({ text, redactions: {} }) });
  broker = new TokenBroker({ sessions, clock: systemClock, logger: nullLogger, gate: supervision, artifacts });
  denials.length = 0;
  broker.onDidDeny((denial) => denials.push(denial));
  await broker.start();
  process.env.RPA_BROKER_URL = broker.url;
  process.env.RPA_RUN_SECRET = broker.registerRun('run-supervision', 'sandbox');
});

afterEach(async () => {
  for (const [name, value] of [['RPA_BROKER_URL', saved.url], ['RPA_RUN_SECRET', saved.secret]] as const) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  supervision.dispose();
  await broker.close();
  await rm(dir, { recursive: true, force: true });
});

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

/** Settles within `ms`, or says it did not: a checkpoint() that never gives up must fail the test, not hang it. */
function within<T>(promise: Promise<T>, ms: number): Promise<T | 'still waiting'> {
  return Promise.race([promise, new Promise<'still waiting'>((resolveLate) => setTimeout(() => resolveLate('still waiting'), ms).unref())]);
}

describe('checkpoint()', () => {
  it('a refusal it does not expect (a stale run secret) ends it with that code, after one request', async () => {
    process.env.RPA_RUN_SECRET = 'A'.repeat(43);
    const outcome = await within(failure(checkpoint()), 5000);
    expect(outcome, `${denials.length} refusals so far`).toBeInstanceOf(BotSdkError);
    expect(outcome).toMatchObject({ code: 'invalid_secret', status: 401 });
    expect(denials).toHaveLength(1);
  });

  it('a run that has already ended is a stop: clean up and exit', async () => {
    broker.revokeRun('run-supervision');
    const stop = await failure(checkpoint());
    expect(stop).toBeInstanceOf(StopRequestedError);
    // A bot that logs the message must not blame an operator who did nothing.
    expect(stop).toMatchObject({ code: 'stop_requested', message: 'This run has already ended (stopped, signed out, or RPA Supervisor closed), so it must not go on.' });
  });
});

describe('attach()', () => {
  it("a file it can't read is named, with its own code, not blamed on the broker", async () => {
    const missing = join(fileURLToPath(new URL('.', import.meta.url)), 'no-such-export.pdf');
    const error = await failure(attach('export.pdf', { path: missing }));
    expect(error).toMatchObject({ name: 'BotSdkError', code: 'file_unreadable' });
    expect((error as Error).message).toBe(`Could not read ${missing} to attach it (ENOENT).`);
  });
});

describe('ask()', () => {
  it('a question without a usable timeoutMs (a JavaScript bot) is the broker\'s invalid_request, not a broker that is gone', async () => {
    for (const timeoutMs of [undefined, Number.NaN]) {
      const error = await failure(ask({ question: 'Post batch 42?', timeoutMs } as never));
      expect(error).toMatchObject({ name: 'BotSdkError', code: 'invalid_request', status: 400 });
    }
  });
});

describe('a broker that cannot be reached', () => {
  beforeEach(async () => {
    process.env.RPA_BROKER_URL = `http://127.0.0.1:${await freeLoopbackPort()}`;
  });

  it('is broker_unreachable from checkpoint() and ask()', async () => {
    expect(await failure(checkpoint())).toMatchObject({ name: 'BotSdkError', code: 'broker_unreachable' });
    expect(await failure(ask({ question: 'Post batch 42?', timeoutMs: 60_000 }))).toMatchObject({ name: 'BotSdkError', code: 'broker_unreachable' });
  });

  it.each([
    ['checkpoint()', 'm.checkpoint()'],
    ['ask()', "m.ask({ question: 'Post?', timeoutMs: 60000 })"],
    ['attach()', "m.attach('notes.txt', 'hello')"],
  ])('after watchSupervisor(), %s ends the bot with code 75 (the supervisor-died rule)', async (_name, call) => {
    const source = `const m = await import(${JSON.stringify(sdkUrl)}); m.watchSupervisor(); console.log('ready'); await ${call}; console.log('carried on');`;
    const env = { PATH: process.env.PATH ?? '', RPA_BROKER_URL: process.env.RPA_BROKER_URL ?? '', RPA_RUN_SECRET: 'B'.repeat(43) };
    const bot = spawn(process.execPath, ['--input-type=module', '-e', source], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    bot.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    bot.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolveExit) => bot.once('exit', (code) => resolveExit(code)));
    await waitUntil(() => output.includes('ready'), 10_000, 'the bot to start');
    expect(await exited, output).toBe(75);
    expect(output).toContain('[rpa-sdk] RPA Supervisor has gone (the token broker is unreachable); exiting.');
    bot.stdin.end();
  });
});

describe('a broker that refuses an upload part-way', () => {
  it('S120 after watchSupervisor(), a large screenshot the broker refuses is a refusal for attach(), never the end of the bot (code 75)', async () => {
    // 40 MB that start like a PNG: the broker refuses it on its first bytes (screenshots are off)
    // at once, and reads the rest before it closes the connection, so no reset swallows its answer.
    const call = "m.attach('failure.png', new Uint8Array(40 * 1024 * 1024).fill(137, 0, 1))";
    const source = `const m = await import(${JSON.stringify(sdkUrl)}); m.watchSupervisor(); const e = await ${call}.then(() => undefined, (error) => error); console.log('carried on', e?.name, e?.code);`;
    const env = { PATH: process.env.PATH ?? '', RPA_BROKER_URL: process.env.RPA_BROKER_URL ?? '', RPA_RUN_SECRET: process.env.RPA_RUN_SECRET ?? '' };
    const bot = spawn(process.execPath, ['--input-type=module', '-e', source], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    bot.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    bot.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolveExit) => bot.once('exit', (code) => resolveExit(code)));
    expect(await exited, output).toBe(0);
    expect(output).not.toContain('RPA Supervisor has gone');
    expect(output).toMatch(/^carried on BotSdkError screenshots_not_allowed$/m);
    bot.stdin.end();
  });
});
