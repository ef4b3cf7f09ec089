import { existsSync, readFileSync } from 'node:fs';
import type { Configuration } from 'electron-builder';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { appIdentity } from '../../app/config/app-identity.js';

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

  it('ships bots outside the asar, where resolveAppPaths looks for them', () => {
    expect(asArray(config.extraResources)).toContainEqual(expect.objectContaining({ from: 'bots', to: 'bots' }));
  });

  it('builds AppImage and deb with the deep-link sentinel before the URL on Linux', () => {
    expect(targetNames(config.linux?.target)).toEqual(['AppImage', 'deb']);
    expect(config.linux?.executableArgs).toEqual([appIdentity.deepLinkSentinel]);
    expect((config.extraMetadata as { desktopName?: string }).desktopName).toBe(`${config.linux?.executableName}.desktop`);
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
