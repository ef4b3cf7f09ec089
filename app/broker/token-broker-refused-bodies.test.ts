import { connect, type Socket } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RunArtifacts } from '../artifacts/run-artifacts.js';
import { FakeSessionAccess } from '../bots/testing/fake-session-access.js';
import { systemClock } from '../ports/clock.js';
import { nullLogger } from '../ports/logger.js';
import { effectiveSupervision } from '../policy/supervision-policy.js';
import { RunControls } from '../bots/run-controls.js';
import { Supervision } from '../supervision/supervision.js';
import { TokenBroker } from './token-broker.js';

/*
 * S120: a refusal sent before the body was read must reach the bot. Closing the socket on unread
 * bytes makes the kernel send a reset, which throws away an answer the bot has not read yet.
 */
const mb = 1024 * 1024;
const png = Uint8Array.from([137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82]);

let dir: string;
let broker: TokenBroker;
let supervision: Supervision;
let port: number;
let secret: string;

async function startBroker(refusedBodies?: { maxBytes: number; maxMs: number }): Promise<void> {
  await broker?.close();
  const artifacts = new RunArtifacts({ dir, clock: systemClock, maxRunBytes: 4 * mb, screenshotsAllowed: () => false, redactText: (_profileId, text) => ({ text, redactions: {} }) });
  const sessions = new FakeSessionAccess();
  sessions.signIn('sandbox', { accessToken: 'tok_refused_bodies_0123456789', expiresAt: Date.now() + 3_600_000 });
  broker = new TokenBroker({ sessions, clock: systemClock, logger: nullLogger, artifacts, gate: supervision, ...(refusedBodies ? { refusedBodies } : {}) });
  await broker.start();
  port = Number(new URL(broker.url).port);
  secret = broker.registerRun('run-refused', 'sandbox');
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rpa-broker-refused-'));
  const controls = new RunControls();
  supervision = new Supervision({ clock: systemClock, policy: effectiveSupervision({ idleAfterMs: 0 }), controls, runContext: (runId) => controls.context(runId) });
  await startBroker();
});

afterEach(async () => {
  await broker.close();
  supervision.dispose();
  await rm(dir, { recursive: true, force: true, maxRetries: 5 });
});

/** What came back: the answer's status and code, or what the connection failed with instead. */
interface Outcome {
  status?: number;
  error?: unknown;
  failure?: string;
}

/**
 * Sends a `bytes`-long chunked body and reads the answer only once it is all sent, as Python's
 * `requests`, PowerShell and most HTTP clients do (the SDK reads at once; bots/sdk covers it).
 */
async function send(options: { path: string; bytes: number; head?: Uint8Array; contentType?: string; secret?: string }): Promise<Outcome> {
  const bot = rawPost(options.path, options.contentType ?? 'application/octet-stream', options.secret ?? secret);
  bot.socket.pause();
  let failure: string | undefined;
  bot.socket.on('error', (error: NodeJS.ErrnoException) => (failure ??= error.code ?? error.message));
  const chunk = Buffer.alloc(64 * 1024);
  for (let sent = 0; sent < options.bytes && failure === undefined && !bot.socket.destroyed; sent += chunk.length) {
    const piece = sent === 0 && options.head ? Buffer.concat([options.head, chunk.subarray(options.head.length)]) : chunk;
    const flowing = [bot.socket.write(`${piece.length.toString(16)}\r\n`), bot.socket.write(piece), bot.socket.write('\r\n')];
    if (flowing.includes(false)) {
      await new Promise<void>((resolveDrain) => {
        const go = () => {
          bot.socket.off('drain', go).off('close', go);
          resolveDrain();
        };
        bot.socket.on('drain', go).on('close', go);
      });
    }
  }
  if (failure === undefined && !bot.socket.destroyed) bot.socket.write('0\r\n\r\n');
  bot.socket.resume();
  await bot.closed;
  const match = /^HTTP\/1\.1 (\d{3}) [^]*?\r\n\r\n([^]*)$/.exec(bot.received());
  if (!match) return { failure: failure ?? 'no answer' };
  return { status: Number(match[1]), error: (JSON.parse(match[2] ?? '') as { error?: unknown }).error };
}

const attachPath = (name: string) => `/v1/artifacts?name=${encodeURIComponent(name)}&kind=file`;

describe('a refusal before the body was read (S120)', () => {
  const cases = [
    { title: 'a screenshot while screenshots are off, refused on its name', path: attachPath('failure.png'), head: png, status: 403, error: 'screenshots_not_allowed' },
    { title: 'PNG bytes under another name, refused on its first bytes', path: attachPath('failure.bin'), head: png, status: 403, error: 'screenshots_not_allowed' },
    { title: 'a file past the run cap, refused part-way', path: attachPath('export.bin'), status: 413, error: 'artifact_too_large' },
    { title: 'an upload with a stale secret', path: attachPath('export.bin'), secret: 'A'.repeat(43), status: 401, error: 'invalid_secret' },
    { title: 'a 40 MB question', path: '/v1/ask', contentType: 'application/json', status: 413, error: 'invalid_request' },
    { title: 'a 40 MB body on the token path', path: '/v1/token', status: 405, error: 'method_not_allowed' },
  ];
  for (const { title, path, head, secret: presented, contentType, status, error } of cases) {
    it(`S120 ${title}: a 40 MB body gets the broker's answer every time, never a reset`, async () => {
      const outcomes: Outcome[] = [];
      for (let attempt = 0; attempt < 3; attempt++) {
        outcomes.push(await send({ path, bytes: 40 * mb, ...(head ? { head } : {}), ...(presented ? { secret: presented } : {}), ...(contentType ? { contentType } : {}) }));
      }
      expect(outcomes).toEqual(Array.from({ length: 3 }, () => ({ status, error })));
    }, 60_000);
  }

  for (const [what, path, contentType, status] of [
    ['an upload', attachPath('failure.png'), 'application/octet-stream', 403],
    ['a question', '/v1/ask', 'application/json', 413],
  ] as const) {
    it(`S120 ${what} that keeps coming after its refusal is cut off after the byte limit, its answer sent first`, async () => {
      await startBroker({ maxBytes: 2 * mb, maxMs: 30_000 });
      const bot = rawPost(path, contentType, secret);
      const chunk = Buffer.alloc(64 * 1024);
      let sent = 0;
      // A raw socket that ignores the answer and never stops: the broker must not read it for ever.
      const pump = (): void => {
        while (!bot.socket.destroyed && bot.socket.writable) {
          sent += chunk.length;
          if (!bot.socket.write(`${chunk.length.toString(16)}\r\n${chunk.toString('latin1')}\r\n`, 'latin1')) return void bot.socket.once('drain', pump);
        }
      };
      pump();
      await bot.closed;
      expect(bot.received()).toMatch(new RegExp(`^HTTP/1\\.1 ${status} `));
      expect(sent).toBeLessThan(64 * mb);
    }, 15_000);
  }

  it('S120 a bot that stalls its body after its refusal does not hold the connection past the time limit', async () => {
    await startBroker({ maxBytes: 64 * mb, maxMs: 300 });
    const bot = rawPost(attachPath('failure.png'), 'application/octet-stream', secret);
    bot.socket.write(`10\r\n${Buffer.from(png).toString('latin1')}\r\n`, 'latin1');
    const started = Date.now();
    await bot.closed;
    expect(bot.received()).toMatch(/^HTTP\/1\.1 403 [^]*"error":"screenshots_not_allowed"/);
    expect(Date.now() - started).toBeLessThan(10_000);
  }, 15_000);
});

/** A chunked upload's head on a bare socket, which reads what comes back and never hangs up itself. */
function rawPost(path: string, contentType: string, presented: string): { socket: Socket; closed: Promise<void>; received: () => string } {
  const socket = connect({ host: '127.0.0.1', port });
  socket.on('error', () => undefined);
  let text = '';
  socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
  const closed = new Promise<void>((resolveClosed) => socket.once('close', () => resolveClosed()));
  socket.write(`POST ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: RunSecret ${presented}\r\nContent-Type: ${contentType}\r\nTransfer-Encoding: chunked\r\n\r\n`);
  return { socket, closed, received: () => text };
}
