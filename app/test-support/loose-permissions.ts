import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';

/** A file or folder that others than its owner could read, write or enter. */
export interface LoosePermission {
  path: string;
  kind: 'file' | 'folder';
  /** e.g. "644". */
  mode: string;
}

/**
 * Walks `dir` and lists every file not 0600 (or stricter) and every folder not 0700 (or
 * stricter): what the app writes in its data folder is for the signed-in user's eyes only.
 */
export async function loosePermissions(dir: string): Promise<LoosePermission[]> {
  const found: LoosePermission[] = [];
  const visit = async (path: string): Promise<void> => {
    const info = await lstat(path);
    if (info.isSymbolicLink()) return;
    const mode = info.mode & 0o777;
    if (info.isDirectory()) {
      if ((mode & 0o077) !== 0) found.push({ path, kind: 'folder', mode: mode.toString(8) });
      for (const entry of await readdir(path)) await visit(join(path, entry));
    } else if ((mode & 0o077) !== 0) {
      found.push({ path, kind: 'file', mode: mode.toString(8) });
    }
  };
  await visit(dir);
  return found.sort((a, b) => a.path.localeCompare(b.path));
}
