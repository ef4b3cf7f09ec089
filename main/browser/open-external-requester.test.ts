import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { nullLogger } from '../../app/ports/logger.js';
import type { Supervisor } from '../../app/supervisor.js';
import { SupervisorConnections } from '../../app/transport/supervisor-connections.js';
import { BrowserHostServer } from './browser-host-server.js';

/**
 * Which page opens the provider's tab: with two tabs on one host, Sign in in one must open one
 * tab, from that page, not one from every page. The stand-in core opens the tab a moment after
 * the command arrives, as the sign-in service does after discovery.
 */
let server: BrowserHostServer;
let dir: string;
const connections = new SupervisorConnections();
const invoke = async (command: string) => {
  if (command !== 'signIn') return { marker: 'state' } as never;
  await delay(20);
  server.askPageToOpenTab('https://idp.example/authorize?state=1');
  return undefined as never;
};
const supervisor = {
  api: connections.open({ followAllLogs: true, invoke }).api,
  openConnection: () => connections.open({ followAllLogs: false, invoke }),
  scheme: 'uk.co.rpasupervisor.dev',
  sandbox: undefined,
  openDeepLink: async () => Promise.reject(new Error('not used')),
  deliverRedirect: async () => Promise.reject(new Error('not used')),
  recheck: () => undefined,
  policyChanged: async () => undefined,
  shutdown: async () => undefined,
} satisfies Supervisor;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rpa-host-'));
  await writeFile(join(dir, 'index.html'), '<!doctype html><title>RPA Supervisor</title>');
  server = await BrowserHostServer.start({ supervisor, rendererDir: dir, logger: nullLogger });
});
afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

interface Page {
  socket: WebSocket;
  received: Array<{ kind: string; event?: string; requestId?: number }>;
}

async function openPage(): Promise<Page> {
  const socket = new WebSocket(`ws://127.0.0.1:${server.port}/ws?k=${encodeURIComponent(server.pageSecret)}`, { origin: server.origin });
  const page: Page = { socket, received: [] };
  socket.on('message', (data) => page.received.push(JSON.parse(String(data)) as Page['received'][number]));
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  return page;
}

const opens = (page: Page) => page.received.filter((message) => message.event === 'openExternal').length;

describe('BrowserHostServer.askPageToOpenTab', () => {
  it('sends the tab to open to the page whose command asked for it, not to every page', async () => {
    const [first, second] = [await openPage(), await openPage()];
    second.socket.send(JSON.stringify({ kind: 'invoke', requestId: 7, command: 'signIn', input: { profileId: 'sandbox' } }));
    await expect.poll(() => second.received.some((message) => message.requestId === 7)).toBe(true);
    // The other page gets a state event's worth of time; it must still have opened nothing.
    first.socket.send(JSON.stringify({ kind: 'invoke', requestId: 8, command: 'getState', input: {} }));
    await expect.poll(() => first.received.some((message) => message.requestId === 8)).toBe(true);
    expect([opens(first), opens(second)]).toEqual([0, 1]);
    first.socket.close();
    second.socket.close();
  });

  it('sends it to every page when no page asked (a hand-off, or a timer in the core)', async () => {
    const [first, second] = [await openPage(), await openPage()];
    server.askPageToOpenTab('https://idp.example/authorize?state=2');
    await expect.poll(() => [opens(first), opens(second)]).toEqual([1, 1]);
    first.socket.close();
    second.socket.close();
  });
});
