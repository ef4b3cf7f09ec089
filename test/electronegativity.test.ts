/**
 * S49: Electronegativity (@doyensec/electronegativity) scans the Electron shell's source (main/)
 * and the built output (out/ main, preload and renderer). It exits 0 whatever it finds, so this
 * test reads its findings and fails on every HIGH or MEDIUM finding that is not justified in
 * build/electronegativity-allowlist.json, on allowlist entries that match nothing, and on files
 * it could not parse (an unparsed file is an unscanned file).
 *
 * It runs offline: test/electronegativity-scan.mjs stubs the tool's HTTP client, and the
 * Electron release check (which needs the internet) is excluded.
 */
import { execFile, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { transformSync } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.join(import.meta.dirname, '..');
const workDir = path.join(root, '.tmp', `electronegativity-${process.pid}`);
const scanner = path.join(root, 'test', 'electronegativity-scan.mjs');
const electronVersion = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> }).devDependencies.electron ?? '';
const allowlist = JSON.parse(readFileSync(path.join(root, 'build', 'electronegativity-allowlist.json'), 'utf8')) as {
  findings: Array<{ check: string; files: string[]; justification: string }>;
};

interface Finding {
  check: string;
  severity: string;
  file: string;
  location: string;
}

interface Scan {
  findings: Finding[];
  checks: number;
  unparsed: Array<{ file: string; message: string }>;
}

let scans: Record<'source' | 'built', Scan>;

async function electronegativity(input: string, label: string): Promise<Scan> {
  const { stdout, stderr } = await promisify(execFile)(process.execPath, [scanner, input, electronVersion], { cwd: root, maxBuffer: 16 * 1024 * 1024 });
  // The tool prints a failed file walk and carries on with nothing to scan: that is no scan.
  if (stderr.trim() !== '') throw new Error(`Electronegativity reported an error while scanning ${label}:\n${stderr}`);
  const report = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as Pick<Scan, 'checks' | 'unparsed' | 'findings'>;
  const findings = report.findings.map((finding) => ({ ...finding, file: `${label === 'source' ? 'main' : 'out'}/${finding.file.split(path.sep).join('/')}` }));
  return { findings, checks: report.checks, unparsed: report.unparsed };
}

/**
 * A still copy of main/: Electronegativity walks its input with node-dir, which gives up on the
 * whole walk (and the scan then silently finds nothing) when any entry vanishes mid-walk, as
 * files made by other tests running at the same time can.
 */
function prepareSource(): string {
  const sourceDir = path.join(workDir, 'source');
  cpSync(path.join(root, 'main'), sourceDir, { recursive: true, filter: (from) => !from.includes(`${path.sep}node_modules`) });
  return sourceDir;
}

/** The built app as Electronegativity can read it: its parser predates `#private` fields and skips .cjs files. */
function prepareBuiltOutput(): string {
  // Its own build, never the shared out/: the packaging test may rebuild that while this reads it.
  const outDir = path.join(workDir, 'out');
  {
    const build = spawnSync(process.execPath, [path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build', '--outDir', outDir], { cwd: root, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`electron-vite build failed:\n${build.stdout}\n${build.stderr}`);
  }
  const scanDir = path.join(workDir, 'built');
  const copy = (from: string, to: string): void => {
    for (const entry of readdirSync(from, { withFileTypes: true })) {
      const source = path.join(from, entry.name);
      if (entry.isDirectory()) copy(source, path.join(to, entry.name));
      else if (/\.(c|m)?js$/.test(entry.name)) {
        mkdirSync(to, { recursive: true });
        const code = transformSync(readFileSync(source, 'utf8'), { loader: 'js', target: 'es2019', format: entry.name.endsWith('.cjs') ? 'cjs' : 'esm' }).code;
        writeFileSync(path.join(to, entry.name.replace(/\.(c|m)js$/, '.js')), code);
      } else if (entry.name.endsWith('.html')) {
        mkdirSync(to, { recursive: true });
        copyFileSync(source, path.join(to, entry.name));
      }
    }
  };
  for (const part of ['main', 'preload', 'renderer']) copy(path.join(outDir, part), path.join(scanDir, part));
  return scanDir;
}

beforeAll(async () => {
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(workDir, { recursive: true });
  const built = prepareBuiltOutput();
  const [source, builtScan] = await Promise.all([electronegativity(prepareSource(), 'source'), electronegativity(built, 'built')]);
  scans = { source, built: builtScan };
}, 300_000); // builds the whole app: a bound for a busy machine, not a wait

afterAll(() => rmSync(workDir, { recursive: true, force: true }));

const serious = (scan: Scan): Finding[] => scan.findings.filter((finding) => finding.severity === 'HIGH' || finding.severity === 'MEDIUM');
const isAllowed = (finding: Finding): boolean => allowlist.findings.some((entry) => entry.check === finding.check && entry.files.includes(finding.file));

describe('S49 Electronegativity', () => {
  it.each(['source', 'built'] as const)('parses every file of the %s scan', (which) => {
    expect(scans[which].unparsed).toEqual([]);
    expect(scans[which].checks).toBeGreaterThan(30);
  });

  it.each(['source', 'built'] as const)('finds no HIGH or MEDIUM issue in the %s scan that the allowlist does not justify', (which) => {
    const unexplained = serious(scans[which]).filter((finding) => !isAllowed(finding));
    expect(unexplained).toEqual([]);
  });

  it('scans the window and IPC code at all (the allowlisted findings are really there)', () => {
    const found = [...serious(scans.source), ...serious(scans.built)];
    const stale = allowlist.findings.flatMap((entry) =>
      entry.files.filter((file) => !found.some((finding) => finding.check === entry.check && finding.file === file)).map((file) => `${entry.check} ${file}`),
    );
    expect(stale).toEqual([]);
  });

  it('justifies every allowlist entry in words', () => {
    for (const entry of allowlist.findings) expect(entry.justification.length, entry.check).toBeGreaterThan(40);
  });
});
