import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { afterAll, describe, expect, it } from 'vitest';
import { afterPack, electronBinaryPath, fuseConfig, fuseSettings } from '../../scripts/after-pack.mjs';

/**
 * The electron-builder afterPack hook (scripts/after-pack.mjs) run for real on stand-in Electron
 * binaries: bytes around the fuse sentinel, laid out as @electron/fuses reads them, with the
 * default wire of Electron 45 ('1' = on, '0' = off).
 */
const sentinel = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const electron45DefaultWire = '10110001'; // RunAsNode … GrantFileProtocolExtraPrivileges
const on = 0x31;
const off = 0x30;
const workDir = mkdtempSync(path.join(tmpdir(), 'after-pack-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

function fakeElectronBinary(file: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const wire = Buffer.concat([Buffer.from(sentinel), Buffer.from([1, electron45DefaultWire.length]), Buffer.from(electron45DefaultWire)]);
  writeFileSync(file, Buffer.concat([randomBytes(4096), wire, randomBytes(4096)]));
}

const packager = { executableName: 'rpa-supervisor', appInfo: { productFilename: 'RPA Supervisor' } };

describe('fuse settings', () => {
  it('turn RunAsNode, NODE_OPTIONS and the inspect switches off, and asar integrity and asar-only loading on', () => {
    expect(fuseSettings).toEqual({
      RunAsNode: false,
      EnableCookieEncryption: true,
      EnableNodeOptionsEnvironmentVariable: false,
      EnableNodeCliInspectArguments: false,
      EnableEmbeddedAsarIntegrityValidation: true,
      OnlyLoadAppFromAsar: true,
    });
  });

  it('leave the file:// privileges fuse alone, because the renderer is a file:// page', () => {
    expect(fuseConfig('linux')).not.toHaveProperty(String(FuseV1Options.GrantFileProtocolExtraPrivileges));
  });

  it('re-sign ad hoc only on macOS', () => {
    expect(fuseConfig('darwin')).toMatchObject({ resetAdHocDarwinSignature: true });
    expect(fuseConfig('win32')).toMatchObject({ resetAdHocDarwinSignature: false });
  });
});

describe('afterPack', () => {
  it.each([
    ['linux', 'rpa-supervisor'],
    ['win32', 'RPA Supervisor.exe'],
  ])('flips every fuse in the packaged %s binary', async (electronPlatformName, fileName) => {
    const appOutDir = path.join(workDir, electronPlatformName);
    const binary = path.join(appOutDir, fileName);
    fakeElectronBinary(binary);
    const context = { appOutDir, electronPlatformName, packager };
    expect(electronBinaryPath(context)).toBe(binary);

    await afterPack(context);

    const wire = (await getCurrentFuseWire(binary)) as unknown as Record<number, number>;
    expect(wire[FuseV1Options.RunAsNode]).toBe(off);
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(on);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(off);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(off);
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(on);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(on);
    // Untouched: Electron's own default stays.
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(on);
  });

  it('points at the .app bundle on macOS, where @electron/fuses finds the framework binary', () => {
    expect(electronBinaryPath({ appOutDir: '/out/mac-arm64', electronPlatformName: 'darwin', packager })).toBe(path.join('/out/mac-arm64', 'RPA Supervisor.app'));
  });

  it('fails the build when the binary has no fuse wire', async () => {
    const appOutDir = path.join(workDir, 'broken');
    mkdirSync(appOutDir, { recursive: true });
    writeFileSync(path.join(appOutDir, 'rpa-supervisor'), randomBytes(1024));
    await expect(afterPack({ appOutDir, electronPlatformName: 'linux', packager })).rejects.toThrow(/sentinel/);
  });
});
