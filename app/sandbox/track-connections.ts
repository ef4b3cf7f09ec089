import type { Server } from 'node:http';
import type { Socket } from 'node:net';

export interface ConnectionTracker {
  /** Destroys every open socket, idle keep-alive ones included. */
  destroyAll(): void;
  readonly openCount: number;
}

/**
 * `server.close()` waits for keep-alive sockets (browsers, fetch) to time out; tests and
 * benchmarks need the port back at once, so every socket is tracked and destroyed on close.
 */
export function trackConnections(server: Server): ConnectionTracker {
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  return {
    destroyAll: () => {
      for (const socket of sockets) socket.destroy();
    },
    get openCount() {
      return sockets.size;
    },
  };
}
