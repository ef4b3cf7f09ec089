import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { devServerUrl, resolveAppPaths } from './resolve-app-paths.js';

describe('resolveAppPaths', () => {
  it('reads bots from resources when packaged', () => {
    const paths = resolveAppPaths({ isPackaged: true, appPath: '/opt/app/resources/app.asar', resourcesPath: '/opt/app/resources', mainDir: '/opt/app/resources/app.asar/out/main' });
    expect(paths).toEqual({
      botsDir: path.join('/opt/app/resources', 'bots'),
      preloadPath: path.join('/opt/app/resources/app.asar/out', 'preload', 'preload.cjs'),
      rendererIndexPath: path.join('/opt/app/resources/app.asar/out', 'renderer', 'index.html'),
    });
  });

  it('reads bots from the repo in development', () => {
    expect(resolveAppPaths({ isPackaged: false, appPath: '/src/app', resourcesPath: '/x', mainDir: '/src/app/out/main' }).botsDir).toBe(path.join('/src/app', 'bots'));
  });
});

describe('devServerUrl', () => {
  it('honours a loopback dev server in development', () => {
    expect(devServerUrl({ isPackaged: false, value: 'http://localhost:5173' })).toBe('http://localhost:5173/');
  });

  it.each([
    ['a packaged build', true, 'http://localhost:5173'],
    ['no value', false, undefined],
    ['a remote host', false, 'http://evil.example:5173'],
    ['https elsewhere', false, 'https://evil.example'],
    ['a file URL', false, 'file:///tmp/index.html'],
    ['garbage', false, 'not a url'],
  ] as const)('ignores %s', (_name, isPackaged, value) => {
    expect(devServerUrl({ isPackaged, value })).toBeUndefined();
  });
});
