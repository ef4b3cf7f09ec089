/**
 * Prototype of the fix proposed for the log-flood event-loop lag (docs/benchmarks.md), measured
 * against the capture path as shipped. Not part of `npm run bench`; run it by hand:
 *
 *   npx tsx bench/prototypes/time-sliced-capture.ts [--bots 50] [--window-ms 5000] [--budget-ms 8] [--nice 10]
 *
 * Both variants use the app's own LineSplitter, RunLog, RotatingLogFile, Redactor and LogBatcher
 * (batches JSON-serialised as the browser host's broadcast does), fed by real flood bots:
 * - shipped: BotProcess, which splits and writes every chunk inside its 'data' handler. With 50
 *   busy pipes one event-loop turn handles 50 chunks of 64 KB (~35,000 lines) before timers run.
 * - sliced: 'data' handlers only queue chunks (pausing a stream whose queue passes 256 KB or whose
 *   file backlog passes 1 MB); one drain task processes queued chunks round-robin for at most
 *   `--budget-ms` (8) per turn, then yields with setImmediate.
 * `--nice N` starts the bots at that lower CPU priority (both variants), as also proposed.
 * Each variant runs in its own process, so neither inherits the other's heap.
 * Since 2026-11-22 BotProcess itself queues through the shared CaptureScheduler, so "shipped" now
 * measures the adopted fix; the numbers in docs/benchmarks.md for "shipped" predate it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { setPriority, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { BotProcess } from '../../app/bots/bot-process.js';
import { LineSplitter } from '../../app/bots/line-splitter.js';
import { LogBatcher } from '../../app/bots/log-batcher.js';
import { Redactor } from '../../app/bots/redactor.js';
import { RotatingLogFile } from '../../app/bots/rotating-log-file.js';
import { RunLog } from '../../app/bots/run-log.js';
import { systemClock } from '../../app/ports/clock.js';

const { values } = parseArgs({
  options: {
    bots: { type: 'string', default: '50' },
    'window-ms': { type: 'string', default: '5000' },
    'budget-ms': { type: 'string', default: '8' },
    nice: { type: 'string', default: '0' },
    variant: { type: 'string' },
  },
});
const bots = Number(values.bots);
const windowMs = Number(values['window-ms']);
const budgetMs = Number(values['budget-ms']);
const nice = Number(values.nice);
const floodBot = resolve(import.meta.dirname, '..', 'support', 'flood-bot.mjs');
const fileBacklogLimitBytes = 1024 * 1024;
const queueLimitBytes = 256 * 1024;

interface Result {
  variant: string;
  linesPerSecond: number;
  lagP50Ms: number;
  lagP99Ms: number;
  lagMaxMs: number;
  perRunMin: number;
  perRunMax: number;
  heapUsedMb: number;
}

async function measure(variant: 'shipped' | 'sliced'): Promise<Result> {
  const dir = mkdtempSync(join(tmpdir(), 'rpa-capture-prototype-'));
  // As many live secrets as runs, as RunManager registers one per run.
  const redactor = new Redactor();
  for (let i = 0; i < bots; i += 1) redactor.add(`run-secret-${i}-`.padEnd(43, 'x'));
  let serialisedBytes = 0;
  const batcher = new LogBatcher({ clock: systemClock, emit: (batch) => (serialisedBytes += JSON.stringify({ kind: 'event', event: 'log', payload: batch }).length) });
  const logs: RunLog[] = [];
  const stops: (() => void)[] = [];
  const queues: { chunks: Buffer[]; bytes: number; paused: boolean; stream: NodeJS.ReadableStream; splitter: LineSplitter; log: RunLog }[] = [];
  let drainScheduled = false;
  let next = 0;
  const drain = () => {
    drainScheduled = false;
    const startedAt = performance.now();
    let idle = 0;
    while (idle < queues.length && performance.now() - startedAt < budgetMs) {
      const queue = queues[next] as (typeof queues)[number];
      next = (next + 1) % queues.length;
      const chunk = queue.chunks.shift();
      if (!chunk) {
        idle += 1;
        continue;
      }
      idle = 0;
      queue.bytes -= chunk.length;
      queue.splitter.push(chunk);
      if (queue.paused && queue.bytes < queueLimitBytes / 4 && queue.log.fileBacklogBytes <= fileBacklogLimitBytes) {
        queue.paused = false;
        queue.stream.resume();
      }
    }
    if (queues.some((queue) => queue.chunks.length > 0)) schedule();
  };
  const schedule = () => {
    if (drainScheduled) return;
    drainScheduled = true;
    setImmediate(drain);
  };

  for (let i = 0; i < bots; i += 1) {
    const log = new RunLog({
      runId: `run-${i}`,
      clock: systemClock,
      redactor,
      file: new RotatingLogFile({ path: join(dir, `run-${i}.log`), maxBytes: 5 * 1024 * 1024 }),
      onLine: (line) => batcher.add(`run-${i}`, line),
    });
    logs.push(log);
    if (variant === 'shipped') {
      const bot = new BotProcess({
        runId: `run-${i}`,
        command: process.execPath,
        args: [floodBot],
        cwd: process.cwd(),
        env: { PATH: process.env.PATH ?? '' },
        clock: systemClock,
        keepLineBytes: log.keepBytes,
        onLine: (stream, line) => log.write(stream, line.text, line.droppedBytes),
        backpressure: () => (log.fileBacklogBytes > fileBacklogLimitBytes ? log.whenFileDrained() : undefined),
      });
      void bot.spawned.then((outcome) => outcome.ok && nice > 0 && setPriority(outcome.pid, nice));
      stops.push(() => void bot.signalTree('SIGKILL'));
    } else {
      const child: ChildProcess = spawn(process.execPath, [floodBot], { stdio: ['pipe', 'pipe', 'pipe'], env: { PATH: process.env.PATH ?? '' } });
      if (nice > 0 && child.pid !== undefined) setPriority(child.pid, nice);
      const stdout = child.stdout as NodeJS.ReadableStream;
      const queue = { chunks: [] as Buffer[], bytes: 0, paused: false, stream: stdout, log, splitter: new LineSplitter({ keepBytes: log.keepBytes, onLine: (line) => log.write('stdout', line.text, line.droppedBytes) }) };
      queues.push(queue);
      stdout.on('data', (chunk: Buffer) => {
        queue.chunks.push(chunk);
        queue.bytes += chunk.length;
        if (!queue.paused && (queue.bytes > queueLimitBytes || log.fileBacklogBytes > fileBacklogLimitBytes)) {
          queue.paused = true;
          stdout.pause();
        }
        schedule();
      });
      stops.push(() => child.kill('SIGKILL'));
    }
  }
  const captured = () => logs.map((log) => (log.tail(1)[0]?.seq ?? -1) + 1);
  const total = () => captured().reduce((sum, n) => sum + n, 0);
  // Let every bot start and the rings begin to fill before the window opens.
  await new Promise((done) => setTimeout(done, 2000));
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  const linesAtStart = total();
  const startedAt = performance.now();
  histogram.enable();
  await new Promise((done) => setTimeout(done, windowMs));
  histogram.disable();
  const elapsedMs = performance.now() - startedAt;
  const lines = total() - linesAtStart;
  const perRun = captured().sort((a, b) => a - b);
  for (const stop of stops) stop();
  batcher.dispose();
  rmSync(dir, { recursive: true, force: true });
  if (serialisedBytes === 0) throw new Error('no log batch was serialised');
  return {
    variant,
    linesPerSecond: Math.round((lines / elapsedMs) * 1000),
    lagP50Ms: histogram.percentile(50) / 1e6,
    lagP99Ms: histogram.percentile(99) / 1e6,
    lagMaxMs: histogram.max / 1e6,
    perRunMin: perRun[0] ?? 0,
    perRunMax: perRun.at(-1) ?? 0,
    heapUsedMb: process.memoryUsage().heapUsed / 1024 ** 2,
  };
}

function runVariant(variant: string): Promise<Result> {
  const child = spawn(process.execPath, [...process.execArgv, process.argv[1] as string, '--variant', variant, '--bots', String(bots), '--window-ms', String(windowMs), '--budget-ms', String(budgetMs), '--nice', String(nice)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((done, fail) => child.once('close', (code) => (code === 0 ? done(JSON.parse(output) as Result) : fail(new Error(`${variant} exited ${code}`)))));
}

if (values.variant === 'shipped' || values.variant === 'sliced') {
  process.stdout.write(JSON.stringify(await measure(values.variant)));
  process.exit(0);
} else {
  console.log(`${bots} flood bots${nice > 0 ? ` at nice ${nice}` : ''}, ${windowMs} ms window, ${budgetMs} ms budget for the sliced variant`);
  for (const variant of ['shipped', 'sliced', 'shipped', 'sliced']) {
    const r = await runVariant(variant);
    console.log(
      `${r.variant.padEnd(8)} ${r.linesPerSecond.toLocaleString('en-GB').padStart(9)} lines/s; event-loop lag p50 ${r.lagP50Ms.toFixed(1)} ms, p99 ${r.lagP99Ms.toFixed(1)} ms, max ${r.lagMaxMs.toFixed(1)} ms; lines per run ${r.perRunMin}–${r.perRunMax}; heap ${r.heapUsedMb.toFixed(0)} MB`,
    );
  }
}
