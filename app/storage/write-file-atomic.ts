import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs/promises';
import { dirname } from 'node:path';

/** The few fs calls an atomic write needs; tests swap one to simulate a crash mid-write (S26). */
export interface AtomicWriteFs {
  open: typeof fs.open;
  rename: typeof fs.rename;
  rm: typeof fs.rm;
}

export interface WriteFileAtomicOptions {
  /** Permissions of the new file; secrets and lock files stay private to the user. */
  mode?: number;
  fsOps?: AtomicWriteFs;
}

/**
 * Writes `data` to `path` so that a crash at any moment leaves either the old file or the new
 * one, never a torn mix (S26): write a temp file beside the target (so the rename never crosses
 * file systems), fsync it, rename it over the target (atomic on one volume), then fsync the
 * folder so the rename itself survives a power cut. The parent folder is created (0700) if
 * missing. A bare number as the third argument is the file mode.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array, options: WriteFileAtomicOptions | number = {}): Promise<void> {
  const { mode = 0o600, fsOps = fs } = typeof options === 'number' ? { mode: options } : options;
  await fs.mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    // 'wx': never follow or reuse something already sitting at the temp name.
    const handle = await fsOps.open(temp, 'wx', mode);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fsOps.rename(temp, path);
  } catch (error) {
    await fsOps.rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
  await syncDirectory(dirname(path));
}

async function syncDirectory(dir: string): Promise<void> {
  // Windows cannot open a folder for fsync; NTFS journals the rename itself.
  if (process.platform === 'win32') return;
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
