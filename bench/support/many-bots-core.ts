/**
 * The "200 concurrent bots" benchmark's core process: the real RunManager (spawn, capture,
 * redaction, ring buffers, log files, live batches) with N pace bots running at once, then the
 * same bots spawned bare with their pipes only counted. It measures its own event-loop delay in
 * both windows and prints one JSON line: { app, bare } (ManyBotsWindow each).
 *
 * The session side is the test double the run tests use (FakeSessionAccess) and the broker a
 * stub: the bots never ask for a token, and the preference limit (at most 256 runs at once) does not
 * apply to a RunManager built here, so all N run at once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import type { BotManifest } from '../../app/bots/bot-manifest.js';
import { RunManager } from '../../app/bots/run-manager.js';
import { FakeSessionAccess } from '../../app/bots/testing/fake-session-access.js';
import { systemClock } from '../../app/ports/clock.js';
import { nullLogger } from '../../app/ports/logger.js';
import { paceLineAgeMs } from './flood-protocol.js';
import { pollUntil } from './poll-until.js';

export interface ManyBotsPlan {
  bots: number;
  windowMs: number;
  repoRoot: string;
}

export interface ManyBotsWindow {
  bots: number;
  /** How long the output queued while the bots were started took to drain before the window opened. */
  settledAfterMs: number;
  lines: number;
  elapsedMs: number;
  lagP50Ms: number;
  lagP99Ms: number;
  lagMaxMs: number;
}

const plan = JSON.parse(process.env.BENCH_MANY_PLAN ?? '') as ManyBotsPlan;
const paceBot = join(plan.repoRoot, 'bench', 'support', 'pace-bot.mjs');
const botEnv = { BENCH_PACE_MS: '10', BENCH_PACE_MAX_MS: String(plan.windowMs + 120_000) };

/**
 * Watches for the end of the backlog the bots printed while they were being started (a full pipe
 * each): pace-bot lines start with their print time, and capture has caught up once a second's
 * worth of lines in a row (the bots times 100) were each captured within a second of printing.
 */
class BacklogWatch {
  #freshInARow = 0;
  #drained: () => void = () => undefined;
  readonly drained = new Promise<void>((resolve) => {
    this.#drained = resolve;
  });
  watching = true;
  constructor(private readonly linesPerSecond: number) {}
  note(text: string): void {
    if (!this.watching) return;
    const ageMs = paceLineAgeMs(text);
    if (!Number.isFinite(ageMs)) return;
    this.#freshInARow = ageMs < 1000 ? this.#freshInARow + 1 : 0;
    if (this.#freshInARow >= this.linesPerSecond) this.#drained();
  }
}

/** The window measures bots printing, not a backlog draining: it waits for that, 60 s at most. */
async function settle(backlog: BacklogWatch): Promise<number> {
  const startedAt = performance.now();
  let bound: NodeJS.Timeout | undefined;
  await Promise.race([backlog.drained, new Promise((resolve) => (bound = setTimeout(resolve, 60_000)))]);
  clearTimeout(bound);
  backlog.watching = false;
  return performance.now() - startedAt;
}

async function measure(bots: number, lines: () => number, backlog: BacklogWatch): Promise<ManyBotsWindow> {
  const settledAfterMs = await settle(backlog);
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  const linesAtStart = lines();
  const startedAt = performance.now();
  histogram.enable();
  await new Promise((resolve) => setTimeout(resolve, plan.windowMs));
  histogram.disable();
  return {
    bots,
    settledAfterMs,
    lines: lines() - linesAtStart,
    elapsedMs: performance.now() - startedAt,
    lagP50Ms: histogram.percentile(50) / 1e6,
    lagP99Ms: histogram.percentile(99) / 1e6,
    lagMaxMs: histogram.max / 1e6,
  };
}

async function appWindow(dataDir: string): Promise<ManyBotsWindow> {
  const sessions = new FakeSessionAccess();
  sessions.signIn('sandbox', { accessToken: 'bench-token-not-used', expiresAt: Date.now() + 3_600_000 });
  let secrets = 0;
  const manager = new RunManager({
    sessions,
    broker: { url: 'http://127.0.0.1:9', registerRun: () => `bench-secret-${(secrets += 1)}`, revokeRun: () => undefined },
    clock: systemClock,
    logger: nullLogger,
    dataDir,
    maxConcurrentRuns: plan.bots,
    maxQueuedRuns: plan.bots,
  });
  let lines = 0;
  // Live batches are built for every run (as for a window that follows them all), and counted.
  const backlog = new BacklogWatch(plan.bots * 100);
  manager.onDidLog((batch) => {
    lines += batch.lines.length;
    for (const line of batch.lines) backlog.note(line.text);
  });
  const bots: BotManifest[] = Array.from({ length: plan.bots }, (_, index) => ({
    id: `pace-${index + 1}`,
    name: `Pace ${index + 1}`,
    description: '',
    command: 'node',
    args: [paceBot],
    cwd: plan.repoRoot,
    profileId: 'sandbox',
    tokenDelivery: 'broker',
    concurrency: 1,
    env: botEnv,
  }));
  manager.setBots(bots);
  try {
    const runIds: string[] = [];
    for (const bot of bots) runIds.push((await manager.start(bot.id)).id);
    await pollUntil(() => (runIds.every((id) => manager.readLog(id, undefined, 1).lines.some((line) => line.stream === 'stdout')) ? true : undefined), 'every pace bot printing', 180_000, 200);
    return await measure(plan.bots, () => lines, backlog);
  } finally {
    await manager.dispose();
  }
}

async function bareWindow(): Promise<ManyBotsWindow> {
  let lines = 0;
  const backlog = new BacklogWatch(plan.bots * 100);
  const children: ChildProcess[] = [];
  for (let index = 0; index < plan.bots; index += 1) {
    const child = spawn(process.execPath, [paceBot], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...botEnv }, detached: true });
    // Whether the next chunk starts a line, so its print time can be read.
    let atLineStart = true;
    child.stdout?.on('data', (chunk: Buffer) => {
      if (backlog.watching && atLineStart && chunk.length >= 24) backlog.note(chunk.toString('latin1', 0, 24));
      for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) {
        lines += 1;
        if (backlog.watching && at + 25 <= chunk.length) backlog.note(chunk.toString('latin1', at + 1, at + 25));
      }
      atLineStart = chunk.at(-1) === 10;
    });
    children.push(child);
  }
  const printing = new Set<ChildProcess>();
  for (const child of children) child.stdout?.once('data', () => printing.add(child));
  try {
    await pollUntil(() => (printing.size === children.length ? true : undefined), 'every bare pace bot printing', 180_000, 200);
    return await measure(plan.bots, () => lines, backlog);
  } finally {
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGKILL');
          }),
      ),
    );
  }
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'rpa-bench-many-'));
  try {
    const app = await appWindow(dataDir);
    const bare = await bareWindow();
    process.stdout.write(`${JSON.stringify({ app, bare })}\n`);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
