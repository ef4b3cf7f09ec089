import type { Server } from 'node:net';
import type { Logger } from '../ports/logger.js';

/**
 * Binds the broker's server on 127.0.0.1 at a free port. Once listening, a server still emits
 * `error` when accepting a connection fails (the process out of file handles, a burst of bots).
 * Unheard, Node throws it, which would end the whole app and every run with it; it is logged by
 * code instead, and the server keeps accepting once handles are free again.
 */
export function listenForBots(server: Server, logger: Logger): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    // A large backlog so a burst of bots connecting at once is queued, not refused.
    server.listen({ host: '127.0.0.1', port: 0, backlog: 2048 }, () => {
      server.off('error', reject);
      server.on('error', (error: NodeJS.ErrnoException) => logger.error('The token broker could not accept a connection', { code: error.code ?? error.name }));
      resolve();
    });
  });
}
