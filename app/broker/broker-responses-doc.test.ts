import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeSessionAccess } from '../bots/testing/fake-session-access.js';
import { RunControls } from '../bots/run-controls.js';
import type { TokenGrant } from '../bots/session-access.js';
import { effectiveSupervision } from '../policy/supervision-policy.js';
import { systemClock } from '../ports/clock.js';
import { nullLogger } from '../ports/logger.js';
import { Supervision } from '../supervision/supervision.js';
import { FakeClock } from '../test-support/fake-clock.js';
import { readBotsDoc } from '../test-support/markdown-code-block.js';
import { defaultMaxWaitMs, TokenBroker } from './token-broker.js';

/*
 * docs/bots.md §4 "Responses", read as a program reads it: each row's status and code is what the
 * real broker answers when that case is provoked, and the 200 body has the keys the row lists.
 */
const doc = readBotsDoc();
const hour = 3_600_000;

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
}

/** The rows of the first Markdown table after the line holding `marker`, as cells (header dropped). */
function tableAfter(marker: string): string[][] {
  const lines = doc.split('\n');
  const start = lines.findIndex((line) => line.includes(marker));
  const first = lines.findIndex((line, index) => index > start && line.startsWith('|'));
  const end = lines.findIndex((line, index) => index > first && !line.startsWith('|'));
  return lines.slice(first + 2, end).map((line) => line.split('|').slice(1, -1).map((cell) => cell.trim()));
}

let sessions: FakeSessionAccess;
let broker: TokenBroker;
let supervision: Supervision;
let port: number;

beforeEach(async () => {
  sessions = new FakeSessionAccess();
  const controls = new RunControls();
  supervision = new Supervision({ clock: systemClock, policy: effectiveSupervision({ idleAfterMs: 0 }), controls, runContext: (runId) => controls.context(runId) });
  const artifacts = { attach: () => Promise.reject(new Error('no upload reaches the store in these tests')) };
  broker = new TokenBroker({ sessions, clock: systemClock, logger: nullLogger, gate: supervision, artifacts });
  await broker.start();
  port = Number(new URL(broker.url).port);
  sessions.signIn('sandbox', { accessToken: 'docs-token-0123456789', expiresAt: Date.now() + hour, company: 'demo-clinic-1001' });
});

afterEach(async () => {
  supervision.dispose();
  await broker.close();
});

function call(options: { port?: number; path?: string; method?: string; secret?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  const headers = { ...(options.secret === undefined ? {} : { authorization: `RunSecret ${options.secret}` }), ...options.headers };
  return new Promise((resolveReply, rejectReply) => {
    const req = httpRequest({ host: '127.0.0.1', port: options.port ?? port, path: options.path ?? '/v1/token', method: options.method ?? 'GET', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolveReply({ status: res.statusCode ?? 0, headers: res.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown> }));
    });
    req.on('error', rejectReply);
    req.end(options.body);
  });
}

/** Answers one `tokenFor` with `grant` (or throws), then the session answers as before. */
function nextGrant(grant: TokenGrant | Error): void {
  const own = sessions.tokenFor.bind(sessions);
  sessions.tokenFor = () => {
    sessions.tokenFor = own;
    if (grant instanceof Error) throw grant;
    return grant;
  };
}

const provoke: Record<string, () => Promise<Reply>> = {
  invalid_secret: () => call(),
  run_finished: () => {
    const secret = broker.registerRun('run-done', 'sandbox');
    broker.revokeRun('run-done');
    return call({ secret });
  },
  session_expired: () => {
    sessions.signIn('expired', { accessToken: 'expired-token-0123456789', expiresAt: Date.now() + hour });
    sessions.expire('expired');
    return call({ secret: broker.registerRun('run-expired', 'expired') });
  },
  signed_out: () => call({ secret: broker.registerRun('run-nobody', 'nobody') }),
  company_not_yours: () => {
    nextGrant({ ok: false, code: 'company_not_yours', message: 'This company was connected by someone else.' });
    return call({ secret: broker.registerRun('run-company', 'sandbox') });
  },
  company_not_connected: () => {
    nextGrant({ ok: false, code: 'company_not_connected', message: 'The company demo-clinic-1001 is not connected.' });
    return call({ secret: broker.registerRun('run-removed', 'sandbox') });
  },
  company_token_pending: () => {
    nextGrant({ ok: false, code: 'company_token_pending', message: 'A token for company demo-clinic-1001 is being obtained.' });
    return call({ secret: broker.registerRun('run-pending', 'sandbox') });
  },
  company_unavailable: () => {
    nextGrant({ ok: false, code: 'company_unavailable', reason: 'company_consent_withdrawn', message: 'Company demo-clinic-1001 no longer allows RPA Supervisor to act for it.' });
    return call({ secret: broker.registerRun('run-withdrawn', 'sandbox') });
  },
  insufficient_validity: () => call({ secret: broker.registerRun('run-short', 'sandbox'), path: `/v1/token?minValidityMs=${2 * hour}` }),
  invalid_request: () => call({ secret: broker.registerRun('run-bad', 'sandbox'), path: '/v1/token?waitMs=soon' }),
  body_not_allowed: () => call({ secret: broker.registerRun('run-body', 'sandbox'), headers: { 'content-type': 'text/plain', 'content-length': '1' }, body: 'x' }),
  forbidden_host: () => call({ secret: broker.registerRun('run-host', 'sandbox'), headers: { host: `localhost:${port}` } }),
  origin_not_allowed: () => call({ secret: broker.registerRun('run-origin', 'sandbox'), headers: { origin: 'https://evil.example' } }),
  not_found: () => call({ secret: broker.registerRun('run-path', 'sandbox'), path: '/v2/token' }),
  method_not_allowed: () => call({ secret: broker.registerRun('run-put', 'sandbox'), method: 'PUT' }),
  internal_error: () => {
    nextGrant(new Error('the session store failed'));
    return call({ secret: broker.registerRun('run-broken', 'sandbox') });
  },
};

describe('docs/bots.md "Responses" against the real broker', () => {
  const rows = tableAfter('### Responses');

  it('the 200 row lists exactly the keys of a token answer', async () => {
    const [status, body] = rows[0] as [string, string];
    expect(status).toBe('200');
    const topLevel = body.replace(/^`\{|\}`$/g, '').replace(/\{[^}]*\}/g, '');
    const keys = topLevel.split(',').map((part) => (part.split(':')[0] as string).trim().replace(/\?$/, ''));
    const reply = await call({ secret: broker.registerRun('run-ok', 'sandbox') });
    expect(reply.status).toBe(200);
    expect(Object.keys(reply.body).sort()).toEqual(keys.sort());
    expect(reply.body).toMatchObject({ token_type: 'Bearer', supervisor: { subject: 'demo-user', name: 'Demo User' } });
    expect(reply.headers['cache-control']).toBe('no-store');
  });

  it.each(rows.slice(1).flatMap(([status, body]) => [...(body ?? '').matchAll(/`(\w+)`/g)].map((match) => [match[1] as string, Number(status)] as const)))(
    '%s is answered with HTTP %i, as JSON that is never cached',
    async (code, status) => {
      const answer = provoke[code];
      if (!answer) throw new Error(`docs/bots.md lists ${code}, which this test cannot provoke yet: add it to \`provoke\`.`);
      const reply = await answer();
      expect([reply.status, reply.body.error]).toEqual([status, code]);
      expect(reply.body.message).toBeTypeOf('string');
      expect(reply.headers['content-type']).toMatch(/^application\/json/);
      expect(reply.headers['cache-control']).toBe('no-store');
      if (code === 'invalid_secret') expect(reply.headers['www-authenticate']).toBe('RunSecret');
    },
  );

  it('the 405 row names every broker path that takes a POST, and only those', async () => {
    const row = rows.find(([status]) => status === '405');
    const named = new Set([...(row?.[2] ?? '').matchAll(/`(\/v1\/[a-z]+)`/g)].map((match) => match[1]));
    const paths = [...new Set([...doc.matchAll(/\/v1\/[a-z]+/g)].map((match) => match[0]))];
    expect(paths).toEqual(expect.arrayContaining(['/v1/token', '/v1/checkpoint', '/v1/ask', '/v1/artifacts']));
    const secret = broker.registerRun('run-post', 'sandbox');
    for (const path of paths) {
      const reply = await call({ path, method: 'POST', secret, headers: { 'content-type': 'application/json' }, body: '{}' });
      // Paths only the page may use are refused whatever the method (S57).
      if (reply.body.error === 'supervisor_only') continue;
      expect({ path, takesPost: reply.status !== 405 }).toEqual({ path, takesPost: named.has(path) });
    }
  });

  it('every "capped at N" for waitMs is the broker\'s bound: a longer wait is held, and answered at the cap', async () => {
    const caps = [...doc.matchAll(/`waitMs`[^.]*?capped at (\d+)/g)].map((match) => Number(match[1]));
    expect(caps.length).toBeGreaterThan(0);
    for (const cap of caps) expect(cap).toBe(defaultMaxWaitMs);
    const clock = new FakeClock();
    const held = new TokenBroker({ sessions, clock, logger: nullLogger });
    await held.start();
    try {
      const secret = held.registerRun('run-long', 'nobody');
      const pending = call({ port: Number(new URL(held.url).port), secret, path: `/v1/token?waitMs=${10 * defaultMaxWaitMs}` });
      await vi.waitFor(() => expect(held.waitingCount).toBe(1));
      clock.advance(defaultMaxWaitMs - 1);
      expect(held.waitingCount).toBe(1);
      clock.advance(1);
      expect([(await pending).status, (await pending).body.error]).toEqual([401, 'signed_out']);
    } finally {
      await held.close();
    }
  });
});
