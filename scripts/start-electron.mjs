#!/usr/bin/env node
// Starts the built app (out/) in Electron: `npm start` runs `electron-vite build` first.
//
// The electron npm package downloads its binary the first time it is required. On a machine
// without internet that download fails, so this script finds out first and, if there is no
// binary, says so plainly and points at the browser host instead of printing a stack trace.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const unavailableMessage =
  "Electron's binary is not available on this machine (it is downloaded on first run and that failed). " +
  'Use `npm run start:browser` to run RPA Supervisor in your browser instead.';

/** The binary named by node_modules/electron/path.txt, if it is on disk; never downloads. */
function installedElectronBinary() {
  const require = createRequire(path.join(projectRoot, 'package.json'));
  let packageDir;
  try {
    packageDir = path.dirname(require.resolve('electron/package.json'));
  } catch {
    return undefined;
  }
  // The electron package itself knows how to apply ELECTRON_OVERRIDE_DIST_PATH on each OS.
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) return undefined;
  const pathFile = path.join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const binary = path.join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : undefined;
}

/** Loads the electron package in a child Node, which downloads the binary when it is missing. */
function downloadElectronBinary() {
  const result = spawnSync(process.execPath, ['--input-type=commonjs', '-e', "process.stdout.write(require('electron'))"], {
    cwd: projectRoot,
    encoding: 'utf8',
    // Keep the downloader's stack trace out of the user's way; show it only when asked.
    stdio: ['ignore', 'pipe', process.env.DEBUG ? 'inherit' : 'pipe'],
  });
  if (result.status !== 0) return undefined;
  return existsSync(result.stdout) ? result.stdout : undefined;
}

const binary = installedElectronBinary() ?? downloadElectronBinary();
if (!binary) {
  console.error(unavailableMessage);
  process.exit(1);
}

const env = { ...process.env };
// Set in some shells and CI images; it makes the Electron binary behave as plain Node.
delete env.ELECTRON_RUN_AS_NODE;

const child = spawn(binary, ['.', ...process.argv.slice(2)], { cwd: projectRoot, env, stdio: 'inherit', windowsHide: false });
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (!child.killed) child.kill(signal);
  });
}
child.on('error', (error) => {
  console.error(`Could not start Electron: ${error.message}`);
  console.error(unavailableMessage);
  process.exit(1);
});
child.on('exit', (code, signal) => {
  if (signal) {
    // Die of the same signal, so callers see how Electron ended.
    process.removeAllListeners(signal);
    process.kill(process.pid, signal);
  } else {
    process.exit(code ?? 0);
  }
});
