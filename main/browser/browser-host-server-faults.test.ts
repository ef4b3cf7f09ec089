import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect as connectTcp } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { Supervisor } from '../../app/supervisor.js';
import { SupervisorConnections } from '../../app/transport/supervisor-connections.js';
import { BrowserHostServer } from './browser-host-server.js';

/**
 * The browser host must outlive whatever reaches its loopback port: a request it cannot parse, a
 * message over its size limit, a page that stops reading. Any of these used to throw where
 * nothing caught it, which stops the host and every run it supervises.
 */
const connections = new SupervisorConnections();
const invoked: { command: string; input: unknown }[] = [];
const invoke = async (command: string, input: unknown) => {
  invoked.push({ command, input });
  return { imported: 0, problems: [] } as never;
};
const supervisor = {
  api: connections.open({ followAllLogs: true, invoke }).api,
  openConnection: () => connections.open({ followAllLogs: false, invoke }),
  scheme: 'uk.co.rpasupervisor.dev',
} as unknown as Supervisor;

const warnings: string[] = [];
const uncaught: unknown[] = [];
const onUncaught = (error: unknown) => void uncaught.push(error);
let dir: string;
let server: BrowserHostServer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rpa-host-faults-'));
  await writeFile(join(dir, 'index.html'), '<!doctype html><title>RPA Supervisor</title>');
  server = await BrowserHostServer.start({
    supervisor,
    rendererDir: dir,
    logger: { info: () => undefined, warn: (m, f) => void warnings.push(`${m} ${JSON.stringify(f ?? {})}`), error: () => undefined },
    maxBufferedBytes: 1024 * 1024,
  });
});
afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});
beforeEach(() => {
  uncaught.length = 0;
  process.on('uncaughtException', onUncaught);
});
afterEach(() => void process.off('uncaughtException', onUncaught));

async function openPage(): Promise<WebSocket> {
  const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws?k=${server.pageSecret}`, { origin: server.origin });
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  return ws;
}

function nextMessage(ws: WebSocket): Promise<unknown> {
  return new Promise((resolve) => ws.once('message', (data) => resolve(JSON.parse(data.toString()))));
}

/** Sends raw bytes and resolves with the first line of the answer ('' when the connection closes without one). */
function rawRequest(text: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = connectTcp(server.port, '127.0.0.1', () => socket.write(text));
    let answer = '';
    socket.on('data', (chunk) => {
      answer += chunk.toString();
      if (answer.includes('\r\n')) socket.destroy();
    });
    socket.on('close', () => resolve(answer.split('\r\n')[0] ?? ''));
    socket.on('error', () => undefined);
  });
}

async function stillServing(): Promise<void> {
  const ws = await openPage();
  const answer = nextMessage(ws);
  ws.send(JSON.stringify({ kind: 'ping', at: 7 }));
  expect(await answer).toEqual({ kind: 'pong', at: 7 });
  ws.close();
}

describe('BrowserHostServer under faults', () => {
  it('S100 a WebSocket handshake with a request target that is not a URL is refused, and the host keeps serving', async () => {
    const handshake = (target: string) =>
      `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nOrigin: ${server.origin}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n` +
      'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n';
    expect(await rawRequest(handshake('http://['))).toMatch(/^HTTP\/1\.1 40[03]/);
    expect(await rawRequest(`GET //[ HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\n\r\n`)).toMatch(/^HTTP\/1\.1 400/);
    expect(uncaught).toEqual([]);
    await stillServing();
  });

  it('S100 a client without the secret that sends a malformed frame during its 4401 close cannot stop the host', async () => {
    const handshake =
      `GET /ws?k=wrong HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nOrigin: ${server.origin}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n` +
      'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n';
    // In the same write: a masked frame with the reserved opcode 3, which ws rejects with an error.
    const frame = Buffer.from([0x83, 0x80, 1, 2, 3, 4]);
    const answered = await new Promise<string>((resolve) => {
      const socket = connectTcp(server.port, '127.0.0.1', () => socket.write(Buffer.concat([Buffer.from(handshake), frame])));
      let answer = '';
      socket.on('data', (chunk) => void (answer += chunk.toString('latin1')));
      socket.on('close', () => resolve(answer));
      socket.on('error', () => undefined);
    });
    expect(answered).toMatch(/^HTTP\/1\.1 101/);
    expect(uncaught).toEqual([]);
    await stillServing();
  });

  it('S100 carries the largest profile import the page may send, and closes (not crashes on) a message over the limit', async () => {
    const ws = await openPage();
    const answer = nextMessage(ws);
    // The settings page reads an import file of up to 1,000,000 characters (profile-import.tsx).
    const json = `[${'{"id":"p"},'.repeat(90_908)}{}]`;
    expect(json.length).toBeLessThanOrEqual(1_000_000);
    ws.send(JSON.stringify({ kind: 'invoke', requestId: 1, command: 'importProfiles', input: { json } }));
    expect(await answer).toMatchObject({ kind: 'result', requestId: 1, ok: true });
    expect(invoked.at(-1)).toEqual({ command: 'importProfiles', input: { json } });

    const closed = new Promise<number>((resolve) => ws.once('close', resolve));
    ws.send('x'.repeat(16 * 1024 * 1024));
    expect(await closed).toBe(1009);
    expect(uncaught).toEqual([]);
    await stillServing();
  });

  it('S100 drops a page that stops reading instead of buffering its events without bound', async () => {
    const ws = await openPage();
    const followed = nextMessage(ws);
    ws.send(JSON.stringify({ kind: 'invoke', requestId: 2, command: 'followLogs', input: { runIds: ['r1'] } }));
    await followed;
    // A hung tab: its socket is never read again.
    ws.pause();
    const text = 'x'.repeat(64 * 1024);
    for (let seq = 0; seq < 200; seq += 1) connections.emit('log', { runId: 'r1', lines: [{ seq, at: seq, stream: 'stdout', text }] });
    await expect.poll(() => server.connectedClients).toBe(0);
    expect(warnings.some((w) => w.includes('stopped reading'))).toBe(true);
    ws.terminate();
    await stillServing();
  });
});
