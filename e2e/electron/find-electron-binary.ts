import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** The reason printed, and given to test.skip, when Electron cannot run here. */
export const electronUnavailableReason = 'skipped: Electron binary not available';

/**
 * The Electron binary the electron npm package would launch, or undefined when it was never
 * downloaded. Unlike `require('electron')`, this never starts the download, which fails slowly
 * and noisily on machines without internet.
 */
export function findElectronBinary(projectRoot: string): string | undefined {
  const require = createRequire(path.join(projectRoot, 'package.json'));
  let packageDir: string;
  try {
    packageDir = path.dirname(require.resolve('electron/package.json'));
  } catch {
    return undefined;
  }
  const pathFile = path.join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const binary = path.join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : undefined;
}

/** The electron package's own words when its binary is missing (see node_modules/electron/index.js). */
export function isElectronMissingError(error: unknown): boolean {
  return error instanceof Error && /Electron failed to install correctly|Electron uninstall|ENOENT/.test(error.message);
}
