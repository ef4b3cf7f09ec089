import { request as httpRequest, Agent, type IncomingHttpHeaders } from 'node:http';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeSessionAccess } from '../bots/testing/fake-session-access.js';
import { nullLogger } from '../ports/logger.js';
import { systemClock } from '../ports/clock.js';
import type { BrokerDenial } from './broker-denial.js';
import { TokenBroker } from './token-broker.js';

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown> | undefined;
}

let sessions: FakeSessionAccess;
let broker: TokenBroker;
let denials: BrokerDenial[];
let port: number;
const hour = 60 * 60 * 1000;

beforeEach(async () => {
  sessions = new FakeSessionAccess();
  denials = [];
  broker = new TokenBroker({ sessions, clock: systemClock, logger: nullLogger });
  broker.onDidDeny((event) => denials.push(event));
  await broker.start();
  port = Number(new URL(broker.url).port);
  sessions.signIn('sandbox', { accessToken: 'sandbox-token-0123456789', expiresAt: Date.now() + hour, supervisor: { subject: 'u1', name: 'Uma' } });
});

afterEach(async () => {
  await broker.close();
});

function call(options: { path?: string; method?: string; headers?: Record<string, string>; secret?: string; body?: string; agent?: Agent; setHost?: boolean } = {}): Promise<Reply> {
  const headers: Record<string, string> = { ...(options.secret === undefined ? {} : { authorization: `RunSecret ${options.secret}` }), ...options.headers };
  return new Promise((resolveReply, rejectReply) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, path: options.path ?? '/v1/token', method: options.method ?? 'GET', headers, agent: options.agent, setHost: options.setHost ?? true },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolveReply({ status: res.statusCode ?? 0, headers: res.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined });
        });
      },
    );
    req.on('error', rejectReply);
    req.end(options.body);
  });
}

function expectNoCors(reply: Reply): void {
  expect(Object.keys(reply.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
}

describe('TokenBroker', () => {
  it('serves the token to a live run with no-store caching and no CORS', async () => {
    const secret = broker.registerRun('run-1', 'sandbox');
    const reply = await call({ secret });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ access_token: 'sandbox-token-0123456789', token_type: 'Bearer', profile: 'sandbox', supervisor: { subject: 'u1', name: 'Uma' } });
    expect(reply.body?.expires_in).toBeGreaterThan(3500);
    expect(reply.headers['cache-control']).toBe('no-store');
    expectNoCors(reply);
    expect(denials).toEqual([]);
  });

  it('answers HEAD without a body and unknown paths with 404', async () => {
    const secret = broker.registerRun('run-1', 'sandbox');
    expect((await call({ secret, method: 'HEAD' })).body).toBeUndefined();
    expect((await call({ secret, path: '/v1/other' })).status).toBe(404);
    expect((await call({ secret, path: '/' })).status).toBe(404);
    expect(denials.map((d) => d.code)).toEqual(['not_found', 'not_found']);
  });

  it('S31 missing secret gets 401 not 500', async () => {
    const reply = await call();
    expect(reply.status).toBe(401);
    expect(reply.body?.error).toBe('invalid_secret');
    expect(reply.headers['www-authenticate']).toBe('RunSecret');
  });

  it('S31 wrong, wrong-length and malformed secrets get 401 not 500', async () => {
    const real = broker.registerRun('run-1', 'sandbox');
    const attempts = [
      { authorization: `RunSecret ${'A'.repeat(43)}` },
      { authorization: `RunSecret ${real.slice(0, 20)}` },
      { authorization: `RunSecret ${real}${real}` },
      { authorization: `RunSecret ${real.slice(0, 42)}é` },
      { authorization: `Bearer ${real}` },
      { authorization: 'RunSecret' },
      { authorization: '' },
    ];
    for (const headers of attempts) {
      const reply = await call({ headers });
      expect(reply.status, headers.authorization).toBe(401);
      expect(reply.body?.error).toBe('invalid_secret');
    }
    expect(denials.every((d) => d.code === 'invalid_secret' && d.runId === undefined)).toBe(true);
  });

  it('S32 a foreign Host header gets 403 (DNS rebinding)', async () => {
    const secret = broker.registerRun('run-1', 'sandbox');
    for (const host of ['evil.example', `evil.example:${port}`, `localhost:${port}`, '127.0.0.1', `127.0.0.1:${port + 1}`, `127.0.0.1:${port}.evil.example`]) {
      const reply = await call({ secret, headers: { host } });
      expect(reply.status, host).toBe(403);
      expect(reply.body?.error).toBe('forbidden_host');
      expect(reply.body?.access_token).toBeUndefined();
    }
    expect((await call({ secret, setHost: false })).status).toBe(403);
    expect(denials.filter((d) => d.code === 'forbidden_host')).toHaveLength(7);
  });

  it('S33 an Origin header is rejected and no CORS headers are sent', async () => {
    const secret = broker.registerRun('run-1', 'sandbox');
    for (const origin of ['https://evil.example', 'null', `http://127.0.0.1:${port}`]) {
      const reply = await call({ secret, headers: { origin } });
      expect(reply.status).toBe(403);
      expect(reply.body?.error).toBe('origin_not_allowed');
      expectNoCors(reply);
    }
  });

  it('S33 a form POST and a CORS preflight are rejected without CORS headers', async () => {
    const secret = broker.registerRun('run-1', 'sandbox');
    const form = await call({ method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `secret=${secret}` });
    expect(form.status).toBe(405);
    expect(form.headers.allow).toBe('GET, HEAD');
    expectNoCors(form);
    const preflight = await call({ method: 'OPTIONS', headers: { 'access-control-request-method': 'GET' } });
    expect(preflight.status).toBe(405);
    expectNoCors(preflight);
    const getWithBody = await call({ secret, headers: { 'content-type': 'text/plain', 'content-length': '1' }, body: 'x' });
    expect(getWithBody.status).toBe(400);
    expect(denials.map((d) => d.code)).toEqual(['method_not_allowed', 'method_not_allowed', 'body_not_allowed']);
  });

  it('S34 the secret of a finished run gets 401 run_finished', async () => {
    const secret = broker.registerRun('run-1', 'sandbox');
    expect((await call({ secret })).status).toBe(200);
    broker.revokeRun('run-1');
    const reply = await call({ secret });
    expect(reply.status).toBe(401);
    expect(reply.body?.error).toBe('run_finished');
    expect(denials).toEqual([{ runId: 'run-1', code: 'run_finished' }]);
  });

  it('S35 expired and signed-out sessions get distinct answers', async () => {
    const secret = broker.registerRun('run-1', 'sandbox');
    sessions.expire('sandbox');
    const expired = await call({ secret });
    expect([expired.status, expired.body?.error]).toEqual([401, 'session_expired']);
    sessions.signOut('sandbox');
    const signedOut = await call({ secret });
    expect([signedOut.status, signedOut.body?.error]).toEqual([401, 'signed_out']);
    expect(denials).toEqual([
      { runId: 'run-1', code: 'session_expired' },
      { runId: 'run-1', code: 'signed_out' },
    ]);
  });

  it('S35 waitMs resumes as soon as the session comes back', async () => {
    const secret = broker.registerRun('run-1', 'sandbox');
    sessions.expire('sandbox');
    const startedAt = Date.now();
    const pending = call({ secret, path: '/v1/token?waitMs=20000' });
    // Re-authenticate once the request is parked; an unrelated profile's change must not wake it.
    await until(hasWaiter);
    sessions.signIn('other', { accessToken: 'other-token-0123456789', expiresAt: Date.now() + hour });
    sessions.signIn('sandbox', { accessToken: 'fresh-token-0123456789', expiresAt: Date.now() + hour });
    const reply = await pending;
    expect(reply.status).toBe(200);
    expect(reply.body?.access_token).toBe('fresh-token-0123456789');
    expect(Date.now() - startedAt).toBeLessThan(10_000);
  });

  it('S35 waitMs gives up with the session answer after the bound, and run_finished on revoke', async () => {
    const secret = broker.registerRun('run-1', 'sandbox');
    sessions.signOut('sandbox');
    const timedOut = await call({ secret, path: '/v1/token?waitMs=150' });
    expect([timedOut.status, timedOut.body?.error]).toEqual([401, 'signed_out']);
    const pending = call({ secret, path: '/v1/token?waitMs=20000' });
    await until(hasWaiter);
    broker.revokeRun('run-1');
    const revoked = await pending;
    expect([revoked.status, revoked.body?.error]).toEqual([401, 'run_finished']);
  });

  it('S36 a token with less than minValidityMs left is refused with insufficient_validity', async () => {
    const secret = broker.registerRun('run-1', 'sandbox');
    expect((await call({ secret, path: `/v1/token?minValidityMs=${30 * 60 * 1000}` })).status).toBe(200);
    const reply = await call({ secret, path: `/v1/token?minValidityMs=${2 * hour}` });
    expect(reply.status).toBe(409);
    expect(reply.body).toMatchObject({ error: 'insufficient_validity' });
    expect(reply.body?.expiresAt).toBeTypeOf('number');
    expect(reply.body?.access_token).toBeUndefined();
    expect((await call({ secret, path: '/v1/token?minValidityMs=-1' })).status).toBe(400);
    expect((await call({ secret, path: '/v1/token?minValidityMs=abc' })).status).toBe(400);
  });

  it('S37 1000 concurrent requests from several runs each get their own profile', async () => {
    const runs = Array.from({ length: 5 }, (_, i) => {
      const profileId = `profile-${i}`;
      sessions.signIn(profileId, { accessToken: `token-for-${profileId}-0123456789`, expiresAt: Date.now() + hour, company: `company-${i}` });
      return { profileId, secret: broker.registerRun(`run-${i}`, profileId) };
    });
    const agent = new Agent({ keepAlive: true, maxSockets: 200 });
    try {
      const replies = await Promise.all(
        Array.from({ length: 1000 }, async (_, i) => {
          const run = runs[i % runs.length]!;
          return { run, reply: await call({ secret: run.secret, agent }) };
        }),
      );
      for (const { run, reply } of replies) {
        expect(reply.status).toBe(200);
        expect(reply.body).toMatchObject({ access_token: `token-for-${run.profileId}-0123456789`, profile: run.profileId, company: `company-${run.profileId.slice(-1)}` });
      }
    } finally {
      agent.destroy();
    }
  });

  it('close() answers parked requests and stops listening', async () => {
    const secret = broker.registerRun('run-1', 'sandbox');
    sessions.expire('sandbox');
    const pending = call({ secret, path: '/v1/token?waitMs=20000' });
    await until(hasWaiter);
    await broker.close();
    expect((await pending).body?.error).toBe('run_finished');
    await expect(call({ secret, agent: new Agent() })).rejects.toThrow(/ECONNREFUSED/);
  });
});

function hasWaiter(): boolean {
  return broker.waitingCount > 0;
}

async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  await vi.waitFor(() => expect(condition()).toBe(true), { timeout: timeoutMs, interval: 5 });
}
