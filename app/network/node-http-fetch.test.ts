import { createServer, type Server, type Socket } from 'node:net';
import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { createNodeNetwork, type NodeNetwork } from './node-http-fetch.js';
import { networkSupervisorError } from './network-error-mapping.js';

/**
 * The undici stack against proxies that misbehave without being down: one that accepts the
 * connection and then never answers the tunnel request (S105), and a proxy setting that is not a
 * usable proxy URL (S106).
 */
const request = { method: 'GET', headers: {}, redirect: 'manual' } as const;
const provider = 'https://auth.clinic.example/token?client_secret=never-shown';

interface StalledProxy {
  url: string;
  /** Resolves when the proxy has received a request (the CONNECT line) on some connection. */
  asked: Promise<string>;
  /** Connections the proxy has that are still open. */
  open(): number;
  /** Resolves once every connection it accepted has closed. */
  allClosed(): Promise<void>;
  server: Server;
}

const started: { server: Server; sockets: Set<Socket> }[] = [];
const networks: NodeNetwork[] = [];

async function stalledProxy(): Promise<StalledProxy> {
  const sockets = new Set<Socket>();
  const closed: Promise<void>[] = [];
  let markAsked: (line: string) => void = () => undefined;
  const asked = new Promise<string>((resolve) => (markAsked = resolve));
  const server = createServer((socket) => {
    sockets.add(socket);
    closed.push(new Promise((resolve) => socket.once('close', () => resolve())));
    socket.once('close', () => sockets.delete(socket));
    // Reads the request and never answers it: a proxy stuck behind a dead upstream or a full queue.
    socket.on('data', (data) => markAsked(data.toString('latin1').split('\r\n')[0] ?? ''));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  started.push({ server, sockets });
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, asked, open: () => sockets.size, allClosed: async () => void (await Promise.all(closed)), server };
}

function network(options: Parameters<typeof createNodeNetwork>[0]): NodeNetwork {
  const made = createNodeNetwork(options);
  networks.push(made);
  return made;
}

/** `promise`'s outcome, or 'still pending' once `ms` have passed: a bound on a wait, not a sleep. */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | 'still pending'> {
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<'still pending'>((resolve) => (timer = setTimeout(() => resolve('still pending'), ms)));
  try {
    return await Promise.race([promise, bound]);
  } finally {
    clearTimeout(timer);
  }
}

afterEach(async () => {
  for (const made of networks.splice(0)) await within(made.close(), 2000);
  for (const { server, sockets } of started.splice(0)) {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  }
});

describe('the browser host network stack against a proxy that never answers (S105)', () => {
  it('S105 a request with no deadline of its own fails within the connect bound, naming the proxy, and leaves no socket open', async () => {
    const proxy = await stalledProxy();
    const { fetch } = network({ env: { HTTPS_PROXY: proxy.url }, connectTimeoutMs: 400 });
    const outcome = await within(
      fetch(provider, request).then(
        () => 'answered',
        (error: unknown) => error,
      ),
      5000,
    );
    expect(await proxy.asked).toBe('CONNECT auth.clinic.example:443 HTTP/1.1');
    // Before the fix the tunnel request waited for undici's 300 s header timeout.
    expect(outcome).not.toBe('still pending');
    expect(networkSupervisorError(outcome)).toMatchObject({ code: 'proxy_unreachable' });
    expect(networkSupervisorError(outcome)?.message).toContain(new URL(proxy.url).host);
    expect(await within(proxy.allClosed(), 2000)).not.toBe('still pending');
  });

  it('S105 an aborted request leaves no tunnel open, and close() returns at once', async () => {
    const proxy = await stalledProxy();
    // The default 10 s connect bound: close() must not wait for it either.
    const made = network({ env: { HTTPS_PROXY: proxy.url } });
    const controller = new AbortController();
    const pending = made.fetch(provider, { ...request, signal: controller.signal }).catch((error: unknown) => error);
    await proxy.asked;
    controller.abort();
    expect(await pending).toMatchObject({ name: 'AbortError' });
    expect(await within(made.close(), 2000)).not.toBe('still pending');
    expect(await within(proxy.allClosed(), 2000)).not.toBe('still pending');
    expect(proxy.open()).toBe(0);
  });
});

describe('a proxy setting that is not a usable proxy URL (S106)', () => {
  it.each([
    ['an unsupported scheme', 'ftp://clinic:pa55word-S106@proxy.clinic.example:2121', 'proxy.clinic.example:2121'],
    ['a password with a broken %-escape', 'http://clinic:pa55word-S106%E0%A4%A@proxy.clinic.example:3128', 'proxy.clinic.example:3128'],
    ['an address that does not parse', 'http://clinic:pa55word-S106@[proxy.clinic.example:3128', 'the proxy'],
  ])('S106 %s: proxy_unreachable naming the proxy, never its password, and never the provider as the cause', async (_case, setting, named) => {
    const { fetch } = network({ env: { HTTPS_PROXY: setting } });
    const error = await fetch(provider, request).catch((e: unknown) => e);
    const mapped = networkSupervisorError(error);
    expect(mapped).toMatchObject({ code: 'proxy_unreachable' });
    expect(mapped?.message).toContain(named);
    expect(mapped?.message).toContain('auth.clinic.example');
    // Nothing kept on the error (its causes included) holds the password or the request's query.
    const everything = inspect(error, { depth: 10, showHidden: true });
    expect(everything).not.toContain('pa55word');
    expect(everything).not.toContain('never-shown');
  });
});
