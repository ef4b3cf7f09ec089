import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { Supervisor } from '../../app/supervisor.js';
import { SupervisorConnections } from '../../app/transport/supervisor-connections.js';
import { BrowserHostServer } from './browser-host-server.js';

/**
 * Cold start: the browser host serves the page before the core is composed. Requests that arrive
 * meanwhile wait for the core and are answered in order; a core that fails closes the socket.
 */
const quietLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function serve(supervisor: Promise<Supervisor>): Promise<BrowserHostServer> {
  const dir = await mkdtemp(join(tmpdir(), 'rpa-host-early-'));
  await writeFile(join(dir, 'index.html'), '<!doctype html><title>RPA Supervisor</title>');
  const server = await BrowserHostServer.start({ supervisor, rendererDir: dir, logger: quietLogger });
  cleanups.push(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });
  return server;
}

function stubSupervisor(answers: string[]): Supervisor {
  const connections = new SupervisorConnections();
  const invoke = async (command: string) => {
    answers.push(command);
    return { answeredFor: command } as never;
  };
  return {
    api: connections.open({ followAllLogs: true, invoke }).api,
    openConnection: () => connections.open({ followAllLogs: false, invoke }),
    scheme: 'uk.co.rpasupervisor.dev',
    sandbox: undefined,
    openDeepLink: async () => ({ kind: 'ignored' }) as never,
    deliverRedirect: async () => ({ kind: 'ignored' }) as never,
    recheck: () => undefined,
    policyChanged: async () => undefined,
    shutdown: async () => undefined,
  };
}

function open(server: BrowserHostServer): Promise<WebSocket> {
  const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws?k=${encodeURIComponent(server.pageSecret)}`, { origin: server.origin });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

describe('the browser host serves its page before the core is ready', () => {
  it('serves the page at once, and answers requests sent meanwhile, in order, once the core is up', async () => {
    let ready!: (supervisor: Supervisor) => void;
    const server = await serve(new Promise<Supervisor>((resolve) => (ready = resolve)));
    const page = await fetch(`${server.origin}/`);
    expect(page.status).toBe(200);
    const ws = await open(server);
    const responses: unknown[] = [];
    const twoAnswers = new Promise<void>((done) =>
      ws.on('message', (data) => {
        responses.push(JSON.parse(data.toString()));
        if (responses.length === 2) done();
      }),
    );
    ws.send(JSON.stringify({ kind: 'invoke', requestId: 1, command: 'getState', input: {} }));
    ws.send(JSON.stringify({ kind: 'invoke', requestId: 2, command: 'listRuns', input: {} }));
    const answered: string[] = [];
    ready(stubSupervisor(answered));
    await twoAnswers;
    expect(answered).toEqual(['getState', 'listRuns']);
    expect(responses.map((r) => (r as { requestId: number }).requestId).sort()).toEqual([1, 2]);
    ws.close();
  });

  it('closes the page socket with 1011 when the core cannot start', async () => {
    let fail!: (error: Error) => void;
    const server = await serve(new Promise<Supervisor>((_resolve, reject) => (fail = reject)));
    const ws = await open(server);
    const closed = new Promise<number>((done) => ws.once('close', (code) => done(code)));
    fail(new Error('the settings file is locked'));
    expect(await closed).toBe(1011);
  });
});
