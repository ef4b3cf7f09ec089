import { readFile, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import type { z } from 'zod';
import { writeFileAtomic } from '../../app/storage/write-file-atomic.js';

/**
 * The running browser host's address and secrets, in a file only this user can read (0600).
 * A second launcher reads it to hand a deep link over, as a second Electron instance would.
 */
// zod loads only when a lock file is there to read: it is not needed to serve the first page.
const lockSchema = async () => {
  const { z } = await import('zod');
  return z.object({ pid: z.number().int(), port: z.number().int(), handoffSecret: z.string(), pageUrl: z.string() }).strict();
};
export type InstanceLock = z.infer<Awaited<ReturnType<typeof lockSchema>>>;

export const lockFileName = 'browser-host.lock.json';

/** Another browser host runs on this data folder: its page is the one to open, not a second core's. */
export class InstanceRunningError extends Error {
  readonly code = 'instance_running';
  constructor(readonly lock: InstanceLock) {
    super('RPA Supervisor is already running on this data folder.');
    this.name = 'InstanceRunningError';
  }
}

export async function writeInstanceLock(dataDir: string, lock: InstanceLock): Promise<void> {
  await writeFileAtomic(join(dataDir, lockFileName), JSON.stringify(lock), 0o600);
}

export async function readInstanceLock(dataDir: string): Promise<InstanceLock | undefined> {
  try {
    const text = await readFile(join(dataDir, lockFileName), 'utf8');
    const parsed = (await lockSchema()).safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export async function removeInstanceLock(dataDir: string, pid: number): Promise<void> {
  const lock = await readInstanceLock(dataDir);
  if (lock?.pid === pid) await rm(join(dataDir, lockFileName), { force: true });
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The lock of a browser host that is running now, or undefined when it is stale or absent. A live
 * pid is not enough: after a crash and a restart the pid is often taken again (by this very
 * launcher, in a container), so the host must also answer on its port to its hand-off secret.
 */
export async function liveInstanceLock(dataDir: string): Promise<InstanceLock | undefined> {
  const lock = await readInstanceLock(dataDir);
  if (!lock || lock.pid === process.pid || !isProcessAlive(lock.pid)) return undefined;
  return (await answersToSecret(lock)) ? lock : undefined;
}

/** The host refuses a GET to /handoff with 400 when the secret is its own, 401 when it is not. */
function answersToSecret(lock: InstanceLock): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request(
      { host: '127.0.0.1', port: lock.port, path: '/handoff', headers: { host: `127.0.0.1:${lock.port}`, 'x-rpa-handoff-secret': lock.handoffSecret }, timeout: 5000 },
      (res) => {
        res.resume();
        resolve(res.statusCode === 400);
      },
    );
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
    req.end();
  });
}
