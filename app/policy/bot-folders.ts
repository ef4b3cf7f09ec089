import { posix, win32 } from 'node:path';

/**
 * Whether `path` is `folder` or lies inside it, compared as the platform does: case-insensitively
 * and with either slash on Windows. Both must be absolute; `..` segments are resolved first, so
 * `/opt/bots/../home` is not inside `/opt/bots`. A relative path is never inside anything.
 */
export function isInsideFolder(path: string, folder: string, platform: NodeJS.Platform = process.platform): boolean {
  const paths = platform === 'win32' ? win32 : posix;
  if (!paths.isAbsolute(path) || !paths.isAbsolute(folder)) return false;
  const fold = (value: string) => (platform === 'win32' ? value.toLowerCase() : value);
  const relative = paths.relative(fold(paths.resolve(folder)), fold(paths.resolve(path)));
  return relative === '' || (!relative.startsWith('..') && !paths.isAbsolute(relative));
}

/** True when the policy names no folders, or `path` is inside one of them. */
export function isAllowedBotPath(path: string, allowedFolders: readonly string[] | undefined, platform: NodeJS.Platform = process.platform): boolean {
  return allowedFolders === undefined || allowedFolders.some((folder) => isInsideFolder(path, folder, platform));
}

/**
 * The bots folder in force: the user's choice when the policy allows it, else the host's default
 * when that is allowed, else the first folder the administrator allows. `ignored` names a stored
 * choice the policy overrides, so the app can say why the folder changed.
 */
export function effectiveBotsDir(input: {
  chosen: string | undefined;
  defaultDir: string;
  allowedFolders: readonly string[] | undefined;
  platform?: NodeJS.Platform;
}): { dir: string; ignored?: string } {
  const { chosen, defaultDir, allowedFolders } = input;
  const platform = input.platform ?? process.platform;
  const fallback = isAllowedBotPath(defaultDir, allowedFolders, platform) ? defaultDir : (allowedFolders?.[0] ?? defaultDir);
  if (chosen === undefined) return { dir: fallback };
  return isAllowedBotPath(chosen, allowedFolders, platform) ? { dir: chosen } : { dir: fallback, ignored: chosen };
}
