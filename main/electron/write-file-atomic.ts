import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs/promises';
import path from 'node:path';

/** The few fs calls an atomic write needs; tests swap one to simulate a crash mid-write. */
export interface AtomicWriteFs {
  open: typeof fs.open;
  rename: typeof fs.rename;
  rm: typeof fs.rm;
}

/**
 * Writes `data` to `file` so that a crash at any moment leaves either the old file or the new
 * one, never a torn mix (S26): write a temp file beside it, fsync it, rename it over the
 * target (atomic on the same volume), then fsync the folder so the rename itself is durable.
 */
export async function writeFileAtomic(file: string, data: Uint8Array, options: { mode?: number; fsOps?: AtomicWriteFs } = {}): Promise<void> {
  const ops = options.fsOps ?? fs;
  const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    const handle = await ops.open(temp, 'wx', options.mode ?? 0o600);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await ops.rename(temp, file);
  } catch (error) {
    await ops.rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
  await syncDirectory(path.dirname(file));
}

async function syncDirectory(dir: string): Promise<void> {
  // Windows cannot open a directory for fsync; NTFS journals the rename itself.
  if (process.platform === 'win32') return;
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
