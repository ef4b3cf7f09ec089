import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TokenBroker } from '../../app/broker/token-broker.js';
import { FakeSessionAccess } from '../../app/bots/testing/fake-session-access.js';
import { isProcessAlive, waitUntil } from '../../app/bots/testing/process-probe.js';
import { systemClock } from '../../app/ports/clock.js';
import { nullLogger } from '../../app/ports/logger.js';
import { authorizedFetch, BotSdkError, getAccessToken, getRunContext, waitForSession, watchSupervisor } from './index.mjs';

const sdkUrl = pathToFileURL(join(dirname(fileURLToPath(import.meta.url)), 'index.mjs')).href;
const hour = 60 * 60 * 1000;
const savedEnv = { ...process.env };

let sessions: FakeSessionAccess;
let broker: TokenBroker;
let secret: string;
let token: string;

beforeEach(async () => {
  sessions = new FakeSessionAccess();
  token = `tok_${randomBytes(16).toString('base64url')}`;
  sessions.signIn('sandbox', { accessToken: token, expiresAt: Date.now() + hour, supervisor: { subject: 'demo-user', name: 'Demo User' } });
  broker = new TokenBroker({ sessions, clock: systemClock, logger: nullLogger });
  await broker.start();
  secret = broker.registerRun('run-sdk', 'sandbox');
  // The SDK reads its configuration from the environment, exactly as in a real bot.
  process.env.RPA_BROKER_URL = broker.url;
  process.env.RPA_RUN_SECRET = secret;
  process.env.RPA_RUN_ID = 'run-sdk';
  process.env.RPA_PROFILE_ID = 'sandbox';
});

afterEach(async () => {
  for (const name of ['RPA_BROKER_URL', 'RPA_RUN_SECRET', 'RPA_RUN_ID', 'RPA_PROFILE_ID']) {
    if (savedEnv[name] === undefined) delete process.env[name];
    else process.env[name] = savedEnv[name];
  }
  await broker.close();
});

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'resolved';
  } catch (error) {
    expect(error).toBeInstanceOf(BotSdkError);
    return (error as BotSdkError).code;
  }
}

async function withServer(handler: (authorization: string | undefined) => number, body: (url: string) => Promise<void>): Promise<void> {
  const server: Server = createServer((req, res) => {
    const status = handler(req.headers.authorization);
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ status }));
  });
  await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
  try {
    await body(`http://127.0.0.1:${(server.address() as AddressInfo).port}/resource`);
  } finally {
    await new Promise((resolveClose) => server.close(resolveClose));
  }
}

describe('bot SDK', () => {
  it('gets the token from the broker and never shows it when the result is printed', async () => {
    const result = await getAccessToken({ minValidityMs: 60_000 });
    expect(result.accessToken).toBe(token);
    expect(result).toMatchObject({ tokenType: 'Bearer', profile: 'sandbox', supervisor: { subject: 'demo-user', name: 'Demo User' } });
    expect(JSON.stringify(result)).not.toContain(token);
    expect(inspect(result, { depth: 5 })).not.toContain(token);
    expect(getRunContext()).toEqual({ runId: 'run-sdk', profileId: 'sandbox', brokerUrl: broker.url, supervised: true });
  });

  it('asks the broker every time, so a re-authentication is picked up', async () => {
    expect((await getAccessToken()).accessToken).toBe(token);
    sessions.signIn('sandbox', { accessToken: 'swapped-token-0123456789', expiresAt: Date.now() + hour });
    expect((await getAccessToken()).accessToken).toBe('swapped-token-0123456789');
  });

  it('throws errors with stable codes and no token in the message', async () => {
    expect(await codeOf(getAccessToken({ minValidityMs: 2 * hour }))).toBe('insufficient_validity');
    sessions.expire('sandbox');
    expect(await codeOf(getAccessToken())).toBe('session_expired');
    process.env.RPA_RUN_SECRET = 'A'.repeat(43);
    expect(await codeOf(getAccessToken())).toBe('invalid_secret');
    process.env.RPA_RUN_SECRET = secret;
    broker.revokeRun('run-sdk');
    expect(await codeOf(getAccessToken())).toBe('run_finished');
    delete process.env.RPA_RUN_SECRET;
    expect(await codeOf(getAccessToken())).toBe('not_supervised');
    process.env.RPA_RUN_SECRET = secret;
    const url = broker.url;
    await broker.close();
    process.env.RPA_BROKER_URL = url;
    const error = (await getAccessToken().then(
      () => new BotSdkError('resolved', 'unexpectedly resolved'),
      (e: unknown) => e,
    )) as BotSdkError;
    expect(error.code).toBe('broker_unreachable');
    expect(error.message).not.toContain(secret);
  });

  it('authorizedFetch sends the bearer and, on a 401, retries once with a fresh token', async () => {
    const seen: (string | undefined)[] = [];
    await withServer(
      (authorization) => {
        seen.push(authorization);
        if (authorization === `Bearer ${token}`) {
          // The target rejects the old token; meanwhile an admin re-authenticates.
          sessions.signIn('sandbox', { accessToken: 'fresh-token-0123456789', expiresAt: Date.now() + hour });
          return 401;
        }
        return authorization === 'Bearer fresh-token-0123456789' ? 200 : 403;
      },
      async (url) => {
        const response = await authorizedFetch(url, { headers: { accept: 'application/json' } });
        expect(response.status).toBe(200);
      },
    );
    expect(seen).toEqual([`Bearer ${token}`, 'Bearer fresh-token-0123456789']);
  });

  it('authorizedFetch retries only once', async () => {
    let calls = 0;
    await withServer(
      () => {
        calls += 1;
        return 401;
      },
      async (url) => {
        expect((await authorizedFetch(url, { method: 'POST', body: 'x' })).status).toBe(401);
      },
    );
    expect(calls).toBe(2);
  });

  it('waitForSession resumes when the supervisor re-authenticates, and times out with a code', async () => {
    sessions.expire('sandbox');
    const waiting = waitForSession({ timeoutMs: 20_000 });
    await waitUntil(() => broker.waitingCount === 1, 5000, 'the long-poll to park');
    sessions.signIn('sandbox', { accessToken: 'after-reauth-0123456789', expiresAt: Date.now() + hour });
    expect((await waiting).accessToken).toBe('after-reauth-0123456789');

    sessions.signOut('sandbox');
    expect(await codeOf(waitForSession({ timeoutMs: 150 }))).toBe('session_wait_timeout');
  });

  it('watchSupervisor does nothing outside a supervised run: stdin gets no listener and is not read', () => {
    delete process.env.RPA_BROKER_URL;
    const events = ['end', 'close', 'error', 'data'] as const;
    const listeners = () => events.map((event) => process.stdin.listenerCount(event));
    const before = listeners();
    expect(getRunContext().supervised).toBe(false);
    const watch = watchSupervisor();
    expect(listeners()).toEqual(before);
    expect(process.stdin.readableFlowing).not.toBe(true);
    watch.dispose();
    expect(listeners()).toEqual(before);
  });
});

describe('watchSupervisor in a real bot process', () => {
  function runBot(source: string, env: Record<string, string>, options: { detached?: boolean } = {}) {
    const child = spawn(process.execPath, ['--input-type=module', '-e', source], {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: options.detached ?? false,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolveExit) => child.once('exit', (code) => resolveExit(code)));
    const signalled = new Promise<NodeJS.Signals | null>((resolveExit) => child.once('exit', (_code, signal) => resolveExit(signal)));
    return { child, exited, signalled, output: () => ({ stdout, stderr }) };
  }

  const supervisedEnv = () => ({ RPA_BROKER_URL: broker.url, RPA_RUN_SECRET: secret, RPA_RUN_ID: 'run-sdk' });

  it('exits with 75 and a message when stdin closes (the supervisor died)', async () => {
    const bot = runBot(`const m = await import(${JSON.stringify(sdkUrl)}); m.watchSupervisor(); setInterval(() => {}, 1000); console.log('ready');`, supervisedEnv());
    await waitUntil(() => bot.output().stdout.includes('ready'), 10_000, 'bot ready');
    bot.child.stdin.end();
    expect(await bot.exited).toBe(75);
    expect(bot.output().stderr).toMatch(/RPA Supervisor has gone \(stdin was closed\); exiting/);
  });

  it('takes its children with it when it leads its process group, as under the supervisor', async (context) => {
    if (process.platform === 'win32') {
      console.log('no process groups on Windows: the supervisor\'s orphan reaper covers children there');
      context.skip();
    }
    const source = [
      `const m = await import(${JSON.stringify(sdkUrl)});`,
      "const { spawn } = await import('node:child_process');",
      "const worker = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });",
      'm.watchSupervisor();',
      'setInterval(() => {}, 1000);',
      "console.log('ready ' + worker.pid);",
    ].join(' ');
    const bot = runBot(source, supervisedEnv(), { detached: true });
    await waitUntil(() => /ready \d+/.test(bot.output().stdout), 10_000, 'bot ready');
    const workerPid = Number(/ready (\d+)/.exec(bot.output().stdout)?.[1]);
    try {
      bot.child.stdin.end();
      expect(await bot.signalled).toBe('SIGKILL');
      await waitUntil(() => !isProcessAlive(workerPid), 5000, "the bot's child to be killed with it");
    } finally {
      try {
        process.kill(workerPid, 'SIGKILL');
      } catch {
        // Already gone, as it should be.
      }
    }
  });

  it('exits with 75 when the broker becomes unreachable', async () => {
    const bot = runBot(
      `const m = await import(${JSON.stringify(sdkUrl)}); m.watchSupervisor(); setInterval(() => {}, 1000); console.log('ready'); process.stdin.once('data', () => m.getAccessToken());`,
      supervisedEnv(),
    );
    await waitUntil(() => bot.output().stdout.includes('ready'), 10_000, 'bot ready');
    await broker.close();
    bot.child.stdin.write('go\n');
    expect(await bot.exited).toBe(75);
    expect(bot.output().stderr).toMatch(/token broker is unreachable/);
  });

  it('does not keep a finished bot alive', async () => {
    const bot = runBot(`const m = await import(${JSON.stringify(sdkUrl)}); m.watchSupervisor(); console.log('done');`, supervisedEnv());
    expect(await bot.exited).toBe(0);
  });
});
