import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { LinkResult, SupervisorEvents } from '../../app/common/contract.js';
import { errorView } from '../../app/common/error-view.js';
import { errorMessage } from '../../app/common/error-catalogue.js';
import { unknownLinkReasons, type DeepLink } from '../../app/deep-link/parse-deep-link.js';
import type { Supervisor } from '../../app/supervisor.js';
import { SupervisorConnections } from '../../app/transport/supervisor-connections.js';
import { BrowserHostServer } from './browser-host-server.js';

/**
 * The browser host's transport over real sockets. The core behind it is a small stand-in: this
 * file tests the transport's guards, not the core (which has its own integration tests).
 */
const delivered: DeepLink[] = [];
const warnings: string[] = [];
// The real connection fan-out, with a stand-in for the command handlers.
const connections = new SupervisorConnections();
const invoke = async (command: string) => {
  if (command === 'getState') return { marker: 'state' } as never;
  throw new Error('boom');
};
const supervisor = {
  api: connections.open({ followAllLogs: true, invoke }).api,
  openConnection: () => connections.open({ followAllLogs: false, invoke }),
  scheme: 'uk.co.rpasupervisor.dev',
  sandbox: undefined,
  openDeepLink: async (link: DeepLink): Promise<LinkResult> => {
    delivered.push(link);
    return link.kind === 'unknown'
      ? { kind: 'refused', error: errorView('invalid_redirect', link.reason) }
      : { kind: 'signedIn', profileId: 'sandbox', profileName: 'Local sandbox', user: { subject: 'demo', name: 'Dr Demo' } };
  },
  deliverRedirect: async () => Promise.reject(new Error('hosts hand over parsed links')),
  recheck: () => undefined,
  policyChanged: async () => undefined,
  shutdown: async () => undefined,
} satisfies Supervisor;

let dir: string;
let server: BrowserHostServer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rpa-host-'));
  await writeFile(
    join(dir, 'index.html'),
    '<!doctype html><title>RPA Supervisor</title><script type="module" crossorigin src="./assets/index-Ab12_x-Z.js"></script><link rel="stylesheet" href="./assets/index-Cc78Dd90.css">',
  );
  await mkdir(join(dir, 'assets'));
  await writeFile(join(dir, 'assets', 'index-Ab12_x-Z.js'), 'console.log("entry")');
  await writeFile(join(dir, 'assets', 'index-Cc78Dd90.css'), 'body { margin: 0 }');
  server = await BrowserHostServer.start({
    supervisor,
    rendererDir: dir,
    logger: { info: () => undefined, warn: (m, f) => void warnings.push(`${m} ${JSON.stringify(f ?? {})}`), error: () => undefined },
  });
});
afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

function http(path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: server.port, path, method: options.method ?? 'GET', headers: { host: `127.0.0.1:${server.port}`, ...options.headers } },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

function connect(options: { secret?: string; origin?: string } = {}) {
  const url = `ws://127.0.0.1:${server.port}/ws?k=${encodeURIComponent(options.secret ?? server.pageSecret)}`;
  return new WebSocket(url, { origin: options.origin ?? server.origin });
}

function firstMessage(ws: WebSocket): Promise<unknown> {
  return new Promise((resolve) => ws.once('message', (data) => resolve(JSON.parse(data.toString()))));
}

describe('BrowserHostServer', () => {
  it('serves the renderer with a strict CSP and no-referrer', async () => {
    const res = await http('/');
    expect(res.status).toBe(200);
    expect(res.body).toContain('RPA Supervisor');
    expect(String(res.headers['content-security-policy'])).toMatch(/script-src 'self'/);
    expect(String(res.headers['content-security-policy'])).not.toMatch(/unsafe-inline/);
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(String(res.headers['permissions-policy'])).toContain('geolocation=()');
  });

  it('S46 no response the browser may keep holds a secret; the page is never kept; every file has the same CSP', async () => {
    const page = await http('/');
    expect(page.headers['cache-control']).toBe('no-store');
    const responses = [page, await http('/assets/index-Ab12_x-Z.js'), await http('/assets/index-Cc78Dd90.css')];
    expect(responses.map((res) => res.headers['cache-control'])).toEqual(['no-store', 'public, max-age=31536000, immutable', 'public, max-age=31536000, immutable']);
    for (const res of responses) {
      expect(res.status).toBe(200);
      expect(res.headers['content-security-policy']).toBe(page.headers['content-security-policy']);
      const everything = `${JSON.stringify(res.headers)}${res.body}`;
      for (const secret of [server.pageSecret, server.handoffSecret]) expect(everything).not.toContain(secret);
    }
  });

  it('refuses a foreign Host (DNS rebinding), path traversal and non-GET', async () => {
    expect((await http('/', { headers: { host: 'evil.example' } })).status).toBe(403);
    expect((await http('/..%2f..%2fetc%2fpasswd')).status).toBe(404);
    expect((await http('/', { method: 'POST' })).status).toBe(405);
  });

  it('S46 refuses a WebSocket from another origin before it opens', async () => {
    const ws = connect({ origin: 'https://evil.example' });
    const status = await new Promise<number>((resolve) => ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)));
    expect(status).toBe(403);
    expect(warnings.some((w) => w.includes('host_or_origin'))).toBe(true);
  });

  it('closes a WebSocket with a wrong secret with 4401, reading nothing', async () => {
    const ws = connect({ secret: 'wrong' });
    const code = await new Promise<number>((resolve) => ws.once('close', (c) => resolve(c)));
    expect(code).toBe(4401);
  });

  it('carries commands and answers malformed requests with invalid_request (S46)', async () => {
    let answered = false;
    void server.pageAnswered.then(() => (answered = true));
    const ws = connect();
    await new Promise((resolve) => ws.once('open', resolve));
    // The network stack waits for this: a page's first answer.
    await Promise.resolve();
    expect(answered).toBe(false);
    ws.send(JSON.stringify({ kind: 'invoke', requestId: 1, command: 'getState', input: {} }));
    expect(await firstMessage(ws)).toEqual({ kind: 'result', requestId: 1, ok: true, value: { marker: 'state' } });
    await server.pageAnswered;
    expect(answered).toBe(true);
    ws.send('{not json');
    expect(await firstMessage(ws)).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    ws.send(JSON.stringify({ kind: 'invoke', requestId: 2, command: 'deleteEverything', input: {} }));
    expect(await firstMessage(ws)).toMatchObject({ requestId: 2, ok: false, error: { code: 'invalid_request' } });
    ws.send(JSON.stringify({ kind: 'invoke', requestId: 3, command: 'startRun', input: { botId: '<script>' } }));
    expect(await firstMessage(ws)).toMatchObject({ requestId: 3, ok: false, error: { code: 'invalid_request' } });
    ws.send(JSON.stringify({ kind: 'invoke', requestId: 4, command: 'stopAll', input: {} }));
    // An unexpected failure inside the core becomes a generic error, never a stack trace.
    expect(await firstMessage(ws)).toMatchObject({ requestId: 4, ok: false, error: { code: 'internal_error' } });
    ws.close();
  });

  it('answers a page\'s liveness ping at once with a pong carrying its time, and echoes nothing but a number', async () => {
    const ws = connect();
    await new Promise((resolve) => ws.once('open', resolve));
    ws.send(JSON.stringify({ kind: 'ping', at: 1_234 }));
    expect(await firstMessage(ws)).toEqual({ kind: 'pong', at: 1_234 });
    ws.send(JSON.stringify({ kind: 'ping', at: '<script>' }));
    expect(await firstMessage(ws)).toEqual({ kind: 'pong', at: 0 });
    ws.close();
  });

  it('pushes state to every page, and log lines only for the runs that page follows', async () => {
    const ws = connect();
    await new Promise((resolve) => ws.once('open', resolve));
    const state = firstMessage(ws);
    connections.emit('state', { marker: 'pushed' } as never);
    expect(await state).toEqual({ kind: 'event', event: 'state', payload: { marker: 'pushed' } });

    // Nothing followed yet: a flood on r1 costs this page nothing.
    expect(connections.isLogFollowed('r1')).toBe(false);
    ws.send(JSON.stringify({ kind: 'invoke', requestId: 7, command: 'followLogs', input: { runIds: ['r1'] } }));
    expect(await firstMessage(ws)).toEqual({ kind: 'result', requestId: 7, ok: true, value: null });
    expect(connections.isLogFollowed('r1')).toBe(true);

    const log = firstMessage(ws);
    const other: SupervisorEvents['log'] = { runId: 'r2', lines: [{ seq: 0, at: 1, stream: 'stdout', text: 'not followed' }] };
    const followed: SupervisorEvents['log'] = { runId: 'r1', lines: [{ seq: 0, at: 1, stream: 'stdout', text: 'followed' }] };
    connections.emit('log', other);
    connections.emit('log', followed);
    expect(await log).toEqual({ kind: 'event', event: 'log', payload: followed });

    const closed = new Promise((resolve) => ws.once('close', resolve));
    ws.close();
    await closed;
    await expect.poll(() => connections.isLogFollowed('r1')).toBe(false);
  });

  it('hands a deep link to the core only with the hand-off secret, as JSON, without an Origin', async () => {
    const body = JSON.stringify({ url: 'uk.co.rpasupervisor.dev://auth/callback?code=c&state=s' });
    const json = { 'content-type': 'application/json' };
    expect((await http('/handoff', { method: 'POST', headers: json, body })).status).toBe(401);
    expect(
      (await http('/handoff', { method: 'POST', headers: { ...json, 'x-rpa-handoff-secret': server.handoffSecret, origin: 'https://evil.example' }, body })).status,
    ).toBe(400);
    expect(
      (await http('/handoff', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-rpa-handoff-secret': server.handoffSecret }, body })).status,
    ).toBe(400);
    expect(delivered).toEqual([]);
    const ok = await http('/handoff', { method: 'POST', headers: { ...json, 'x-rpa-handoff-secret': server.handoffSecret }, body });
    expect(ok.status).toBe(200);
    // The launcher hears what became of the link, so it can say who is signed in.
    expect(JSON.parse(ok.body)).toEqual({ result: { kind: 'signedIn', profileId: 'sandbox', profileName: 'Local sandbox', user: { subject: 'demo', name: 'Dr Demo' } } });
    // Parsed once, here: the core receives the answer, not the URL.
    expect(delivered).toEqual([{ kind: 'authCallback', route: 'customScheme', state: 's', answer: { kind: 'code', search: '?code=c&state=s' } }]);
  });

  it('S8 a hand-off of a link that is not ours is refused with the reason, and the core is told', async () => {
    delivered.length = 0;
    const headers = { 'content-type': 'application/json', 'x-rpa-handoff-secret': server.handoffSecret };
    const foreign = await http('/handoff', { method: 'POST', headers, body: JSON.stringify({ url: 'https://evil.example/?code=SECRET-CODE' }) });
    expect(foreign.status).toBe(400);
    expect(JSON.parse(foreign.body)).toEqual({
      result: { kind: 'refused', error: { code: 'invalid_redirect', message: errorMessage('invalid_redirect', unknownLinkReasons.wrongScheme) } },
    });
    expect(foreign.body).not.toContain('SECRET-CODE');
    // One limit, in bytes: 8 KB of two-byte characters is refused although it is 4 K characters.
    const wide = `uk.co.rpasupervisor.dev://auth/callback?code=c&state=${'é'.repeat(4096)}`;
    const tooLong = await http('/handoff', { method: 'POST', headers, body: JSON.stringify({ url: wide }) });
    expect(JSON.parse(tooLong.body)).toMatchObject({ result: { kind: 'refused', error: { message: expect.stringContaining('it is longer than 8192 bytes') } } });
    expect(tooLong.status).toBe(400);
    expect(delivered.map((link) => link.kind)).toEqual(['unknown', 'unknown']);
  });
});
