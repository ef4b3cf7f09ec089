import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** What a forward proxy saw of one request: where it was going, and the scheme of its Authorization. */
export interface ProxiedRequest {
  url: string;
  authScheme: string | undefined;
}

export interface LoopbackServer {
  url: string;
  close(): Promise<void>;
}

/**
 * A plain-HTTP forward proxy, as a clinic runs one: it forwards every request it is given and
 * records where each was going and how it was authorised (the scheme only, never the credential).
 */
export async function startRecordingProxy(): Promise<LoopbackServer & { requests: ProxiedRequest[] }> {
  const requests: ProxiedRequest[] = [];
  const server = createServer((req, res) => {
    requests.push({ url: req.url ?? '', authScheme: req.headers.authorization?.split(' ')[0] });
    const upstream = httpRequest(req.url ?? '', { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  return { ...(await listen(server)), requests };
}

/** An API that takes requests and never answers them: a bot calling it is busy until the test ends. */
export async function startSilentApi(): Promise<LoopbackServer & { received: IncomingMessage[] }> {
  const received: IncomingMessage[] = [];
  const server = createServer((req) => void received.push(req));
  return { ...(await listen(server)), received };
}

async function listen(server: Server): Promise<LoopbackServer> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
