import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { Benchmark, BenchContext, BenchmarkRow } from '../benchmark.js';
import { formatMb, formatMs, formatPair, formatRate, formatRatio, notApplicable } from '../format-values.js';
import { ratio, summarize } from '../stats.js';
import { chromiumLaunchOptions } from '../support/chromium-launch-options.js';
import { floodBotId, type FloodCoreMessage, type FloodParentMessage, type FloodPlan, type FloodWindow } from '../support/flood-protocol.js';
import { startFrameProbe, stopFrameProbe } from '../support/frame-probe.js';

const linesPerSecondTarget = 100_000;
const rssPerMillionTargetBytes = 50 * 1024 ** 2;
const lagTargetMs = 50;
const frameTargetMs = 33;
const stepTimeoutMs = 180_000;

/**
 * Log flood. N bots write lines as fast as they can, supervised by the real browser host in its
 * own process (the core whose RSS and event-loop lag count), while Chromium shows one of the runs
 * following the tail. Then the same bots run bare with their pipes only counted: the floor.
 */
export const logFlood: Benchmark = {
  name: 'flood',
  rowIds: ['flood-lines', 'flood-rss', 'flood-lag', 'flood-frames'],
  async run(context) {
    const rendererDir = join(context.repoRoot, 'out', 'renderer');
    if (!existsSync(join(rendererDir, 'index.html'))) {
      throw new Error('The renderer is not built (out/renderer); run `npm run build` first.');
    }
    const plan: FloodPlan = {
      bots: Number(process.env.BENCH_FLOOD_BOTS) || (context.quick ? 5 : 50),
      windowMs: Number(process.env.BENCH_FLOOD_WINDOW_MS) || (context.quick ? 1000 : 10_000),
      repoRoot: context.repoRoot,
    };
    const core = new FloodCore(context, plan);
    let browser: Browser | undefined;
    try {
      const { pageUrl } = await core.next('ready');
      context.progress('flood: core ready; opening the page in Chromium');
      const { chromium } = await import('playwright-core');
      browser = await chromium.launch(chromiumLaunchOptions);
      const page = await browser.newPage();
      await page.goto(pageUrl);
      await page.getByTestId(`bot-${floodBotId(0)}`).waitFor({ timeout: stepTimeoutMs });
      const idleFrames = await framesFor(page, context.quick ? 500 : 2000);

      core.send({ type: 'start' });
      await core.next('flooding');
      context.progress(`flood: ${plan.bots} bots flooding; measuring for ${plan.windowMs} ms`);
      await page.getByTestId(`view-log-${floodBotId(0)}`).click();
      await page.locator('[data-testid="run-log"] [data-stream="stdout"]').first().waitFor({ timeout: stepTimeoutMs });
      // Following the tail is the default; make sure, where the viewer has a switch for it.
      const follow = page.getByTestId('log-follow');
      if ((await follow.count()) > 0 && (await follow.getAttribute('aria-pressed')) === 'false') await follow.click();
      await startFrameProbe(page);
      core.send({ type: 'measure' });
      const { window: app } = await core.next('appResult');
      context.progress(`flood: core heap ${formatMb(app.heapUsedBytes)}, external ${formatMb(app.externalBytes)}, RSS ${formatMb(app.rssBeforeBytes)} → ${formatMb(app.rssAfterBytes)}; lag max ${formatMs(app.lagMaxMs)}`);
      const floodFrames = await stopFrameProbe(page);
      await browser.close();
      browser = undefined;
      context.progress('flood: app window done; measuring the bare-pipe baseline');
      const { window: floor } = await core.next('baselineResult');
      core.send({ type: 'exit' });
      await core.exited();
      return rowsFor(app, floor, summarize(floodFrames), summarize(idleFrames));
    } finally {
      await browser?.close();
      core.kill();
    }
  },
};

async function framesFor(page: Page, ms: number): Promise<number[]> {
  await startFrameProbe(page);
  await new Promise((resolve) => setTimeout(resolve, ms));
  return stopFrameProbe(page);
}

function rowsFor(app: FloodWindow, floor: FloodWindow, frames: ReturnType<typeof summarize>, idle: ReturnType<typeof summarize>): BenchmarkRow[] {
  const appRate = (app.lines / app.elapsedMs) * 1000;
  const floorRate = (floor.lines / floor.elapsedMs) * 1000;
  const perMillion = (window: FloodWindow) => window.rssGrowthBytes / Math.max(1, window.linesSinceStart / 1e6);
  const bots = `${app.bots} bots, ${(app.elapsedMs / 1000).toFixed(0)} s`;
  return [
    {
      id: 'flood-lines',
      benchmark: `Log flood: lines captured per second (${bots})`,
      baseline: 'the same bots spawned bare, pipes only counted',
      median: `${formatRate(appRate, '/s')} / ${formatRate(floorRate, '/s')}`,
      p95: notApplicable,
      p99: notApplicable,
      ratio: formatRatio(ratio(appRate, floorRate)),
      target: `≥ ${linesPerSecondTarget.toLocaleString('en-GB')} lines/s`,
      met: appRate >= linesPerSecondTarget,
    },
    {
      id: 'flood-rss',
      benchmark: `Log flood: core RSS growth per million lines (${(app.linesSinceStart / 1e6).toFixed(2)} M lines; RSS ${formatMb(app.rssBeforeBytes)} before, ${formatMb(app.rssAtWindowStartBytes)} at window start, ${formatMb(app.rssAfterBytes)} at end)`,
      baseline: 'the same bots spawned bare, pipes only counted',
      median: formatPair(perMillion(app), perMillion(floor), formatMb),
      p95: notApplicable,
      p99: notApplicable,
      ratio: notApplicable,
      target: `< ${formatMb(rssPerMillionTargetBytes)} per million lines`,
      met: perMillion(app) < rssPerMillionTargetBytes,
    },
    {
      id: 'flood-lag',
      benchmark: 'Log flood: core event-loop lag (monitorEventLoopDelay)',
      baseline: 'the same bots spawned bare, pipes only counted',
      median: notApplicable,
      p95: notApplicable,
      p99: formatPair(app.lagP99Ms, floor.lagP99Ms, formatMs),
      ratio: formatRatio(ratio(app.lagP99Ms, floor.lagP99Ms)),
      target: `p99 < ${lagTargetMs} ms`,
      met: app.lagP99Ms < lagTargetMs,
    },
    {
      id: 'flood-frames',
      benchmark: `Log flood: renderer frame time following the tail, browser host in Chromium (n=${frames.count} frames)`,
      baseline: 'the same page with no bots running',
      median: formatPair(frames.median, idle.median, formatMs),
      p95: formatPair(frames.p95, idle.p95, formatMs),
      p99: formatPair(frames.p99, idle.p99, formatMs),
      ratio: formatRatio(ratio(frames.p95, idle.p95)),
      target: `p95 < ${frameTargetMs} ms`,
      met: frames.p95 < frameTargetMs,
    },
  ];
}

/** The core process (support/flood-core.ts) and its side of the IPC conversation. */
export class FloodCore {
  readonly #child: ChildProcess;
  readonly #messages: FloodCoreMessage[] = [];
  readonly #wakers = new Set<() => void>();
  #output = '';

  constructor(context: BenchContext, plan: FloodPlan) {
    // BENCH_CPU_PROF_DIR=dir writes a V8 CPU profile of the core process there, for analysis.
    const profile = process.env.BENCH_CPU_PROF_DIR ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF_DIR] : [];
    this.#child = spawn(process.execPath, [...profile, '--import', 'tsx', join(context.repoRoot, 'bench', 'support', 'flood-core.ts')], {
      cwd: context.repoRoot,
      env: { ...process.env, BENCH_FLOOD_PLAN: JSON.stringify(plan) },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    this.#child.stdout?.on('data', (chunk: Buffer) => (this.#output += chunk.toString()));
    this.#child.stderr?.on('data', (chunk: Buffer) => (this.#output += chunk.toString()));
    this.#child.on('message', (message: FloodCoreMessage) => this.#deliver(message));
    this.#child.once('exit', (code) => {
      // A failure the core reported itself says more than its exit code.
      if (!this.#messages.some((m) => m.type === 'failed')) this.#deliver({ type: 'failed', message: `the flood core exited (${code}):\n${this.#output.slice(-4000)}` });
    });
  }

  send(message: FloodParentMessage): void {
    this.#child.send(message);
  }

  async next<T extends FloodCoreMessage['type']>(type: T): Promise<Extract<FloodCoreMessage, { type: T }>> {
    const deadline = Date.now() + stepTimeoutMs;
    for (;;) {
      const failure = this.#messages.find((m) => m.type === 'failed');
      if (failure?.type === 'failed') throw new Error(`log flood core failed while waiting for "${type}": ${failure.message}`);
      const index = this.#messages.findIndex((m) => m.type === type);
      if (index !== -1) return this.#messages.splice(index, 1)[0] as Extract<FloodCoreMessage, { type: T }>;
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error(`log flood core did not send "${type}" within ${stepTimeoutMs} ms:\n${this.#output.slice(-4000)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(wake, remaining);
        function wake() {
          clearTimeout(timer);
          resolve();
        }
        this.#wakers.add(wake);
      });
    }
  }

  exited(): Promise<void> {
    if (this.#child.exitCode !== null) return Promise.resolve();
    return new Promise((resolve) => this.#child.once('exit', () => resolve()));
  }

  kill(): void {
    if (this.#child.exitCode === null && this.#child.signalCode === null) this.#child.kill('SIGKILL');
  }

  #deliver(message: FloodCoreMessage): void {
    this.#messages.push(message);
    for (const wake of [...this.#wakers]) {
      this.#wakers.delete(wake);
      wake();
    }
  }
}
