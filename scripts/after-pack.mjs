// electron-builder `afterPack` hook (electron-builder.yml): flips Electron's fuses in the packaged
// binary, after the app is copied in and before it is signed, so the OS signature covers them.
// docs/packaging.md ("Fuses") explains each one; main/electron/after-pack.test.ts runs this
// hook on a stand-in binary and checks every fuse.
import path from 'node:path';
import { FuseV1Options, FuseVersion, flipFuses, getCurrentFuseWire } from '@electron/fuses';

/** The fuse settings every packaged build ships with. */
export const fuseSettings = Object.freeze({
  // Bots run on the Node.js runtime shipped in resources/node instead
  // (main/electron/bot-node-runtime.ts): with this off, ELECTRON_RUN_AS_NODE cannot turn the
  // signed app into a general-purpose Node.
  RunAsNode: false,
  EnableCookieEncryption: true,
  // NODE_OPTIONS and --inspect would let anyone who can start the app inject code into it.
  EnableNodeOptionsEnvironmentVariable: false,
  EnableNodeCliInspectArguments: false,
  // The app code must come from the signed app.asar, unmodified (checked on macOS and Windows;
  // electron-builder embeds the header hash).
  EnableEmbeddedAsarIntegrityValidation: true,
  OnlyLoadAppFromAsar: true,
});

const fuseOn = 0x31; // '1'
const fuseOff = 0x30; // '0'

/** The @electron/fuses config for a platform. */
export function fuseConfig(electronPlatformName) {
  const config = {
    version: FuseVersion.V1,
    // Flipping a fuse breaks the ad-hoc signature of Apple-silicon builds; re-sign them ad hoc.
    // A real Developer ID signature is applied after this hook anyway.
    resetAdHocDarwinSignature: electronPlatformName === 'darwin' || electronPlatformName === 'mas',
  };
  for (const [name, enabled] of Object.entries(fuseSettings)) config[FuseV1Options[name]] = enabled;
  return config;
}

/** The file that holds the fuse wire: the same path electron-builder's own fuse support uses. */
export function electronBinaryPath(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  if (electronPlatformName === 'linux') return path.join(appOutDir, packager.executableName);
  if (electronPlatformName === 'win32') return path.join(appOutDir, `${packager.appInfo.productFilename}.exe`);
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas') return path.join(appOutDir, `${packager.appInfo.productFilename}.app`);
  throw new Error(`after-pack: unknown platform ${electronPlatformName}`);
}

export async function afterPack(context) {
  const binary = electronBinaryPath(context);
  await flipFuses(binary, fuseConfig(context.electronPlatformName));
  // Read the wire back: a build whose fuses did not take must not ship.
  const wire = await getCurrentFuseWire(binary);
  for (const [name, enabled] of Object.entries(fuseSettings)) {
    const state = wire[FuseV1Options[name]];
    if (state !== (enabled ? fuseOn : fuseOff)) throw new Error(`after-pack: fuse ${name} is not ${enabled ? 'on' : 'off'} in ${binary}`);
  }
}
