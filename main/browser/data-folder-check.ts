import { mkdir, stat } from 'node:fs/promises';

export interface DataFolderCheckOptions {
  /** Create it (0700) when missing, as a starting host does; the hand-off launcher never creates it. */
  create: boolean;
  /** Whether RPA_SUPERVISOR_DATA_DIR chose it, so the message names the variable to fix. */
  fromVariable: boolean;
  platform?: NodeJS.Platform;
  uid?: number;
}

/**
 * Why the browser host's data folder cannot be used, or undefined when it can. Other users who
 * can write to it (a shared /tmp folder, a 0777 one) or who own it could plant the lock file
 * before the host writes its own: the next start would then open their page as RPA Supervisor's
 * and the hand-off launcher send them a sign-in link, besides their editing the settings and the
 * audit trail (S119). A folder writable by the owner's group is left alone: with a per-user group
 * (umask 002) that is the owner. Windows folders inherit the profile's ACLs and are not judged.
 */
export async function dataFolderProblem(dataDir: string, options: DataFolderCheckOptions): Promise<string | undefined> {
  const { platform = process.platform, uid = process.getuid?.() } = options;
  const named = `The data folder ${dataDir}${options.fromVariable ? ' (RPA_SUPERVISOR_DATA_DIR)' : ''}`;
  const fix = options.fromVariable ? 'Set RPA_SUPERVISOR_DATA_DIR to a folder of your own, or leave it unset.' : 'Make it a folder only you can change (chmod 700).';
  try {
    // A file in the way is EEXIST here; stat below says what it is.
    if (options.create) await mkdir(dataDir, { recursive: true, mode: 0o700 }).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
    const info = await stat(dataDir);
    if (!info.isDirectory()) return `${named} is not a folder. ${options.fromVariable ? fix : 'Move the file that is there out of the way.'}`;
    if (platform === 'win32') return undefined;
    if (uid !== undefined && info.uid !== uid) return `${named} belongs to another user, who could change what RPA Supervisor reads there. ${fix}`;
    if ((info.mode & 0o002) !== 0) return `${named} can be changed by every user of this computer, who could plant files RPA Supervisor trusts. ${fix}`;
    return undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && !options.create) return undefined;
    return `${named} cannot be used (${code ?? 'unreadable'}). ${fix}`;
  }
}
