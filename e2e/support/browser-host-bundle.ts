import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import { browserHostBuild } from '../../browser-host.vite.config.js';
import { browserHostBundleVariable } from './browser-host-process.js';

const repoRoot = resolve(import.meta.dirname, '..', '..');

/**
 * Playwright's global set-up: builds the browser host once per run the way `npm run start:browser`
 * does, so every spec starts the host people run rather than the sources through tsx, whose module
 * loading cost each of the suite's hundred-odd starts about three times the CPU. A folder of this
 * run's own, so runs side by side never start a bundle another one is rewriting; two folders below
 * the repository, as dist/browser-host is, so default-paths.ts finds the renderer and the sample
 * bots. The returned function is the global tear-down.
 */
// eslint-disable-next-line no-restricted-syntax -- Playwright runs a global set-up file's default export
export default async function buildBrowserHostBundle(): Promise<() => Promise<void>> {
  await mkdir(join(repoRoot, 'dist'), { recursive: true });
  const bundleDir = await mkdtemp(join(repoRoot, 'dist', 'e2e-host-'));
  try {
    await build(browserHostBuild(join(repoRoot, 'main', 'browser', 'launch.ts'), bundleDir));
  } catch (error) {
    await rm(bundleDir, { recursive: true, force: true });
    throw error;
  }
  process.env[browserHostBundleVariable] = bundleDir;
  return async () => {
    delete process.env[browserHostBundleVariable];
    await rm(bundleDir, { recursive: true, force: true });
  };
}
