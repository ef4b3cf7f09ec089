import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuthCallback } from '../deep-link/parse-deep-link.js';
import { nullLogger } from '../ports/logger.js';
import { freeLoopbackPort } from '../test-support/free-port.js';
import { LoopbackListener } from './loopback-listener.js';

interface Hit {
  status: number;
  body: string;
  csp: string | undefined;
}

function hit(port: number, path: string, options: { host?: string; method?: string; address?: string } = {}): Promise<Hit> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: options.address ?? '127.0.0.1', port, path, method: options.method ?? 'GET', headers: { host: options.host ?? `127.0.0.1:${port}` } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, csp: res.headers['content-security-policy'] as string | undefined }));
      },
    );
    req.once('error', reject);
    req.end();
  });
}

const opened: LoopbackListener[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((listener) => listener.close()));
});

async function open(deliver: (link: AuthCallback) => Promise<boolean> = async () => true, port = 0) {
  const delivered: AuthCallback[] = [];
  const listener = await LoopbackListener.open({
    port,
    path: '/callback',
    expectedState: 'the-state',
    logger: nullLogger,
    deliver: async (link) => {
      delivered.push(link);
      return deliver(link);
    },
  });
  opened.push(listener);
  return { listener, delivered };
}

describe('LoopbackListener', () => {
  it('S9 a server error after binding closes the listener instead of ending the process, however many come', async () => {
    const { listener } = await open();
    const server = (listener as unknown as { server: import('node:http').Server }).server;
    const emfile = Object.assign(new Error('accept EMFILE'), { code: 'EMFILE' });
    expect(() => {
      server.emit('error', emfile);
      server.emit('error', emfile);
    }).not.toThrow();
    await expect.poll(() => listener.closed).toBe(true);
  });

  it('answers one good hit with a self-contained "you can close this tab" page, then closes', async () => {
    const { listener, delivered } = await open();
    expect(listener.redirectUri).toBe(`http://127.0.0.1:${listener.port}/callback`);
    const answer = await hit(listener.port, '/callback?code=c0de&state=the-state&iss=x');
    expect(answer.status).toBe(200);
    expect(answer.body).toContain('You can close this tab');
    expect(answer.body).not.toMatch(/<script|https?:\/\//);
    expect(answer.csp).toMatch(/default-src 'none'/);
    // Parsed once, here: the sign-in step receives the answer, not the URL.
    expect(delivered).toEqual([{ kind: 'authCallback', route: 'loopback', state: 'the-state', answer: { kind: 'code', search: '?code=c0de&state=the-state&iss=x' } }]);
    await expect.poll(() => listener.closed).toBe(true);
    await expect(hit(listener.port, '/callback?code=c0de&state=the-state')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('S10 a wrong path, a wrong Host, another state or a POST gets an error page and nothing happens', async () => {
    const { listener, delivered } = await open();
    const wrongPath = await hit(listener.port, '/other?code=c&state=the-state');
    const wrongHost = await hit(listener.port, '/callback?code=c&state=the-state', { host: `evil.example:${listener.port}` });
    const localhostHost = await hit(listener.port, '/callback?code=c&state=the-state', { host: `localhost:${listener.port}` });
    const wrongState = await hit(listener.port, '/callback?code=c&state=forged');
    const post = await hit(listener.port, '/callback?code=c&state=the-state', { method: 'POST' });
    expect([wrongPath.status, wrongHost.status, localhostHost.status, wrongState.status, post.status]).toEqual([404, 400, 400, 400, 405]);
    for (const answer of [wrongPath, wrongHost, wrongState, post]) {
      expect(answer.body).toContain('This link did not sign you in');
      expect(answer.csp).toMatch(/default-src 'none'/);
    }
    expect(delivered).toEqual([]);
    expect(listener.closed).toBe(false);
    expect((await hit(listener.port, '/callback?code=c&state=the-state')).status).toBe(200);
  });

  it('S10 a malformed answer on the right path is refused and does not use the listener up', async () => {
    const { listener, delivered } = await open();
    const repeated = await hit(listener.port, '/callback?code=a&code=b&state=the-state');
    const absolute = await hit(listener.port, 'http://evil.example/callback?code=c&state=the-state');
    expect([repeated.status, absolute.status]).toEqual([400, 404]);
    expect(repeated.body).toContain('This link did not sign you in');
    expect(delivered).toEqual([]);
    expect((await hit(listener.port, '/callback?code=c&state=the-state')).status).toBe(200);
  });

  it('S10 a second hit while the first is being redeemed gets an error page and is not delivered', async () => {
    let finish: (value: boolean) => void = () => undefined;
    const { listener, delivered } = await open(() => new Promise<boolean>((resolve) => (finish = resolve)));
    const first = hit(listener.port, '/callback?code=one&state=the-state');
    await expect.poll(() => delivered.length).toBe(1);
    const second = await hit(listener.port, '/callback?code=two&state=the-state');
    expect(second.status).toBe(410);
    expect(second.body).toContain('already received');
    finish(true);
    expect((await first).status).toBe(200);
    expect(delivered).toHaveLength(1);
  });

  it('S9 a browser that drops the connection during the exchange still closes the listener, freeing a fixed port', async () => {
    let finish: (value: boolean) => void = () => undefined;
    const port = await freeLoopbackPort();
    const { listener, delivered } = await open(() => new Promise<boolean>((resolve) => (finish = resolve)), port);
    const req = request({ host: '127.0.0.1', port, path: '/callback?code=c&state=the-state', headers: { host: `127.0.0.1:${port}` } });
    const gone = new Promise((resolve) => req.once('close', resolve));
    req.once('error', () => undefined);
    req.end();
    await expect.poll(() => delivered.length).toBe(1);
    // The user closes the tab while the code is being redeemed.
    req.destroy();
    await gone;
    finish(true);
    await expect.poll(() => listener.closed).toBe(true);
    // The next sign-in on the same fixed port can listen again.
    await expect(open(async () => true, port)).resolves.toMatchObject({ listener: { port } });
  });

  it('a failed sign-in tells the browser to go back to the app', async () => {
    const { listener } = await open(async () => false);
    const answer = await hit(listener.port, '/callback?error=access_denied&state=the-state');
    expect(answer.status).toBe(400);
    expect(answer.body).toContain('Return to RPA Supervisor');
  });

  it('S10 binds 127.0.0.1 only: other local addresses refuse the connection', async () => {
    const { listener } = await open();
    const interfaces = Object.values(networkInterfaces())
      .flat()
      .filter((i) => i !== undefined && !(i.family === 'IPv4' && i.address === '127.0.0.1'))
      .map((i) => (i?.family === 'IPv6' ? i.address.split('%')[0] : i?.address) as string);
    const others = [...new Set(['::1', '127.0.0.2', ...interfaces])];
    for (const address of others) {
      await expect(hit(listener.port, '/callback?code=c&state=the-state', { address })).rejects.toMatchObject({
        code: expect.stringMatching(/ECONNREFUSED|EADDRNOTAVAIL|EINVAL|ENETUNREACH|EAFNOSUPPORT/),
      });
    }
  });

  it('a fixed port that is taken gives a clear error', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as AddressInfo).port;
    try {
      await expect(open(async () => true, port)).rejects.toMatchObject({ code: 'loopback_port_busy', message: expect.stringContaining(String(port)) });
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});
