import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { listenForBots } from './listen-for-bots.js';

const servers: ReturnType<typeof createServer>[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

describe('listenForBots', () => {
  it('S114 a server error once the broker listens (an accept failing for want of file handles) is logged by its code, and the broker still answers', async () => {
    const server = createServer((_request, response) => response.end('ok'));
    servers.push(server);
    const logged: unknown[] = [];
    await listenForBots(server, { info: () => undefined, warn: () => undefined, error: (message, fields) => void logged.push({ message, fields }) });
    const accept = Object.assign(new Error('accept EMFILE'), { code: 'EMFILE', syscall: 'accept' });
    expect(() => server.emit('error', accept)).not.toThrow();
    expect(logged).toEqual([{ message: 'The token broker could not accept a connection', fields: { code: 'EMFILE' } }]);
    const { address, port } = server.address() as AddressInfo;
    expect(address).toBe('127.0.0.1');
    expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toBe('ok');
  });
});
