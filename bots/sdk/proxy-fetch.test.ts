import { spawn } from 'node:child_process';
import { createServer as createHttpServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { proxyFromEnvironment } from './proxy-fetch.mjs';

/** The SDK's reading of the clinic proxy variables, as curl and the supervisor's own network stack read them (S50). */
describe('proxyFromEnvironment', () => {
  it('S50 a proxy named without a scheme (HTTPS_PROXY=host:port) is an http:// proxy, as curl takes it', () => {
    expect(proxyFromEnvironment({ HTTPS_PROXY: 'proxy.clinic.example:3128', http_proxy: 'http://other.example:8080' })).toMatchObject({ httpsProxy: 'http://proxy.clinic.example:3128', httpProxy: 'http://other.example:8080' });
  });

  it('S50 NO_PROXY=* means no proxy at all, even with the loopback names the SDK adds', () => {
    expect(proxyFromEnvironment({ HTTPS_PROXY: 'http://proxy.clinic.example:3128', NO_PROXY: '*' })).toBeUndefined();
    expect(proxyFromEnvironment({ HTTPS_PROXY: 'http://proxy.clinic.example:3128', no_proxy: 'api.clinic.example, *' })).toBeUndefined();
  });

  it('S50 an IPv6 NO_PROXY entry, bare or bracketed, is given bracketed and in its normal form, as a URL names that host', () => {
    const noProxy = proxyFromEnvironment({ HTTPS_PROXY: 'http://proxy.clinic.example:3128', NO_PROXY: 'fd00::1, [FD00:0::2]:8443,.clinic.example' })?.noProxy.split(',');
    expect(noProxy).toEqual(expect.arrayContaining(['[fd00::1]', '[fd00::2]:8443', '.clinic.example', 'localhost', '127.0.0.1', '[::1]']));
    expect(noProxy).not.toContain('fd00::1');
  });
});

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

async function listen(server: Server, host: string): Promise<number> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return (server.address() as AddressInfo).port;
}

/** A forward proxy that tunnels CONNECT to its target and records each target it was asked for. */
async function startTunnelProxy(): Promise<{ port: number; targets: string[] }> {
  const targets: string[] = [];
  const proxy = createHttpServer((_request, response) => response.writeHead(502).end());
  proxy.on('connect', (request, client) => {
    targets.push(request.url ?? '');
    const [host = '', port = ''] = (request.url ?? '').split(/:(?=\d+$)/);
    const upstream = connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.pipe(client).pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  return { port: await listen(proxy, '127.0.0.1'), targets };
}

const sdk = fileURLToPath(new URL('./proxy-fetch.mjs', import.meta.url));

/** A real bot process calling an API through environmentFetch() with the given proxy variables. */
function botFetch(url: string, env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  const script = `import { environmentFetch } from ${JSON.stringify(sdk)}; const f = await environmentFetch(); const r = await f(${JSON.stringify(url)}); process.stdout.write(await r.text());`;
  const { HTTPS_PROXY: _a, HTTP_PROXY: _b, NO_PROXY: _c, https_proxy: _d, http_proxy: _e, no_proxy: _f, ...rest } = process.env;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { env: { ...rest, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, out })));
}

describe('environmentFetch in a bot process', () => {
  // 127.0.0.2 is this computer but not one of the loopback names the SDK always keeps off the proxy.
  async function startApi(): Promise<string> {
    const api = createHttpServer((_request, response) => response.end('api answered'));
    return `http://127.0.0.2:${await listen(api, '127.0.0.2')}/`;
  }

  it('S50 with NO_PROXY=* the bot calls the API directly, as the supervisor would', async () => {
    const [api, proxy] = await Promise.all([startApi(), startTunnelProxy()]);
    const result = await botFetch(api, { HTTPS_PROXY: `http://127.0.0.1:${proxy.port}`, HTTP_PROXY: `http://127.0.0.1:${proxy.port}`, NO_PROXY: '*' });
    expect(result).toEqual({ code: 0, out: 'api answered' });
    expect(proxy.targets).toEqual([]);
  });

  it('S50 with HTTP_PROXY=host:port the bot calls go through that proxy', async () => {
    const [api, proxy] = await Promise.all([startApi(), startTunnelProxy()]);
    const result = await botFetch(api, { HTTP_PROXY: `127.0.0.1:${proxy.port}` });
    expect(result).toEqual({ code: 0, out: 'api answered' });
    expect(proxy.targets).toEqual([new URL(api).host]);
  });
});
