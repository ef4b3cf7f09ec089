/**
 * The soak benchmark's core process: the real supervisor (createSupervisor with the Local
 * sandbox, as core-harness.ts composes it) runs `runs` short runs of a quick Node bot, eight at a
 * time, re-authenticating every `renewEvery` runs. At checkpoints, with no run in flight and
 * after a garbage collection, it samples RSS, open file descriptors and listeners plus active
 * handles. Then the same number of bare spawns of the same bot, same concurrency, as the floor.
 * Both series run beside `neighbours` idle processes. Prints one JSON line: { app, bare }
 * (SoakSeries each). Needs --expose-gc.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeHeapSnapshot } from 'node:v8';
import type { SupervisorState } from '../../app/common/contract.js';
import { isLiveRunStatus } from '../../app/common/run-status.js';
import { CoreHarness } from './core-harness.js';

export interface SoakPlan {
  runs: number;
  renewEvery: number;
  repoRoot: string;
  /** Idle processes kept alive beside both series, as a desktop has: tree kills read /proc for each. */
  neighbours: number;
}

export interface SoakSample {
  afterRuns: number;
  rssBytes: number;
  /** The JS heap in use after the garbage collections: what RSS holds apart from the allocator's own slack. */
  heapUsedBytes: number;
  /** Memory V8 holds for the heap, and memory outside it (Buffers, ArrayBuffers): where RSS goes. */
  heapTotalBytes: number;
  externalBytes: number;
  /** Linux: resident memory of the C allocator's main heap (\`[heap]\` in /proc/self/smaps), all anonymous memory, and file-backed pages (code of node and its libraries). */
  brkHeapBytes: number;
  anonymousBytes: number;
  fileBytes: number;
  fds: number;
  /** Listeners on `process` plus active handles and requests (timers, sockets, child processes). */
  listeners: number;
}

export interface SoakSeries {
  runs: number;
  renewals: number;
  elapsedMs: number;
  /** The first sample is taken after the warm-up (a tenth of the runs). */
  samples: SoakSample[];
}

const plan = JSON.parse(process.env.BENCH_SOAK_PLAN ?? '') as SoakPlan;
const quickBot = join(plan.repoRoot, 'bench', 'support', 'quick-bot.mjs');
const botId = 'bench-quick';
const concurrency = 8;
const gc = (globalThis as { gc?: () => void }).gc;

function sample(side: 'app' | 'bare', afterRuns: number): SoakSample {
  gc?.();
  gc?.();
  // BENCH_SOAK_HEAP_DIR=dir: a heap snapshot at each checkpoint, to compare what grew between them.
  if (process.env.BENCH_SOAK_HEAP_DIR) writeHeapSnapshot(join(process.env.BENCH_SOAK_HEAP_DIR, `soak-${side}-${String(afterRuns).padStart(6, '0')}.heapsnapshot`));
  const processListeners = process.eventNames().reduce((sum, name) => sum + process.listenerCount(name), 0);
  const memory = process.memoryUsage();
  return { afterRuns, rssBytes: memory.rss, heapUsedBytes: memory.heapUsed, heapTotalBytes: memory.heapTotal, externalBytes: memory.external, ...nativeMemory(), fds: readdirSync('/proc/self/fd').length, listeners: processListeners + process.getActiveResourcesInfo().length };
}

/** Where resident memory lies outside V8, from the kernel's own accounting (zero where there is none). */
function nativeMemory(): { brkHeapBytes: number; anonymousBytes: number; fileBytes: number } {
  try {
    const smaps = readFileSync('/proc/self/smaps', 'utf8');
    const heap = /\[heap\]\n(?:[^\n]*\n)*?Rss:\s+(\d+) kB/.exec(smaps);
    const status = readFileSync('/proc/self/status', 'utf8');
    const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0) * 1024;
    return { brkHeapBytes: Number(heap?.[1] ?? 0) * 1024, anonymousBytes: kb('RssAnon'), fileBytes: kb('RssFile') };
  } catch {
    return { brkHeapBytes: 0, anonymousBytes: 0, fileBytes: 0 };
  }
}

/** `count` idle processes (POSIX \`sleep\`), so /proc holds as many entries as a desktop's does. */
async function startNeighbours(count: number): Promise<() => void> {
  if (process.platform === 'win32' || count === 0) return () => undefined;
  const children = Array.from({ length: count }, () => spawn('sleep', ['3600'], { stdio: 'ignore' }));
  const stop = () => {
    for (const child of children) child.kill('SIGKILL');
  };
  try {
    await Promise.all(children.map((child) => new Promise<void>((resolve, reject) => child.once('spawn', resolve).once('error', reject))));
  } catch (error) {
    // One that could not start must not leave the others sleeping for an hour.
    stop();
    throw error;
  }
  // Unreferenced, so they are not among the active handles a checkpoint counts.
  for (const child of children) child.unref();
  return stop;
}

/** Runs `total` jobs `concurrency` at a time, pausing at each checkpoint to sample (idle). */
async function series(side: 'app' | 'bare', total: number, job: () => Promise<void>, atCheckpoint: (done: number) => Promise<void>): Promise<SoakSample[]> {
  const warmUp = Math.max(1, Math.floor(total / 10));
  const checkpoints = [warmUp, ...Array.from({ length: 4 }, (_, i) => warmUp + Math.round(((total - warmUp) * (i + 1)) / 4))];
  const samples: SoakSample[] = [];
  let done = 0;
  for (const checkpoint of checkpoints) {
    while (done < checkpoint) {
      const batch = Math.min(concurrency, checkpoint - done);
      await Promise.all(Array.from({ length: batch }, () => job()));
      done += batch;
    }
    await atCheckpoint(done);
    samples.push(sample(side, done));
  }
  return samples;
}

async function appSeries(harness: CoreHarness): Promise<SoakSeries> {
  const { api } = harness.supervisor;
  const ended = new Map<string, () => void>();
  api.on('state', (state: SupervisorState) => {
    for (const run of state.runs) {
      const resolve = ended.get(run.id);
      if (resolve && !isLiveRunStatus(run.status)) {
        ended.delete(run.id);
        resolve();
      }
    }
  });
  let renewals = 0;
  let sinceRenewal = 0;
  const startedAt = performance.now();
  const samples = await series(
    'app',
    plan.runs,
    async () => {
      const run = await api.invoke('startRun', { botId });
      if (!isLiveRunStatus(run.status)) return;
      await new Promise<void>((resolve) => ended.set(run.id, resolve));
      sinceRenewal += 1;
      if (sinceRenewal >= plan.renewEvery) {
        sinceRenewal = 0;
        renewals += 1;
        // Re-authentication while runs are in flight: the token is swapped in place.
        await harness.supervisor.deliverRedirect(await harness.beginSignIn());
      }
    },
    async () => undefined,
  );
  return { runs: plan.runs, renewals, elapsedMs: performance.now() - startedAt, samples };
}

async function bareSeries(): Promise<SoakSeries> {
  const startedAt = performance.now();
  const samples = await series(
    'bare',
    plan.runs,
    () =>
      new Promise<void>((resolve, reject) => {
        const child = spawn(process.execPath, [quickBot], { stdio: ['pipe', 'pipe', 'pipe'], detached: true });
        child.stdout.resume();
        child.stderr.resume();
        child.once('error', reject);
        child.once('close', () => resolve());
      }),
    async () => undefined,
  );
  return { runs: plan.runs, renewals: 0, elapsedMs: performance.now() - startedAt, samples };
}

async function main(): Promise<void> {
  const stopNeighbours = await startNeighbours(plan.neighbours);
  const harness = await CoreHarness.start(plan.repoRoot);
  try {
    await harness.signIn();
    const appeared = harness.nextState((state) => state.bots.some((bot) => bot.id === botId), 'the quick bot to be catalogued');
    await writeFile(join(harness.dataDir, 'bots', `${botId}.bot.json`), JSON.stringify({ id: botId, name: 'Benchmark: quick bot', command: 'node', args: [quickBot], profileId: 'sandbox', concurrency: 20 }));
    await appeared;
    const app = await appSeries(harness);
    const bare = await bareSeries();
    process.stdout.write(`${JSON.stringify({ app, bare })}\n`);
  } finally {
    await harness.close();
    stopNeighbours();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
