import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { runLimits } from '../../app/common/run-limits.js';
import type { Benchmark, BenchmarkRow } from '../benchmark.js';
import { formatMs, formatPair, formatRatio } from '../format-values.js';
import { ratio, summarize } from '../stats.js';
import { chromiumLaunchOptions } from '../support/chromium-launch-options.js';
import { floodBotId, type FloodPlan } from '../support/flood-protocol.js';
import { startFrameProbe, stopFrameProbe } from '../support/frame-probe.js';
import { FloodCore } from './log-flood.js';

const frameTargetMs = 33;
const traceCategories = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink.user_timing', 'disabled-by-default-v8.cpu_profiler'];

/**
 * Many bots, the UI part. The browser host (its own process, the real core) supervises 200
 * pace bots at once, each printing a line every 10 ms, while Chromium shows the Overview (every
 * card, Today, the header); the page's frame time is measured. Baseline: the same page with no
 * bot running, measured first in the same run. Target: p95 < 33 ms.
 *
 * "Runs at the same time" is set to the number of bots (the ceiling is 256), so every bot prints
 * and none waits in the queue; the row says how many were printing while it measured.
 */
export const manyBotsUi: Benchmark = {
  name: 'many-bots-ui',
  rowIds: ['many-bots-frames'],
  async run(context) {
    if (!existsSync(join(context.repoRoot, 'out', 'renderer', 'index.html'))) {
      throw new Error('The renderer is not built (out/renderer); run `npm run build` first.');
    }
    const windowMs = Number(process.env.BENCH_MANY_WINDOW_MS) || (context.quick ? 1000 : 10_000);
    const plan: FloodPlan = {
      bots: Math.min(Number(process.env.BENCH_MANY_BOTS) || (context.quick ? 10 : 200), runLimits.maxConcurrentRunsCeiling),
      windowMs,
      repoRoot: context.repoRoot,
      bot: { script: join(context.repoRoot, 'bench', 'support', 'pace-bot.mjs'), env: { BENCH_PACE_MS: '10', BENCH_PACE_MAX_MS: String(windowMs + 180_000) } },
      linesCarryPrintTime: true,
    };
    const core = new FloodCore(context, plan);
    let browser: Browser | undefined;
    try {
      const { pageUrl } = await core.next('ready');
      context.progress(`many-bots-ui: browser host ready with ${plan.bots} pace bots; opening the Overview in Chromium`);
      const { chromium } = await import('playwright-core');
      browser = await chromium.launch(chromiumLaunchOptions);
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      const traffic = countSocketTraffic(page);
      await page.goto(pageUrl);
      await page.getByTestId(`bot-${floodBotId(0)}`).waitFor({ timeout: 180_000 });
      const cpu = await mainThreadCpu(page);
      const idleCpuAtStart = await cpu();
      const idle = await framesFor(page, windowMs);
      const idleCpuMsPerS = ((await cpu()) - idleCpuAtStart) / (windowMs / 1000);
      core.send({ type: 'start' });
      const { settledAfterMs } = await core.next('flooding');
      context.progress(`many-bots-ui: bots running; measuring the Overview's frames for ${windowMs} ms`);
      // BENCH_TRACE=file.json: a Chromium performance trace of the measured window (DevTools → Performance → Load profile).
      const tracePath = process.env.BENCH_TRACE;
      if (tracePath) await browser.startTracing(page, { path: tracePath, categories: traceCategories });
      await startFrameProbe(page);
      const trafficAtStart = { ...traffic };
      const busyCpuAtStart = await cpu();
      core.send({ type: 'measure' });
      const { window: app } = await core.next('appResult');
      const busy = await stopFrameProbe(page);
      const busyCpuMsPerS = ((await cpu()) - busyCpuAtStart) / (app.elapsedMs / 1000);
      if (tracePath) await browser.stopTracing();
      const long = busy.filter((ms) => ms > frameTargetMs).length;
      context.progress(
        `many-bots-ui: ${app.bots} printing; ${traffic.frames - trafficAtStart.frames} socket messages (${((traffic.bytes - trafficAtStart.bytes) / 1024).toFixed(0)} KB) reached the page; ${long} of ${busy.length} frames over ${frameTargetMs} ms; core lag p99 ${formatMs(app.lagP99Ms)}`,
      );
      return rowsFor(app.bots, summarize(busy), summarize(idle), { busy: busyCpuMsPerS, idle: idleCpuMsPerS }, settledAfterMs);
    } finally {
      await browser?.close();
      core.kill();
    }
  },
};

/**
 * The page's main-thread CPU time so far, in ms (CDP Performance.getMetrics `ThreadTime`): what
 * the page itself costs, apart from how long the machine's other work kept it waiting.
 */
async function mainThreadCpu(page: Page): Promise<() => Promise<number>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  return async () => ((await cdp.send('Performance.getMetrics')).metrics.find((metric) => metric.name === 'ThreadTime')?.value ?? Number.NaN) * 1000;
}

/** Counts what the host sends the page over its WebSocket: diagnostics for the progress line. */
function countSocketTraffic(page: Page): { frames: number; bytes: number } {
  const counts = { frames: 0, bytes: 0 };
  page.on('websocket', (socket) =>
    socket.on('framereceived', ({ payload }) => {
      counts.frames += 1;
      counts.bytes += payload.length;
    }),
  );
  return counts;
}

async function framesFor(page: Page, ms: number): Promise<number[]> {
  await startFrameProbe(page);
  await new Promise((resolve) => setTimeout(resolve, ms));
  return stopFrameProbe(page);
}

function rowsFor(
  printing: number,
  busy: ReturnType<typeof summarize>,
  idle: ReturnType<typeof summarize>,
  cpuMsPerS: { busy: number; idle: number },
  settledAfterMs: number,
): BenchmarkRow[] {
  return [
    {
      id: 'many-bots-frames',
      benchmark: `${printing} bots printing every 10 ms, all at once: Overview frame time, browser host in Chromium (n=${busy.count} frames; the page's main thread used ${cpuMsPerS.busy.toFixed(0)} ms of CPU per second, ${cpuMsPerS.idle.toFixed(0)} ms with no bot; the window opened once what the bots printed while being started was captured, after ${settledAfterMs.toFixed(0)} ms)`,
      baseline: 'the same page with no bot running',
      median: formatPair(busy.median, idle.median, formatMs),
      p95: formatPair(busy.p95, idle.p95, formatMs),
      p99: formatPair(busy.p99, idle.p99, formatMs),
      ratio: formatRatio(ratio(busy.p95, idle.p95)),
      target: `p95 < ${frameTargetMs} ms`,
      met: busy.p95 < frameTargetMs,
    },
  ];
}
