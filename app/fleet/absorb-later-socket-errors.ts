import type { Redis } from 'ioredis';

function ignore(): void {}

/**
 * Keeps a failed connection's later errors from ending the process. ioredis listens for a
 * connection's first 'error' only (`once`, in its connector and again in `connect`); a TLS
 * connection that fails its handshake (a certificate this computer does not trust) can emit a
 * second one when the server's alert arrives, and with no listener left that is an uncaught
 * exception. The first error still reaches the client's 'error' listeners, which report it; the
 * connection is thrown away and retried by ioredis either way.
 *
 * Call it from the client's 'error' listener: ioredis emits that synchronously from the socket's
 * first error, so the socket in `client.stream` is the one that failed.
 */
export function absorbLaterSocketErrors(client: Pick<Redis, 'stream'>): void {
  const socket = client.stream as Redis['stream'] | undefined;
  if (socket === undefined || socket.listeners('error').includes(ignore)) return;
  socket.on('error', ignore);
}
