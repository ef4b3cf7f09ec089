import path from 'node:path';
import { isLoopbackHost } from '../../app/common/loopback.js';

/**
 * Where the shell finds its files. Packaged builds read bots from `resources/bots` (copied by
 * electron-builder `extraResources`, outside the read-only asar); development reads the repo's
 * `bots/` folder. The built renderer and preload sit next to the built main file in `out/`.
 */
export function resolveAppPaths(input: { isPackaged: boolean; appPath: string; resourcesPath: string; mainDir: string }): {
  botsDir: string;
  preloadPath: string;
  rendererIndexPath: string;
  playwrightCoreDir: string;
} {
  return {
    botsDir: input.isPackaged ? path.join(input.resourcesPath, 'bots') : path.join(input.appPath, 'bots'),
    // Bots run as their own Node processes, which cannot read inside app.asar: electron-builder
    // unpacks playwright-core beside it (asarUnpack), and the SDK loads it from there.
    playwrightCoreDir: input.isPackaged
      ? path.join(input.resourcesPath, 'app.asar.unpacked', 'node_modules', 'playwright-core')
      : path.join(input.appPath, 'node_modules', 'playwright-core'),
    preloadPath: path.join(input.mainDir, '..', 'preload', 'preload.cjs'),
    rendererIndexPath: path.join(input.mainDir, '..', 'renderer', 'index.html'),
  };
}

/**
 * The dev server URL electron-vite puts in `ELECTRON_RENDERER_URL`, honoured in development only
 * and only on loopback, so an environment variable cannot point a packaged app at a web page.
 */
export function devServerUrl(input: { isPackaged: boolean; value: string | undefined }): string | undefined {
  if (input.isPackaged || !input.value) return undefined;
  try {
    const url = new URL(input.value);
    return url.protocol === 'http:' && isLoopbackHost(url.hostname) && url.username === '' && url.password === '' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Test isolation: development builds honour `RPA_SUPERVISOR_USER_DATA_DIR` (an absolute path)
 * so every e2e run gets a fresh profile, settings and secrets folder. Packaged builds ignore it.
 */
export function userDataOverride(input: { isPackaged: boolean; value: string | undefined }): string | undefined {
  if (input.isPackaged || !input.value || !path.isAbsolute(input.value)) return undefined;
  return input.value;
}

/**
 * Test isolation: development builds honour `RPA_SUPERVISOR_BOTS_DIR` (an absolute path), as the
 * browser host does, so e2e tests can load their own bots. Packaged builds ignore it.
 */
export function botsDirOverride(input: { isPackaged: boolean; value: string | undefined }): string | undefined {
  return userDataOverride(input);
}
