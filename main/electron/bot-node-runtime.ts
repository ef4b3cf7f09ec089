import path from 'node:path';
import { findSystemNode, nodeOverrideVariable } from './find-system-node.js';

/** Where electron-builder puts the Node.js runtime the app ships (scripts/fetch-node-runtime.mjs). */
export function bundledNodePath(resourcesPath: string, platform: NodeJS.Platform): string {
  const paths = platform === 'win32' ? path.win32 : path.posix;
  return paths.join(resourcesPath, 'node', platform === 'win32' ? 'node.exe' : 'node');
}

/** Which Node.js runs `"command": "node"` bots and the orphan reaper, and why (logged at start). */
export type BotNodeChoice =
  | { source: 'override'; path: string }
  | { source: 'bundled'; path: string }
  | { source: 'system'; path: string }
  | { source: 'missing'; path: 'node'; reason: string };

/**
 * The Node.js for bots in the Electron app (docs/packaging.md, "Bots without a separately
 * installed Node"). The app's own binary never plays Node: its RunAsNode fuse is off.
 *
 * 1. `RPA_SUPERVISOR_NODE` when an administrator pinned one (wrong value: missing, never a guess).
 * 2. Packaged: the runtime shipped in `resources/node`, whatever is on PATH, so a clinic PC
 *    needs nothing installed and a Node on PATH cannot change what bots run on.
 * 3. Development (`npm start`), or a package built without the runtime: the first `node` on PATH.
 *
 * `missing` passes the bare name `node`, so a start fails plainly ("node" was not found).
 */
export function chooseBotNode(input: {
  isPackaged: boolean;
  resourcesPath: string;
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  exists: (file: string) => boolean;
}): BotNodeChoice {
  const { env, platform, exists } = input;
  if (env[nodeOverrideVariable]?.trim()) {
    const pinned = findSystemNode(env, platform, exists);
    return pinned === undefined ? { source: 'missing', path: 'node', reason: `${nodeOverrideVariable} does not name an executable file` } : { source: 'override', path: pinned };
  }
  if (input.isPackaged) {
    const bundled = bundledNodePath(input.resourcesPath, platform);
    if (exists(bundled)) return { source: 'bundled', path: bundled };
  }
  const found = findSystemNode(env, platform, exists);
  if (found !== undefined) return { source: 'system', path: found };
  return { source: 'missing', path: 'node', reason: input.isPackaged ? 'this package was built without its Node.js runtime and none is on PATH' : 'no node on PATH' };
}
