import { createConnection, createServer, type Server, type Socket } from 'node:net';

export interface TcpRelay {
  readonly port: number;
  close(): Promise<void>;
}

/**
 * Listens on `addresses` (one port for all) and pipes each connection to `target`. The sandbox
 * listens on loopback only; bots in a worker's namespace reach it through the root side of
 * their own veth pair, so cutting one worker's link leaves the others' way in untouched.
 */
export async function startTcpRelay(addresses: readonly string[], target: { host: string; port: number }): Promise<TcpRelay> {
  const sockets = new Set<Socket>();
  const track = (socket: Socket): void => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  };
  const servers: Server[] = [];
  let port = 0;
  for (const address of addresses) {
    const server = createServer((inbound) => {
      const outbound = createConnection(target);
      track(inbound);
      track(outbound);
      inbound.on('error', () => outbound.destroy());
      outbound.on('error', () => inbound.destroy());
      inbound.pipe(outbound).pipe(inbound);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, address, () => resolve());
    });
    const bound = server.address();
    port = typeof bound === 'object' && bound !== null ? bound.port : port;
    servers.push(server);
  }
  return {
    port,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
    },
  };
}
