import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FloorServer {
  url: string;
  /** TCP connections accepted so far: with keep-alive, about one per concurrent client. */
  readonly connections: number;
  /** Requests answered so far. */
  readonly requests: number;
  close(): Promise<void>;
}

/**
 * The physical floor of a loopback HTTP token service: a bare Node `http` server on 127.0.0.1
 * that answers every request with one fixed body and fixed headers, and does nothing else.
 */
export async function startFloorServer(body: Buffer, headers: Record<string, string>): Promise<FloorServer> {
  let connections = 0;
  let requests = 0;
  const server = createServer((_req, res) => {
    requests += 1;
    res.writeHead(200, { ...headers, 'Content-Length': body.length });
    res.end(body);
  });
  server.on('connection', () => (connections += 1));
  // The same keep-alive window as the broker, so neither side reconnects more than the other.
  server.keepAliveTimeout = 30_000;
  server.headersTimeout = 35_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: 0, backlog: 2048 }, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get connections() {
      return connections;
    },
    get requests() {
      return requests;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
