// Packs the app with electron-builder's `dir` target against a stand-in Electron distribution
// (main/electron/packaging.test.ts): `node pack-dir.mjs <electronDist> <outputDir>`. The real
// electron-builder.yml applies; only what needs the real Electron binary is replaced: the
// distribution itself (nothing is downloaded) and the fuse hook, which has its own test.
import { readFileSync } from 'node:fs';
import { build, Platform } from 'electron-builder';

const [electronDist, output] = process.argv.slice(2);
const electronVersion = JSON.parse(readFileSync(new URL('../../../node_modules/electron/package.json', import.meta.url), 'utf8')).version;
const platform = { linux: Platform.LINUX, darwin: Platform.MAC, win32: Platform.WINDOWS }[process.platform];
await build({
  targets: platform.createTarget('dir'),
  config: { electronDist, electronVersion, afterPack: null, directories: { output } },
  publish: 'never',
});
