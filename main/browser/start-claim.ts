import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isProcessAlive } from './instance-lock.js';

export const startClaimFileName = 'browser-host.starting';

/**
 * Past this age a claim is a leftover whatever its pid says: the span it guards (a look for a
 * running host, whose probe gives up after 5 s, a listen and the lock's two fsyncs) is far
 * shorter, and a crashed launcher's pid may since belong to anything.
 */
const staleAfterMs = 15_000;
const retryEveryMs = 25;

/** Claims this process holds, so a second start in the same process waits instead of taking it over. */
const heldHere = new Set<string>();

export interface StartClaimOptions {
  /** Called each time a claim held by another start is found and waited on (tests). */
  onWaiting?: () => void;
}

/**
 * Serialises browser host starts on one data folder, from the look for a running host until the
 * new host's lock is written: without it, two launchers started together both find no lock and
 * both compose a core on the same folder (S118). The claim is a file created exclusively; a
 * second start waits for it to go. One left by a start that died (its pid gone, this very pid
 * reused, or too old) is removed. Resolves to the release, which removes only this claim.
 */
export async function claimStart(dataDir: string, options: StartClaimOptions = {}): Promise<() => Promise<void>> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const path = join(dataDir, startClaimFileName);
  const token = `${process.pid}:${randomBytes(9).toString('base64url')}`;
  for (;;) {
    try {
      const handle = await open(path, 'wx', 0o600);
      try {
        await handle.writeFile(token);
      } finally {
        await handle.close();
      }
      heldHere.add(token);
      return async () => {
        heldHere.delete(token);
        if ((await readClaim(path)) === token) await rm(path, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (await isStale(path)) {
      await rm(path, { force: true });
      continue;
    }
    options.onWaiting?.();
    await new Promise((resolve) => setTimeout(resolve, retryEveryMs));
  }
}

async function readClaim(path: string): Promise<string | undefined> {
  return readFile(path, 'utf8').catch(() => undefined);
}

async function isStale(path: string): Promise<boolean> {
  const [text, info] = await Promise.all([readClaim(path), stat(path).catch(() => undefined)]);
  // Gone meanwhile: not stale, just free; the next exclusive create decides.
  if (text === undefined || info === undefined) return false;
  if (Date.now() - info.mtimeMs > staleAfterMs) return true;
  // Written but not yet filled: a start a moment old.
  if (text === '') return false;
  const pid = Number(text.split(':')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return true;
  if (pid === process.pid) return !heldHere.has(text);
  return !isProcessAlive(pid);
}
