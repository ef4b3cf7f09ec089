import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { Benchmark, BenchmarkRow } from '../benchmark.js';
import { formatMs, formatPair, formatRatio } from '../format-values.js';
import { ratio, summarize } from '../stats.js';
import { chromiumLaunchOptions } from '../support/chromium-launch-options.js';
import { floodBotId, type FloodPlan } from '../support/flood-protocol.js';
import { startFrameProbe, stopFrameProbe } from '../support/frame-probe.js';
import { FloodCore } from './log-flood.js';

const frameTargetMs = 33;
/** The preferences' ceiling on runs at once: the browser host runs at most this many; the rest wait in the queue. */
const maxConcurrentRuns = 64;
/** The run queue's ceiling: a start beyond it is refused. */
const maxQueuedRuns = 50;

/**
 * 6. Many bots, the UI part. The browser host (its own process, the real core) supervises N pace
 * bots, each printing a line every 10 ms, while Chromium shows the Overview (every card, the
 * queued list, Today); the page's frame time is measured. Baseline: the same page with no bot
 * running, measured first in the same run. Target: p95 < 33 ms.
 *
 * The browser host runs at most 64 runs at once (`maxConcurrentRuns` is capped there) and queues
 * at most 50 more, so of 200 bots 114 are started: 64 print and 50 wait in the visible queue.
 * The row says how many printed.
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
      // 200 asked for; the browser host takes 64 running plus 50 queued, and no more.
      bots: Math.min(Number(process.env.BENCH_MANY_BOTS) || (context.quick ? 10 : 200), maxConcurrentRuns + maxQueuedRuns),
      windowMs,
      repoRoot: context.repoRoot,
      bot: { script: join(context.repoRoot, 'bench', 'support', 'pace-bot.mjs'), env: { BENCH_PACE_MS: '10', BENCH_PACE_MAX_MS: String(windowMs + 120_000) } },
    };
    const core = new FloodCore(context, plan);
    let browser: Browser | undefined;
    try {
      const { pageUrl } = await core.next('ready');
      context.progress(`many-bots-ui: browser host ready with ${plan.bots} pace bots; opening the Overview in Chromium`);
      const { chromium } = await import('playwright-core');
      browser = await chromium.launch(chromiumLaunchOptions);
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await page.goto(pageUrl);
      await page.getByTestId(`bot-${floodBotId(0)}`).waitFor({ timeout: 180_000 });
      const idle = await framesFor(page, windowMs);
      core.send({ type: 'start' });
      await core.next('flooding');
      context.progress(`many-bots-ui: bots running; measuring the Overview's frames for ${windowMs} ms`);
      await startFrameProbe(page);
      core.send({ type: 'measure' });
      await core.next('appResult');
      const busy = await stopFrameProbe(page);
      return rowsFor(plan.bots, summarize(busy), summarize(idle));
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

function rowsFor(bots: number, busy: ReturnType<typeof summarize>, idle: ReturnType<typeof summarize>): BenchmarkRow[] {
  const printing = Math.min(bots, maxConcurrentRuns);
  return [
    {
      id: 'many-bots-frames',
      benchmark: `6. ${bots} bots printing every 10 ms (${printing} at once${bots > printing ? `, ${bots - printing} queued` : ''}: the browser host's limits): Overview frame time, browser host in Chromium (n=${busy.count} frames)`,
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
