import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildSync } from 'esbuild';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { nativeCompileManifest, type CodeCacheLoad } from './code-cache-loader.js';

/**
 * The code cache loader in real Node processes (it replaces how Node compiles the bundle's
 * files, which a test must not do to its own process): a bundle of three small CommonJS files
 * runs, writes its cache, and runs again from it.
 */
let work: string;
let loaderFile: string;
let bundle: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'rpa-code-cache-'));
  loaderFile = join(work, 'loader.cjs');
  buildSync({ entryPoints: [resolve(import.meta.dirname, 'code-cache-loader.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: loaderFile, logLevel: 'error' });
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

beforeEach(() => {
  bundle = mkdtempSync(join(work, 'bundle-'));
  writeFileSync(join(bundle, 'entry.cjs'), 'const shared = require("./shared.cjs");\nconst chunk = require("./chunk.cjs");\nexports.run = async () => ({ value: shared.value, sameShared: chunk.shared === shared, os: await chunk.platform() });\n');
  writeFileSync(join(bundle, 'shared.cjs'), 'exports.value = 1;\n');
  // Loads an ES module with import(): only Node's own compile keeps that working.
  writeFileSync(join(bundle, 'chunk.cjs'), 'exports.shared = require("./shared.cjs");\nexports.platform = async () => (await import("node:os")).platform();\n');
  writeFileSync(join(bundle, nativeCompileManifest), JSON.stringify(['chunk.cjs']));
});

interface RunResult {
  loads: CodeCacheLoad[];
  value: number;
  sameShared: boolean;
  os: string;
}

/** One start: install the loader, run the entry, write the cache, report. */
function start(): RunResult {
  const script = `
    const { CodeCacheLoader } = require(${JSON.stringify(loaderFile)});
    const loader = new CodeCacheLoader(${JSON.stringify(bundle)});
    loader.install();
    require(${JSON.stringify(join(bundle, 'entry.cjs'))}).run().then((result) => {
      loader.save();
      process.stdout.write(JSON.stringify({ ...result, loads: loader.loads.map((load) => ({ ...load, file: require('node:path').basename(load.file) })) }));
    });`;
  const child = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`the bundle failed to run (${child.status}):\n${child.stderr}`);
  return JSON.parse(child.stdout) as RunResult;
}

const cacheDir = () => join(bundle, '.code-cache');
const cacheFiles = () => readdirSync(cacheDir()).sort();

describe('code cache loader', () => {
  it('compiles the bundle from source once, then from the cache, with one instance of each module', () => {
    const first = start();
    expect(first).toMatchObject({ value: 1, sameShared: true, os: process.platform });
    expect(first.loads).toEqual([
      { file: 'entry.cjs', cached: false },
      { file: 'shared.cjs', cached: false },
    ]);
    expect(cacheFiles().map((name) => name.slice(0, name.indexOf('.cjs-') + 4))).toEqual(['entry.cjs', 'shared.cjs']);
    expect(statSync(cacheDir()).mode & 0o777).toBe(0o700);
    for (const name of cacheFiles()) expect(statSync(join(cacheDir(), name)).mode & 0o777).toBe(0o600);

    const second = start();
    expect(second).toMatchObject({ value: 1, sameShared: true, os: process.platform });
    expect(second.loads).toEqual([
      { file: 'entry.cjs', cached: true },
      { file: 'shared.cjs', cached: true },
    ]);
  });

  it('leaves the files the manifest names to Node, so their import() works on every start', () => {
    start();
    const again = start();
    expect(again.os).toBe(process.platform);
    expect(again.loads.map((load) => load.file)).not.toContain('chunk.cjs');
    expect(cacheFiles().some((name) => name.startsWith('chunk.cjs'))).toBe(false);
  });

  it('S84 never runs the cache of other content, even of the same length (V8 itself checks little more than the length)', () => {
    start();
    writeFileSync(join(bundle, 'shared.cjs'), 'exports.value = 2;\n');
    const changed = start();
    expect(changed.value).toBe(2);
    expect(changed.loads).toContainEqual({ file: 'shared.cjs', cached: false });
    // The cache of the old content is gone; the new one is used from the next start.
    expect(cacheFiles().filter((name) => name.startsWith('shared.cjs'))).toHaveLength(1);
    expect(start().loads).toContainEqual({ file: 'shared.cjs', cached: true });
  });

  it('S84 runs from source when a cache file is damaged, and writes it again', () => {
    start();
    const damaged = join(cacheDir(), cacheFiles().find((name) => name.startsWith('entry.cjs')) as string);
    writeFileSync(damaged, 'not a code cache');
    const run = start();
    expect(run.value).toBe(1);
    expect(run.loads).toContainEqual({ file: 'entry.cjs', cached: false });
    expect(readFileSync(damaged).toString()).not.toBe('not a code cache');
    expect(start().loads).toContainEqual({ file: 'entry.cjs', cached: true });
  });

  it('caches nothing without the build manifest, and still runs', () => {
    rmSync(join(bundle, nativeCompileManifest));
    const run = start();
    expect(run).toMatchObject({ value: 1, os: process.platform, loads: [] });
    expect(existsSync(cacheDir())).toBe(false);
    expect(start().os).toBe(process.platform);
  });
});
