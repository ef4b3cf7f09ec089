import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { botsDirOverride, devServerUrl, resolveAppPaths, userDataOverride } from './resolve-app-paths.js';

describe('resolveAppPaths', () => {
  it('reads bots from resources when packaged', () => {
    const paths = resolveAppPaths({ isPackaged: true, appPath: '/opt/app/resources/app.asar', resourcesPath: '/opt/app/resources', mainDir: '/opt/app/resources/app.asar/out/main' });
    expect(paths).toEqual({
      botsDir: path.join('/opt/app/resources', 'bots'),
      preloadPath: path.join('/opt/app/resources/app.asar/out', 'preload', 'preload.cjs'),
      rendererIndexPath: path.join('/opt/app/resources/app.asar/out', 'renderer', 'index.html'),
      playwrightCoreDir: path.join('/opt/app/resources', 'app.asar.unpacked', 'node_modules', 'playwright-core'),
    });
  });

  it('reads bots from the repo in development', () => {
    const paths = resolveAppPaths({ isPackaged: false, appPath: '/src/app', resourcesPath: '/x', mainDir: '/src/app/out/main' });
    expect(paths.botsDir).toBe(path.join('/src/app', 'bots'));
    expect(paths.playwrightCoreDir).toBe(path.join('/src/app', 'node_modules', 'playwright-core'));
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

describe('userDataOverride', () => {
  it('gives a development build a fresh absolute folder', () => {
    expect(userDataOverride({ isPackaged: false, value: '/tmp/e2e-123' })).toBe('/tmp/e2e-123');
  });

  it.each([
    ['a packaged build', true, '/tmp/e2e-123'],
    ['a relative path', false, 'e2e-123'],
    ['no value', false, undefined],
    ['an empty value', false, ''],
  ] as const)('ignores %s', (_name, isPackaged, value) => {
    expect(userDataOverride({ isPackaged, value })).toBeUndefined();
  });
});

describe('botsDirOverride', () => {
  it('lets a development build (and its e2e tests) load bots from another absolute folder', () => {
    expect(botsDirOverride({ isPackaged: false, value: '/tmp/e2e-bots' })).toBe('/tmp/e2e-bots');
  });

  it.each([
    ['a packaged build', true, '/tmp/e2e-bots'],
    ['a relative path', false, 'bots'],
  ] as const)('ignores %s', (_name, isPackaged, value) => {
    expect(botsDirOverride({ isPackaged, value })).toBeUndefined();
  });
});
