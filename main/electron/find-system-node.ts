import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';

/** Lets an admin point the app at a specific Node.js (an absolute path to the executable). */
export const nodeOverrideVariable = 'RPA_SUPERVISOR_NODE';

/**
 * The Node.js that runs bots whose manifest says `"command": "node"`. The packaged app's own
 * binary cannot do it: its RunAsNode fuse is off (so `ELECTRON_RUN_AS_NODE` cannot turn it into
 * a general-purpose Node for an attacker either). Order:
 *
 * 1. `RPA_SUPERVISOR_NODE`, if set. When it is set but wrong (relative or missing), the answer
 *    is `undefined` rather than a guess from PATH: an admin who pinned a Node must notice.
 * 2. The first `node` (`node.exe` on Windows) in an absolute PATH entry. Relative entries
 *    (`.`, `bin`) are skipped: they would let the current folder supply the binary.
 *
 * `undefined` means bot starts that need Node fail with a clear message; the app still starts.
 */
export function findSystemNode(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, exists: (file: string) => boolean): string | undefined {
  const paths = platform === 'win32' ? path.win32 : path.posix;
  const override = env[nodeOverrideVariable]?.trim();
  if (override) return paths.isAbsolute(override) && exists(override) ? paths.normalize(override) : undefined;

  const executable = platform === 'win32' ? 'node.exe' : 'node';
  for (const entry of pathEntries(env, platform)) {
    if (!paths.isAbsolute(entry)) continue;
    const candidate = paths.join(entry, executable);
    if (exists(candidate)) return candidate;
  }
  return undefined;
}

function pathEntries(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string[] {
  // Windows environment names are case-insensitive and usually spelled `Path`.
  const key = platform === 'win32' ? Object.keys(env).find((name) => name.toUpperCase() === 'PATH') : 'PATH';
  const value = key === undefined ? undefined : env[key];
  if (!value) return [];
  return value
    .split(platform === 'win32' ? ';' : ':')
    .map((entry) => (platform === 'win32' ? entry.trim().replace(/^"(.*)"$/, '$1') : entry))
    .filter((entry) => entry.length > 0);
}

/**
 * What the shell passes as the core's `nodeExecutable`: never its own binary. Started with a
 * script, an Electron exe launches another copy of the app (the core no longer sets
 * ELECTRON_RUN_AS_NODE, and packaged builds ignore it: RunAsNode fuse). Without a Node it passes
 * the bare name `node`, so a bot start fails plainly ("node" was not found) instead of doing
 * something surprising.
 */
export function nodeExecutableForBots(found: string | undefined): string {
  return found ?? 'node';
}

/** `exists` for {@link findSystemNode} on a real disk: a regular file this user may execute. */
export function isExecutableFile(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    // Windows has no execute bit; the .exe name is what makes it runnable.
    if (process.platform !== 'win32') accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
