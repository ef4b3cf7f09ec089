import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { Benchmark, BenchmarkRow } from '../benchmark.js';
import { formatMb, formatPair, notApplicable } from '../format-values.js';
import type { SoakPlan, SoakSample, SoakSeries } from '../support/soak-core.js';
import { lastJsonLine } from '../support/run-ts-script.js';

const rssDriftTargetBytes = 10 * 1024 ** 2;

/**
 * Soak. Many short runs of a quick Node bot through the real supervisor, with sign-in renewals
 * in between (10,000 with BENCH_SOAK_RUNS=10000; 1,000 in an ordinary full run, 40 in a quick
 * one), against the same number of bare spawns, with 300 idle processes on the machine as a desktop
 * has (BENCH_SOAK_NEIGHBOURS). After a warm-up of a tenth of the runs: RSS drift < 10 MB, open
 * file descriptors and listeners flat.
 */
export const soak: Benchmark = {
  name: 'soak',
  rowIds: ['soak-rss', 'soak-fds', 'soak-listeners'],
  async run(context) {
    const runs = Number(process.env.BENCH_SOAK_RUNS) || (context.quick ? 40 : 1000);
    const neighbours = Number(process.env.BENCH_SOAK_NEIGHBOURS ?? (context.quick ? 20 : 300));
    const plan: SoakPlan = { runs, renewEvery: Math.max(10, Math.floor(runs / 20)), repoRoot: context.repoRoot, neighbours };
    context.progress(`soak: ${runs} short runs with a re-authentication every ${plan.renewEvery}, then ${runs} bare spawns, beside ${neighbours} idle processes`);
    const stdout = await runWithGc(join(context.repoRoot, 'bench', 'support', 'soak-core.ts'), context.repoRoot, { BENCH_SOAK_PLAN: JSON.stringify(plan) });
    const { app, bare } = lastJsonLine<{ app: SoakSeries; bare: SoakSeries }>(stdout);
    const mb = (pick: (sample: SoakSample) => number) => series(app, pick, formatMb);
    context.progress(
      `soak: V8 heap reserved ${mb((s) => s.heapTotalBytes)}; outside the heap ${mb((s) => s.externalBytes)}; anonymous memory ${mb((s) => s.anonymousBytes)}, of it the C allocator's main heap ${mb((s) => s.brkHeapBytes)}; file-backed (code) ${mb((s) => s.fileBytes)}`,
    );
    return rowsFor(app, bare);
  },
};

/** One value per checkpoint, in order: "a → b → c". */
function series(s: SoakSeries, pick: (sample: SoakSample) => number, format: (v: number) => string): string {
  return s.samples.map((sample) => format(pick(sample))).join(' → ');
}

/**
 * RSS after warm-up: the last checkpoint over the lowest one. Against the first checkpoint alone,
 * a first reading that happened to be high hid a steady climb.
 */
export function drift(series: SoakSeries, pick: (sample: SoakSample) => number): number {
  const last = series.samples.at(-1);
  return last ? pick(last) - Math.min(...series.samples.map(pick)) : Number.NaN;
}

/**
 * Counts (descriptors, handles) after warm-up: the last checkpoint over the first. Counts are
 * exact, but a checkpoint soon after a re-authentication also holds its keep-alive sockets for a
 * while, so they alternate between checkpoints; a leak shows as the end above the start.
 */
export function countGrowth(series: SoakSeries, pick: (sample: SoakSample) => number): number {
  const first = series.samples[0];
  const last = series.samples.at(-1);
  return first && last ? pick(last) - pick(first) : Number.NaN;
}

function rowsFor(app: SoakSeries, bare: SoakSeries): BenchmarkRow[] {
  const what = `${app.runs.toLocaleString('en-GB')} runs, ${app.renewals} re-authentications, ${(app.elapsedMs / 1000).toFixed(0)} s`;
  const baseline = `${bare.runs.toLocaleString('en-GB')} bare spawns of the same bot`;
  const count = (value: number) => (value > 0 ? `+${value}` : String(value));
  const rss = drift(app, (s) => s.rssBytes);
  const fds = countGrowth(app, (s) => s.fds);
  const listeners = countGrowth(app, (s) => s.listeners);
  return [
    {
      id: 'soak-rss',
      benchmark: `Soak (${what}): RSS drift after warm-up (${series(app, (s) => s.rssBytes, formatMb)}; JS heap in use ${series(app, (s) => s.heapUsedBytes, formatMb)})`,
      baseline,
      median: formatPair(rss, drift(bare, (s) => s.rssBytes), formatMb),
      p95: notApplicable,
      p99: notApplicable,
      ratio: notApplicable,
      target: `< ${formatMb(rssDriftTargetBytes)}`,
      met: rss < rssDriftTargetBytes,
    },
    {
      id: 'soak-fds',
      benchmark: `Soak (${what}): open file descriptors after warm-up (${series(app, (s) => s.fds, String)})`,
      baseline,
      median: `${count(fds)} / ${count(countGrowth(bare, (s) => s.fds))}`,
      p95: notApplicable,
      p99: notApplicable,
      ratio: notApplicable,
      target: 'flat (no growth)',
      met: fds <= 0,
    },
    {
      id: 'soak-listeners',
      benchmark: `Soak (${what}): listeners and active handles after warm-up (${series(app, (s) => s.listeners, String)})`,
      baseline,
      median: `${count(listeners)} / ${count(countGrowth(bare, (s) => s.listeners))}`,
      p95: notApplicable,
      p99: notApplicable,
      ratio: notApplicable,
      target: 'flat (no growth)',
      met: listeners <= 0,
    },
  ];
}

/** Like runTsScript, with --expose-gc so samples are taken after a collection. */
function runWithGc(script: string, cwd: string, env: Record<string, string>): Promise<string> {
  const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', script], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 3_600_000);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(stdout);
      else reject(new Error(`the soak core exited with ${code ?? signal}:\n${stderr.slice(-4000)}`));
    });
  });
}
