import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LoopbackPort {
  /** Exactly this port: starting fails when it is taken. */
  port?: number;
  /** This port if it is free (the one used last time), else any free port. */
  preferredPort?: number;
}

/** Listens on 127.0.0.1 and resolves to the port it got. */
export async function listenOnLoopback(server: Server, choice: LoopbackPort): Promise<number> {
  if (choice.port !== undefined) await listen(server, choice.port);
  else if (choice.preferredPort === undefined) await listen(server, 0);
  else {
    try {
      await listen(server, choice.preferredPort);
    } catch (error) {
      if (!isPortUnavailable(error)) throw error;
      await listen(server, 0);
    }
  }
  return (server.address() as AddressInfo).port;
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const failed = (error: Error) => reject(error);
    server.once('error', failed);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', failed);
      resolve();
    });
  });
}

function isPortUnavailable(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'EADDRINUSE' || code === 'EACCES';
}
