import { Queue, QueueEvents, Worker } from 'bullmq';
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import type { Benchmark, BenchmarkRow } from '../benchmark.js';
import { formatPair, formatRate, formatRatio, notApplicable } from '../format-values.js';
import { FleetBenchHarness } from '../support/fleet-bench-harness.js';
import { poolQueueName } from '../../app/fleet/pool-queue-name.js';
import { pollUntil } from '../support/poll-until.js';

const targetRatio = 0.5;
const workers = 4;
const concurrency = 4;
/** The no-op work every run does on both sides: start a process that exits at once. */
const noop = { command: '/bin/true', args: [] as string[], cwd: '/' };

/**
 * Fleet: 1,000 short runs over 4 workers, runs per second. The app's path is the whole remote
 * run (enqueue, claim, lease, the worker's broker, the bot process, status and log streams, the
 * lease dropped at the end); the baseline is raw BullMQ jobs on the same Redis whose processor
 * does the same no-op work (the same process started and awaited) on 4 workers with the same
 * concurrency, in four alternating blocks of 250. Each clock stops when BullMQ reports the last job
 * of its block finished. Ratio = app rate ÷ baseline rate (higher is better).
 */
export const fleetThroughput: Benchmark = {
  name: 'fleet-throughput',
  rowIds: ['fleet-throughput'],
  async run(context) {
    const runs = context.quick ? 16 : 1000;
    // The no-op bot never asks for its token; the lease still carries one, sealed as always.
    const fleet = await FleetBenchHarness.start({ accessToken: 'bench-token-not-used-by-the-noop-bot' });
    try {
      for (let i = 0; i < workers; i += 1) await fleet.addWorker(`Bench worker ${String(i + 1)}`, { noop }, concurrency);
      const raw = await rawWorkers(fleet);
      // One warm-up round on each side (not in the smoke run), then the measured ones.
      if (!context.quick) {
        await viaFleet(fleet, workers * concurrency);
        await viaRawBullmq(raw, workers * concurrency);
      }
      // In blocks, alternately (ABBA), so drift in this shared machine hits both sides alike.
      const blocks = context.quick ? 1 : 4;
      let appSeconds = 0;
      let baselineSeconds = 0;
      for (let block = 0; block < blocks; block += 1) {
        const size = Math.round(runs / blocks);
        const appFirst = block % 2 === 0;
        if (appFirst) appSeconds += await viaFleet(fleet, size);
        baselineSeconds += await viaRawBullmq(raw, size);
        if (!appFirst) appSeconds += await viaFleet(fleet, size);
      }
      const appRate = runs / appSeconds;
      const baselineRate = runs / baselineSeconds;
      const r = appRate / baselineRate;
      context.progress(`fleet-throughput: ${String(runs)} runs in ${appSeconds.toFixed(2)} s (fleet) / ${baselineSeconds.toFixed(2)} s (raw BullMQ)`);
      const row: BenchmarkRow = {
        id: 'fleet-throughput',
        benchmark: `Fleet: ${runs.toLocaleString('en-GB')} short runs over ${String(workers)} workers (concurrency ${String(concurrency)} each), runs per second`,
        baseline: 'raw BullMQ jobs doing the same no-op work on the same workers',
        median: formatPair(appRate, baselineRate, (v) => formatRate(v, 'runs/s')),
        p95: notApplicable,
        p99: notApplicable,
        ratio: formatRatio(r),
        target: `ratio ≥ ${String(targetRatio)}`,
        met: r >= targetRatio,
      };
      return [row];
    } finally {
      await fleet.close();
    }
  },
};

async function viaFleet(fleet: FleetBenchHarness, runs: number): Promise<number> {
  const target = fleet.finished + runs;
  const startedAt = performance.now();
  for (let i = 0; i < runs; i += 1) fleet.enqueue('noop');
  await pollUntil(() => (fleet.finished >= target ? true : undefined), `${String(runs)} fleet runs to finish`, 600_000, 5);
  return (performance.now() - startedAt) / 1000;
}

interface RawSide {
  queue: Queue;
  finished: () => number;
}

/**
 * 4 plain BullMQ workers on their own queue, each job starting the same no-op process. Like the
 * app's side (one queue per pool, each worker agent one BullMQ Worker for its one pool), one
 * queue and one Worker per worker host.
 */
async function rawWorkers(fleet: FleetBenchHarness): Promise<RawSide> {
  const name = poolQueueName(`${fleet.queueName}-raw`, 'ward');
  const queue = new Queue(name, { connection: fleet.client() });
  fleet.closers.push(() => queue.close());
  const events = new QueueEvents(name, { connection: fleet.client() });
  fleet.closers.push(() => events.close());
  let finished = 0;
  events.on('completed', () => (finished += 1));
  events.on('failed', () => (finished += 1));
  await events.waitUntilReady();
  for (let i = 0; i < workers; i += 1) {
    const worker = new Worker(name, () => runNoop(), { connection: fleet.client(), concurrency, maxStalledCount: 0 });
    fleet.closers.push(() => worker.close(true));
    await worker.waitUntilReady();
  }
  return { queue, finished: () => finished };
}

async function viaRawBullmq(raw: RawSide, runs: number): Promise<number> {
  const target = raw.finished() + runs;
  const startedAt = performance.now();
  for (let i = 0; i < runs; i += 1) void raw.queue.add('ward', { i }, { attempts: 1, removeOnComplete: true, removeOnFail: 1000 });
  await pollUntil(() => (raw.finished() >= target ? true : undefined), `${String(runs)} raw BullMQ jobs to finish`, 600_000, 5);
  return (performance.now() - startedAt) / 1000;
}

function runNoop(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(noop.command, noop.args, { cwd: noop.cwd, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
    child.once('error', reject);
    child.once('close', () => resolve());
  });
}
