// Puts the Node.js runtime that bots run on into build/node-runtime/<os>-<arch>/ before
// electron-builder packs it into resources/node (electron-builder.yml, docs/packaging.md "Bots
// without a separately installed Node"). Run it on the build machine for each target:
//   node scripts/fetch-node-runtime.mjs [--platform win32|darwin|linux] [--arch x64|arm64]
// The archive comes from nodejs.org over https and must match the SHA-256 in that release's
// SHASUMS256.txt; release builds also check the file's GPG signature (docs/packaging.md).
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { copyFileSync, chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The Node.js bots run on. An LTS line; bump it with every Node.js security release. */
export const nodeRuntimeVersion = '22.12.0';

/** electron-builder's `${os}` for a Node platform name. */
const builderOs = { win32: 'win', darwin: 'mac', linux: 'linux' };

/**
 * What to download for a target, and where it goes.
 * @param {{ version: string; platform: 'win32' | 'darwin' | 'linux'; arch: string }} target
 */
export function nodeRuntimeDownload({ version, platform, arch }) {
  const nodePlatform = platform === 'win32' ? 'win' : platform;
  const base = `node-v${version}-${nodePlatform}-${arch}`;
  const archiveName = platform === 'win32' ? `${base}.zip` : `${base}.tar.gz`;
  return {
    archiveName,
    url: `https://nodejs.org/dist/v${version}/${archiveName}`,
    sumsUrl: `https://nodejs.org/dist/v${version}/SHASUMS256.txt`,
    binaryInArchive: platform === 'win32' ? `${base}/node.exe` : `${base}/bin/node`,
    targetDir: path.join('build', 'node-runtime', `${builderOs[platform]}-${arch}`),
    binaryName: platform === 'win32' ? 'node.exe' : 'node',
  };
}

/** The expected SHA-256 of `archiveName` in a SHASUMS256.txt, or undefined. */
export function expectedSha256(sums, archiveName) {
  for (const line of sums.split('\n')) {
    const [hash, name] = line.trim().split(/\s+/);
    if (name === archiveName && /^[0-9a-f]{64}$/.test(hash ?? '')) return hash;
  }
  return undefined;
}

async function download(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return Buffer.from(await response.arrayBuffer());
}

async function main() {
  const args = process.argv.slice(2);
  const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
  const platform = option('--platform', process.platform);
  const arch = option('--arch', process.arch);
  if (!(platform in builderOs)) throw new Error(`unsupported platform ${platform}`);
  const plan = nodeRuntimeDownload({ version: nodeRuntimeVersion, platform, arch });
  const expected = expectedSha256((await download(plan.sumsUrl)).toString('utf8'), plan.archiveName);
  if (!expected) throw new Error(`${plan.archiveName} is not listed in ${plan.sumsUrl}`);
  const archive = await download(plan.url);
  const actual = createHash('sha256').update(archive).digest('hex');
  if (actual !== expected) throw new Error(`${plan.archiveName}: SHA-256 ${actual} does not match ${expected}`);

  const work = mkdtempSync(path.join(tmpdir(), 'node-runtime-'));
  try {
    const archivePath = path.join(work, plan.archiveName);
    writeFileSync(archivePath, archive);
    // bsdtar (Windows 10+, macOS) and GNU tar both read these archives.
    const extracted = spawnSync('tar', ['-xf', archivePath, '-C', work, plan.binaryInArchive], { stdio: 'inherit' });
    if (extracted.status !== 0) throw new Error('tar could not extract the Node.js binary');
    rmSync(plan.targetDir, { recursive: true, force: true });
    mkdirSync(plan.targetDir, { recursive: true });
    const target = path.join(plan.targetDir, plan.binaryName);
    copyFileSync(path.join(work, plan.binaryInArchive), target);
    chmodSync(target, 0o755);
    console.log(`Node.js ${nodeRuntimeVersion} for ${platform}-${arch} → ${target} (sha256 of archive ${actual})`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
