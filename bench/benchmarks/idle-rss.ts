import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Benchmark, BenchContext, BenchmarkRow } from '../benchmark.js';
import { formatMb, formatPair, formatRatio, notApplicable } from '../format-values.js';
import { ratio, summarize } from '../stats.js';
import { bundleForNode } from '../support/bundle-for-node.js';
import type { IdlePlan, IdleReport } from '../support/idle-protocol.js';
import { lastJsonLine } from '../support/run-ts-script.js';

const targetBytes = 100 * 1024 ** 2;
const bots = 20;

/** A process that loads nothing and listens on one socket: Node's own idle footprint. */
const floorScript = `
import { createServer } from 'node:http';
const server = createServer().listen(0, '127.0.0.1');
const settleMs = Number(process.env.BENCH_SETTLE_MS), sampleMs = Number(process.env.BENCH_SAMPLE_MS);
setTimeout(async () => {
  const rssSamples = [];
  for (const end = Date.now() + sampleMs; Date.now() < end; ) {
    rssSamples.push(process.memoryUsage().rss);
    await new Promise((r) => setTimeout(r, 100));
  }
  console.log(JSON.stringify({ rssSamples, heapUsedBytes: process.memoryUsage().heapUsed, bots: 0, signedIn: false }));
  server.close();
}, settleMs);
`;

/**
 * Idle. RSS of the core host (the browser host: core + transport) signed in, with 20 bots
 * catalogued, doing nothing, in its own process so the RSS is its own. It runs bundled under plain
 * `node`, like the shipped main process. Two set-ups: signed in to a provider in another process
 * (as a clinic signs in to Healthcode), and with the Local sandbox embedded (`npm start` default).
 * The baseline is a bare `node` process with one listening socket, measured alternately.
 */
export const idleRss: Benchmark = {
  name: 'idle',
  rowIds: ['idle-rss', 'idle-rss-embedded-sandbox'],
  async run(context) {
    // Inside the repository, so the bundle's external imports resolve from node_modules.
    await mkdir(join(context.repoRoot, 'bench', '.tmp'), { recursive: true });
    const tmp = await mkdtemp(join(context.repoRoot, 'bench', '.tmp', 'idle-'));
    const floor = join(tmp, 'idle-floor.mjs');
    await writeFile(floor, floorScript);
    const [bundled, started] = await Promise.allSettled([
      bundleForNode(join(context.repoRoot, 'bench', 'support', 'idle-core.ts'), join(tmp, 'idle-core')),
      startExternalProvider(context),
    ]);
    if (bundled.status === 'rejected' || started.status === 'rejected') {
      if (started.status === 'fulfilled') started.value.stop();
      await rm(tmp, { recursive: true, force: true });
      throw bundled.status === 'rejected' ? bundled.reason : (started as PromiseRejectedResult).reason;
    }
    const core = bundled.value;
    const provider = started.value;
    const timing = { settleMs: context.quick ? 200 : 2000, sampleMs: context.quick ? 300 : 2000 };
    try {
      const plan = (p: IdlePlan['provider']): IdlePlan => ({ repoRoot: context.repoRoot, bots, ...timing, provider: p });
      const measureFloor = () => runReport(context, floor, timing);
      const measureExternal = () => runReport(context, core, { plan: plan({ kind: 'external', issuer: provider.issuer, clientId: provider.clientId }) });
      const measureEmbedded = () => runReport(context, core, { plan: plan({ kind: 'embedded' }) });
      let floorRuns: IdleReport[];
      let external: IdleReport;
      let embedded: IdleReport;
      if (context.quick) {
        // Smoke mode only proves the path works; RSS does not depend on the others running.
        [external, embedded, ...floorRuns] = await Promise.all([measureExternal(), measureEmbedded(), measureFloor()]);
      } else {
        // Alternately, floor first and last, so the floor brackets both set-ups.
        floorRuns = [await measureFloor()];
        external = await measureExternal();
        floorRuns.push(await measureFloor());
        embedded = await measureEmbedded();
        floorRuns.push(await measureFloor());
      }
      const floorRss = summarize(floorRuns.flatMap((r) => r.rssSamples)).median;
      return [
        row('idle-rss', `Idle core host RSS: signed in (provider in its own process), ${external.bots} bots catalogued`, external, floorRss),
        row('idle-rss-embedded-sandbox', `Idle core host RSS: signed in to the embedded Local sandbox, ${embedded.bots} bots catalogued`, embedded, floorRss),
      ];
    } finally {
      provider.stop();
      await rm(tmp, { recursive: true, force: true });
    }
  },
};

function row(id: string, benchmark: string, report: IdleReport, floorRss: number): BenchmarkRow {
  const rss = summarize(report.rssSamples);
  if (!report.signedIn) throw new Error('the idle core did not sign in');
  if (report.bots !== bots) throw new Error(`the idle core catalogued ${report.bots} bots, not ${bots}`);
  return {
    id,
    benchmark,
    baseline: 'bare `node` with one listening socket',
    median: formatPair(rss.median, floorRss, formatMb),
    p95: notApplicable,
    p99: notApplicable,
    ratio: formatRatio(ratio(rss.median, floorRss)),
    target: `< ${formatMb(targetBytes)}`,
    met: rss.median < targetBytes,
  };
}

function runReport(context: BenchContext, script: string, options: { plan?: IdlePlan; settleMs?: number; sampleMs?: number }): Promise<IdleReport> {
  const child = spawn(process.execPath, [script], {
    cwd: context.repoRoot,
    env: {
      ...process.env,
      ...(options.plan ? { BENCH_IDLE_PLAN: JSON.stringify(options.plan) } : {}),
      BENCH_SETTLE_MS: String(options.settleMs ?? 0),
      BENCH_SAMPLE_MS: String(options.sampleMs ?? 0),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      if (code !== 0) return reject(new Error(`${script} exited with ${code}:\n${stderr.slice(-3000)}`));
      try {
        resolve(lastJsonLine<IdleReport>(stdout));
      } catch (error) {
        reject(error);
      }
    });
  });
}

/** The Local sandbox in its own process (app/sandbox/sandbox-cli.ts), standing in for Healthcode. */
export async function startExternalProvider(context: BenchContext): Promise<{ issuer: string; clientId: string; stop(): void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(context.repoRoot, 'app', 'sandbox', 'sandbox-cli.ts'), '--port', '0'], {
    cwd: context.repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const stop = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  };
  try {
    const info = await new Promise<{ issuer: string; clientId: string }>((resolve, reject) => {
      let stdout = '';
      const timer = setTimeout(() => reject(new Error(`the sandbox did not start within 30 s:\n${output}`)), 30_000);
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        if (!stdout.includes('\n')) return;
        clearTimeout(timer);
        try {
          resolve(lastJsonLine<{ issuer: string; clientId: string }>(stdout));
        } catch (error) {
          reject(error);
        }
      });
      child.once('exit', (code) => reject(new Error(`the sandbox exited (${code}):\n${output}`)));
    });
    return { ...info, stop };
  } catch (error) {
    stop();
    throw error;
  }
}
