import { mkdir, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseBenchOptions } from './bench-options.js';
import type { Benchmark, BenchContext, BenchmarkRow } from './benchmark.js';
import { benchmarkMethod } from './benchmark-method.js';
import { allBenchmarks } from './all-benchmarks.js';
import { machineInfo, describeMachine } from './machine-info.js';
import { missedTargetNotes, nearTheLineRows } from './missed-target-notes.js';
import { fixHistory } from './fix-history.js';
import { redesignCheck } from './redesign-check.js';
import { renderReport, renderTable } from './render-report.js';
import { CoreHarness } from './support/core-harness.js';

/**
 * `npm run bench [-- --quick] [--out FILE] [--json FILE] [--only callback,broker]`: runs every
 * benchmark, prints the table on stdout (progress on stderr) and writes docs/benchmarks.md.
 */
async function main(): Promise<number> {
  const repoRoot = resolve(import.meta.dirname, '..');
  const options = parseBenchOptions(process.argv.slice(2), join(repoRoot, 'docs', 'benchmarks.md'));
  const startedAt = performance.now();
  const machine = machineInfo();
  const loadAtStart = loadavg()[0] ?? 0;
  const progress = (message: string) => process.stderr.write(`[bench +${((performance.now() - startedAt) / 1000).toFixed(1)} s] ${message}\n`);
  progress(`${options.quick ? 'quick smoke run' : 'full run'} on ${describeMachine(machine)}; load average ${loadAtStart.toFixed(1)}`);

  let harness: Promise<CoreHarness> | undefined;
  const context: BenchContext = {
    quick: options.quick,
    repoRoot,
    progress,
    core: () => (harness ??= CoreHarness.start(repoRoot)),
  };
  const unknown = options.only?.filter((name) => !allBenchmarks.some((b) => b.name === name)) ?? [];
  if (unknown.length > 0) throw new Error(`unknown benchmark ${unknown.join(', ')}; choose from ${allBenchmarks.map((b) => b.name).join(', ')}`);
  const selected = allBenchmarks.filter((b) => options.only === undefined || options.only.includes(b.name));
  const rows: BenchmarkRow[] = [];
  const failed: string[] = [];
  try {
    for (const benchmark of selected) {
      try {
        rows.push(...numberRows(await runOne(benchmark, context), allBenchmarks.indexOf(benchmark) + 1));
      } catch (error) {
        // Keep going: one broken benchmark should not hide the others' numbers.
        failed.push(benchmark.name);
        progress(`${benchmark.name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      }
    }
  } finally {
    if (harness) await (await harness.catch(() => undefined))?.close();
  }

  const table = renderTable(rows);
  process.stdout.write(`\n${table}\n\nMachine: ${describeMachine(machine)}; load average ${loadAtStart.toFixed(1)} → ${(loadavg()[0] ?? 0).toFixed(1)}\n`);
  if (options.json) {
    await mkdir(dirname(options.json), { recursive: true });
    await writeFile(options.json, `${JSON.stringify({ machine, rows, failed }, null, 2)}\n`);
  }
  if (failed.length > 0) {
    progress(`not writing the report: ${failed.join(', ')} failed`);
    return 1;
  }
  if (options.out) {
    const args = withoutFileOptions(process.argv.slice(2));
    const report = renderReport({
      rows,
      machine,
      command: ['npm run bench', ...(args.length > 0 ? ['--', ...args] : [])].join(' '),
      finishedAt: new Date(),
      durationMs: performance.now() - startedAt,
      loadAverage: { start: loadAtStart, end: loadavg()[0] ?? 0 },
      quick: options.quick,
      missedNotes: missedTargetNotes,
      nearTheLine: nearTheLineRows,
      history: `${fixHistory.trim()}\n\n${redesignCheck.trim()}`,
      method: benchmarkMethod,
    });
    await mkdir(dirname(options.out), { recursive: true });
    await writeFile(options.out, report);
    progress(`wrote ${relative(process.cwd(), options.out) || options.out}`);
  }
  progress(`done in ${((performance.now() - startedAt) / 1000).toFixed(1)} s`);
  return 0;
}

async function runOne(benchmark: Benchmark, context: BenchContext): Promise<BenchmarkRow[]> {
  const startedAt = performance.now();
  context.progress(`${benchmark.name}: running`);
  const rows = await benchmark.run(context);
  context.progress(`${benchmark.name}: ${rows.length} rows in ${((performance.now() - startedAt) / 1000).toFixed(1)} s`);
  return rows;
}

/** The command line as a reader should re-run it: output locations are left out. */
function withoutFileOptions(argv: readonly string[]): string[] {
  const fileOptions = ['--out', '--json'];
  return argv.filter((arg, i) => !fileOptions.includes(arg) && !fileOptions.includes(argv[i - 1] ?? '') && !fileOptions.some((o) => arg.startsWith(`${o}=`)));
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`[bench] could not run: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);

/**
 * Numbers a benchmark's rows by its place in the full run, so the same row keeps its number in a
 * `--only` run and no two benchmarks share one; a number the benchmark wrote itself is replaced.
 */
export function numberRows(rows: readonly BenchmarkRow[], number: number): BenchmarkRow[] {
  return rows.map((row) => ({ ...row, benchmark: `${number}. ${row.benchmark.replace(/^\d+\.\s+/, '')}` }));
}
