import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Configuration } from 'electron-builder';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { appIdentity } from '../../app/config/app-identity.js';
import viteConfig from '../../electron.vite.config.js';
import { extractDeepLink } from './deep-link-intake.js';
import { resolveAppPaths } from './resolve-app-paths.js';

/**
 * electron-builder.yml and build/installer.nsh cannot import app-identity.ts, so this test keeps
 * them in step with it and with package.json: a drifted scheme would make the installed app
 * deaf to its own OAuth redirects.
 */
const fromRoot = (file: string): URL => new URL(`../../${file}`, import.meta.url);
const config = parse(readFileSync(fromRoot('electron-builder.yml'), 'utf8')) as Configuration;
const packageJson = JSON.parse(readFileSync(fromRoot('package.json'), 'utf8')) as { main: string; productName: string; name: string };
const installerScript = readFileSync(fromRoot('build/installer.nsh'), 'utf8');
const asArray = <T>(value: T | T[] | null | undefined): T[] => (value == null ? [] : Array.isArray(value) ? value : [value]);
const targetNames = (target: unknown): string[] => asArray(target as unknown).map((t) => (typeof t === 'string' ? t : (t as { target: string }).target));
const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const productionScheme = appIdentity.protocolScheme.production;

/** electron-builder merges a target's array options into linux.* ones (deepAssign: set union). */
function mergedExecutableArgs(target: 'appImage' | 'deb'): string[] {
  const linuxArgs = asArray(config.linux?.executableArgs);
  const targetArgs = asArray((config[target] as { executableArgs?: string[] | null } | null | undefined)?.executableArgs);
  return [...new Set([...linuxArgs, ...targetArgs])];
}

/**
 * The .desktop Exec line electron-builder 26 writes (LinuxTargetHelper.computeDesktopEntry and
 * AppImageTarget; checked by hand with `electron-builder --linux dir`): deb runs the installed
 * binary and appends %U unless the args already hold a field code; AppImage always appends %U.
 */
function desktopExec(target: 'appImage' | 'deb'): string {
  const args = mergedExecutableArgs(target).join(' ');
  if (target === 'appImage') return `AppRun ${args} %U`;
  const hasFieldCode = mergedExecutableArgs(target).some((arg) => ['%f', '%u', '%F', '%U'].includes(arg));
  return `"/opt/${config.productName}/${config.linux?.executableName}" ${args}${hasFieldCode ? '' : ' %U'}`;
}

/** What a desktop launcher runs for one clicked link (Desktop Entry spec: quoting and field codes). */
function launchArgv(exec: string, url: string): string[] {
  const words = exec.match(/"[^"]*"|\S+/g) ?? [];
  return words.map((word) => word.replace(/^"(.*)"$/, '$1')).flatMap((word) => (word === '%u' || word === '%U' ? [url] : [word]));
}

describe('electron-builder.yml', () => {
  it('uses the app identity', () => {
    expect(config.appId).toBe(appIdentity.appId);
    expect(config.productName).toBe(appIdentity.productName);
    expect(packageJson.productName).toBe(appIdentity.productName);
  });

  it('registers exactly the production scheme, never the dev one', () => {
    const protocols = asArray(config.protocols);
    expect(protocols.flatMap((protocol) => protocol.schemes)).toEqual([appIdentity.protocolScheme.production]);
  });

  it('ships the built main entry that package.json names', () => {
    expect(packageJson.main).toBe('out/main/index.js');
    expect(asArray(config.files)).toContain('out/**/*');
    expect(asArray(config.files)).toContain('package.json');
  });

  it('ships bots outside the asar, where resolveAppPaths looks for them, without their tests', () => {
    expect(asArray(config.extraResources)).toContainEqual(expect.objectContaining({ from: 'bots', to: 'bots', filter: expect.arrayContaining(['**/*', '!**/*.test.*']) }));
    const packaged = resolveAppPaths({ isPackaged: true, appPath: '/r/app.asar', resourcesPath: '/r', mainDir: '/r/app.asar/out/main' });
    expect(packaged.botsDir).toBe(path.join('/r', 'bots'));
    expect(config.asar).toBe(true);
  });

  it('packs exactly the entry points electron-vite builds and the shell loads', () => {
    const build = (section: 'main' | 'preload') => {
      const options = (viteConfig as unknown as Record<string, { build: { outDir: string; rollupOptions: { input: Record<string, string>; output: { entryFileNames: string } } } }>)[section];
      if (!options) throw new Error(`electron.vite.config.ts has no ${section} section`);
      const [[name, input]] = Object.entries(options.build.rollupOptions.input) as [[string, string]];
      const file = path.join(options.build.outDir, options.build.rollupOptions.output.entryFileNames.replace('[name]', name));
      return { input: path.relative(projectRoot, input), output: path.relative(projectRoot, file) };
    };
    expect(build('main')).toEqual({ input: path.join('main', 'electron', 'index.ts'), output: path.join('out', 'main', 'index.js') });
    expect(build('main').output.split(path.sep).join('/')).toBe(packageJson.main);
    const shell = resolveAppPaths({ isPackaged: true, appPath: '/a', resourcesPath: '/r', mainDir: path.join(projectRoot, 'out', 'main') });
    expect(build('preload')).toEqual({ input: path.join('main', 'electron', 'preload.ts'), output: path.relative(projectRoot, shell.preloadPath) });
    expect(path.relative(projectRoot, shell.rendererIndexPath)).toBe(path.join('out', 'renderer', 'index.html'));
    // All of out/ is packed, and nothing else from the repo but package.json.
    expect(asArray(config.files).filter((pattern): pattern is string => typeof pattern === 'string' && !pattern.startsWith('!'))).toEqual(['out/**/*', 'package.json']);
  });

  it('builds AppImage and deb with the deep-link sentinel before the URL on Linux', () => {
    expect(targetNames(config.linux?.target)).toEqual(['AppImage', 'deb']);
    expect(config.linux?.executableArgs).toEqual([appIdentity.deepLinkSentinel]);
    expect((config.extraMetadata as { desktopName?: string }).desktopName).toBe(`${config.linux?.executableName}.desktop`);
    expect(desktopExec('deb')).toBe(`"/opt/RPA Supervisor/rpa-supervisor" ${appIdentity.deepLinkSentinel} %u`);
    expect(desktopExec('appImage')).toBe(`AppRun ${appIdentity.deepLinkSentinel} %U`);
  });

  it.each(['deb', 'appImage'] as const)('the %s launcher hands one clicked link to the deep-link intake', (target) => {
    const url = `${productionScheme}://auth/callback?code=c&state=s`;
    const argv = launchArgv(desktopExec(target), url);
    expect(extractDeepLink(argv, { scheme: productionScheme, sentinel: appIdentity.deepLinkSentinel, platform: 'linux', isPackaged: true })).toEqual({ kind: 'url', url });
  });

  it('flips the Electron fuses in an afterPack hook that exists', async () => {
    expect(config.afterPack).toBe('./scripts/after-pack.mjs');
    const hook = (await import(path.join(projectRoot, config.afterPack as string))) as { afterPack?: unknown };
    expect(typeof hook.afterPack).toBe('function');
  });

  it('builds an NSIS installer that registers the scheme with the sentinel', () => {
    expect(targetNames(config.win?.target)).toEqual(['nsis']);
    expect(config.nsis?.include).toBe('build/installer.nsh');
    expect(installerScript).toContain(`!define RPA_SUPERVISOR_SCHEME "${appIdentity.protocolScheme.production}"`);
    expect(installerScript).toContain(`"$INSTDIR\\\${APP_EXECUTABLE_FILENAME}" "${appIdentity.deepLinkSentinel}" "%1"`);
    expect(installerScript).toMatch(/!macro customUnInstall[\s\S]*DeleteRegKey SHCTX "Software\\Classes\\\$\{RPA_SUPERVISOR_SCHEME\}"/);
  });

  it('builds a hardened-runtime dmg with entitlements that exist', () => {
    expect(targetNames(config.mac?.target)).toEqual(['dmg']);
    expect(config.mac?.hardenedRuntime).toBe(true);
    expect(config.mac?.entitlements).toBe('build/entitlements.mac.plist');
    expect(existsSync(fromRoot(config.mac?.entitlements ?? 'missing'))).toBe(true);
    const entitlements = readFileSync(fromRoot('build/entitlements.mac.plist'), 'utf8');
    // Weakening entitlements need a documented reason; none is needed today.
    expect(entitlements).not.toMatch(/disable-library-validation|allow-dyld-environment-variables|get-task-allow/);
  });
});

describe('one source for the schemes', () => {
  const docs = readFileSync(fromRoot('docs/packaging.md'), 'utf8');

  it('docs/packaging.md names the production and development schemes and no other', () => {
    const mentioned = new Set(docs.match(/uk\.co\.rpasupervisor(?:\.[a-z]+)*/g) ?? []);
    expect(mentioned).toContain(appIdentity.protocolScheme.production);
    expect(mentioned).toContain(appIdentity.protocolScheme.development);
    const known = new Set<string>([appIdentity.protocolScheme.production, appIdentity.protocolScheme.development, appIdentity.appId]);
    expect([...mentioned].filter((name) => !known.has(name))).toEqual([]);
    expect(docs).toContain(`${appIdentity.deepLinkSentinel} %u`);
  });

  it('the dev and prod schemes differ, so a dev build never answers production links', () => {
    expect(appIdentity.protocolScheme.development).not.toBe(appIdentity.protocolScheme.production);
    expect(appIdentity.protocolScheme.development.startsWith(`${appIdentity.protocolScheme.production}.`)).toBe(true);
  });
});
