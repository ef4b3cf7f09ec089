import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allBenchmarks } from './all-benchmarks.js';

/**
 * `npm run bench -- --quick` must keep running end to end, so the benchmarks cannot rot. This
 * asserts that every benchmark produced its rows and the report was written; it asserts no
 * timing, because the numbers of a smoke run on a busy test machine mean nothing.
 */
const repoRoot = resolve(import.meta.dirname, '..');
let outDir: string;
let run: { code: number | null; stdout: string; stderr: string };
let report: string;
let json: { rows: { id: string; benchmark: string }[]; failed: string[] };

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'rpa-bench-smoke-'));
  const out = join(outDir, 'benchmarks.md');
  const jsonOut = join(outDir, 'benchmarks.json');
  const args = ['--import', 'tsx', join(repoRoot, 'bench', 'run-benchmarks.ts'), '--quick', '--out', out, '--json', jsonOut];
  const child = spawn(process.execPath, args, {
    cwd: repoRoot,
    env: { ...process.env, FORCE_COLOR: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((done) => child.once('close', done));
  run = { code, stdout, stderr };
  report = await readFile(out, 'utf8').catch(() => '');
  json = JSON.parse(await readFile(jsonOut, 'utf8').catch(() => '{"rows":[],"failed":["(no JSON written)"]}')) as typeof json;
}, 400_000); // runs every benchmark once: a bound for a busy machine, not a wait

afterAll(async () => {
  await rm(outDir, { recursive: true, force: true });
});

describe('npm run bench -- --quick', () => {
  it('finishes successfully and prints the results table with the machine it ran on', () => {
    expect(run.code, run.stderr.slice(-4000)).toBe(0);
    expect(run.stdout).toMatch(/^\| Benchmark \| Baseline \| Median \(app \/ baseline\) \| p95 .*\| Ratio to baseline \| Target \| Met\? \|$/m);
    expect(run.stdout).toMatch(/Machine: .+, \d+ cores, .*Node v\d+/);
  });

  it('produces a row for every benchmark, in the printed table and in the written report', () => {
    const expected = allBenchmarks.flatMap((benchmark) => benchmark.rowIds);
    expect(allBenchmarks.map((benchmark) => benchmark.name)).toEqual(['callback', 'broker', 'first-call', 'flood', 'idle', 'redaction', 'ask', 'many-bots', 'many-bots-ui', 'soak', 'cold-start', 'fleet-first-call', 'fleet-throughput', 'fleet-revoke', 'typing']);
    expect(json.failed).toEqual([]);
    expect(json.rows.map((row) => row.id).sort()).toEqual([...expected].sort());
    const rowsIn = (text: string) => text.split('\n').filter((line) => /^\| [1-9]\d*\. /.test(line));
    const printed = rowsIn(run.stdout);
    const written = rowsIn(report);
    expect(printed).toHaveLength(expected.length);
    expect(written).toEqual(printed);
    // One number per benchmark, in run order, none shared.
    allBenchmarks.forEach((benchmark, index) => {
      const numbered = json.rows.filter((row) => row.benchmark.startsWith(`${index + 1}. `)).map((row) => row.id);
      expect(numbered.sort(), benchmark.name).toEqual([...benchmark.rowIds].sort());
    });
  });

  it('writes the report with the command that produced it, flagged as a smoke run', () => {
    expect(report).toContain('Produced by `npm run bench -- --quick`');
    expect(report).toContain('quick smoke mode');
    expect(report).toMatch(/Targets met: \d+ of \d+\./);
  });
});
