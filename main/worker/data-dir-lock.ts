import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { createConnection, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The socket in the data folder that says a worker program is using it. */
export const dataDirLockName = 'worker.lock';

export interface DataDirLock {
  release(): void;
}

/**
 * Where the lock listens. A socket file in the folder itself, so that two workers sharing the
 * folder through any mount (two containers on one volume) find each other; a socket path longer
 * than the system takes (about 100 bytes) would be cut short silently, so a long one becomes an
 * abstract socket named after the folder (Linux) or one in the temp folder. Windows: a named pipe.
 */
export function dataDirLockAddress(dataDir: string, platform: NodeJS.Platform = process.platform, tempDir = tmpdir()): string {
  const digest = createHash('sha256').update(platform === 'win32' ? dataDir.toLowerCase() : dataDir).digest('hex').slice(0, 32);
  if (platform === 'win32') return `\\\\?\\pipe\\rpa-supervisor-worker-${digest}`;
  const inFolder = join(dataDir, dataDirLockName);
  if (Buffer.byteLength(inFolder) <= 100) return inFolder;
  return platform === 'linux' ? `\0rpa-supervisor-worker-${digest}` : join(tempDir, `rpa-supervisor-worker-${digest}.sock`);
}

/**
 * One worker program per data folder. Two would share one identity (one fingerprint, one
 * heartbeat) and one `live-runs.json`, so the second one's start would kill the bots the first is
 * running as "left behind". The lock is a listening socket rather than a file with a pid in it:
 * the system closes it when the process dies however it dies, so a stale lock is never mistaken
 * for a live worker, whatever pid the next process gets. Resolves `in-use` when a live worker
 * answers on it; a socket file nobody answers on is a killed worker's, and is replaced.
 */
export async function lockDataDir(dataDir: string): Promise<DataDirLock | 'in-use'> {
  const address = dataDirLockAddress(dataDir);
  const isFile = !address.startsWith('\0') && !address.startsWith('\\\\');
  for (let attempt = 0; attempt < 2; attempt += 1) {
    const server = createServer((socket) => socket.end());
    const listening = await listen(server, address);
    if (listening === true) {
      server.unref();
      return {
        release: () => {
          server.close();
          if (isFile) rmSync(address, { force: true });
        },
      };
    }
    if (listening !== 'EADDRINUSE') throw listening;
    if (await answers(address)) return 'in-use';
    if (isFile) rmSync(address, { force: true });
  }
  return 'in-use';
}

function listen(server: Server, address: string): Promise<true | 'EADDRINUSE' | Error> {
  return new Promise((done) => {
    server.once('error', (error: NodeJS.ErrnoException) => done(error.code === 'EADDRINUSE' ? 'EADDRINUSE' : error));
    server.listen(address, () => done(true));
  });
}

function answers(address: string): Promise<boolean> {
  return new Promise((done) => {
    const socket = createConnection(address);
    socket.once('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.once('error', () => done(false));
  });
}
