import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectedSha256, nodeRuntimeDownload, nodeRuntimeVersion } from './fetch-node-runtime.mjs';

describe('fetch-node-runtime', () => {
  it('pins an LTS (even) major of at least 20', () => {
    const major = Number(nodeRuntimeVersion.split('.')[0]);
    expect(major % 2).toBe(0);
    expect(major).toBeGreaterThanOrEqual(20);
  });

  it('names the official archive and the folder electron-builder.yml packs for each target', () => {
    expect(nodeRuntimeDownload({ version: '22.12.0', platform: 'win32', arch: 'x64' })).toMatchObject({
      url: 'https://nodejs.org/dist/v22.12.0/node-v22.12.0-win-x64.zip',
      binaryInArchive: 'node-v22.12.0-win-x64/node.exe',
      targetDir: path.join('build', 'node-runtime', 'win-x64'),
      binaryName: 'node.exe',
    });
    expect(nodeRuntimeDownload({ version: '22.12.0', platform: 'darwin', arch: 'arm64' })).toMatchObject({
      url: 'https://nodejs.org/dist/v22.12.0/node-v22.12.0-darwin-arm64.tar.gz',
      binaryInArchive: 'node-v22.12.0-darwin-arm64/bin/node',
      targetDir: path.join('build', 'node-runtime', 'mac-arm64'),
    });
    expect(nodeRuntimeDownload({ version: '22.12.0', platform: 'linux', arch: 'x64' }).targetDir).toBe(path.join('build', 'node-runtime', 'linux-x64'));
  });

  it('takes the expected hash only from an exact line of SHASUMS256.txt', () => {
    const hash = 'a'.repeat(64);
    const sums = `${'b'.repeat(64)}  node-v22.12.0-linux-x64.tar.xz\n${hash}  node-v22.12.0-linux-x64.tar.gz\n`;
    expect(expectedSha256(sums, 'node-v22.12.0-linux-x64.tar.gz')).toBe(hash);
    expect(expectedSha256(sums, 'node-v22.12.0-win-x64.zip')).toBeUndefined();
    expect(expectedSha256('nothash  node-v22.12.0-win-x64.zip', 'node-v22.12.0-win-x64.zip')).toBeUndefined();
  });
});
