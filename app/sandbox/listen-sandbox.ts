import type { Server } from 'node:net';
import type { Logger } from '../ports/logger.js';

/**
 * Binds the sandbox's server. A port it cannot have fails the start with words a person can act
 * on (the error's `code` is kept): the browser host prints them, and it has a port of its own
 * that the bare "address already in use" could be taken for.
 *
 * Once listening, the server still emits `error` when accepting a connection fails (the process
 * out of file handles). Unheard, Node throws it, which would end the whole app over a demo page;
 * it is logged instead, and the server keeps accepting.
 */
export function listenSandbox(server: Server, port: number, address: string, logger: Logger): Promise<void> {
  return new Promise((resolve, reject) => {
    const failed = (error: NodeJS.ErrnoException): void => reject(listenError(error, port, address));
    server.once('error', failed);
    server.listen(port, address, () => {
      server.off('error', failed);
      server.on('error', (error: NodeJS.ErrnoException) => logger.error('The Local sandbox could not accept a connection.', { code: error.code ?? error.name }));
      resolve();
    });
  });
}

function listenError(error: NodeJS.ErrnoException, port: number, address: string): Error {
  const words =
    error.code === 'EADDRINUSE'
      ? `The Local sandbox cannot use port ${port} on ${address}: another program is using it. Close that program, or choose another port for the sandbox (or none, and it takes a free one).`
      : error.code === 'EACCES'
        ? `The Local sandbox is not allowed to use port ${port} on ${address}. Choose a port from 1024 to 65535 for the sandbox (or none, and it takes a free one).`
        : undefined;
  return words === undefined ? error : Object.assign(new Error(words, { cause: error }), { code: error.code });
}
