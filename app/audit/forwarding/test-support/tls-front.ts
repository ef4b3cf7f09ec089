import { connect, createServer as createTcpServer, type Server, type Socket } from 'node:net';
import { createServer, type TLSSocket } from 'node:tls';

/**
 * A TLS-only syslog port (RFC 5425) in front of a real rsyslog's plain imtcp port, as stunnel or
 * a TLS-terminating collector is: it decrypts and passes the stream on, ending it when the
 * client ends. Debian's rsyslog here has no TLS driver, so the TLS is this front's; what rsyslog
 * stores is what arrived. Plain TCP spoken to it fails the handshake and is closed unread.
 */
export async function startTlsFront(options: { cert: string; key: string; collectorPort: number }): Promise<{ port: number; close(): Promise<void> }> {
  const server = createServer({ cert: options.cert, key: options.key }, (clear: TLSSocket) => {
    const upstream: Socket = connect({ host: '127.0.0.1', port: options.collectorPort });
    clear.pipe(upstream);
    // rsyslog closes once it has read our end; only then does the client see the close.
    upstream.on('close', () => clear.end());
    upstream.on('error', () => clear.destroy());
    clear.on('error', () => upstream.destroy());
  });
  server.on('tlsClientError', () => undefined);
  return { port: await listen(server), close: () => closeServer(server) };
}

/** A port that accepts every connection and closes it at once, reading nothing. */
export async function startDroppingPort(port = 0): Promise<{ port: number; connections: () => number; close(): Promise<void> }> {
  let connections = 0;
  const server = createTcpServer((socket) => {
    connections += 1;
    socket.on('error', () => undefined);
    socket.destroy();
  });
  return { port: await listen(server, port), connections: () => connections, close: () => closeServer(server) };
}

function listen(server: Server, port = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      resolve(typeof address === 'object' && address !== null ? address.port : 0);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}
