import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { listenOnLoopback } from './listen-on-loopback.js';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

function server(): Server {
  const made = createServer();
  servers.push(made);
  return made;
}

describe('listenOnLoopback', () => {
  it('takes the preferred port when it is free, and any free port when it is taken', async () => {
    const first = await listenOnLoopback(server(), {});
    const holder = servers[0] as Server;
    const other = await listenOnLoopback(server(), { preferredPort: first });
    expect(other).not.toBe(first);
    await new Promise((resolve) => holder.close(resolve));
    expect(await listenOnLoopback(server(), { preferredPort: first })).toBe(first);
  });

  it('fails when an exact port is taken, instead of starting somewhere else', async () => {
    const taken = await listenOnLoopback(server(), {});
    await expect(listenOnLoopback(server(), { port: taken })).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });
});
