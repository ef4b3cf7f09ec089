import { join } from 'node:path';
import type { Benchmark, BenchmarkRow } from '../benchmark.js';
import { formatMs, formatPair, formatRate, formatRatio, notApplicable } from '../format-values.js';
import { ratio } from '../stats.js';
import type { ManyBotsWindow } from '../support/many-bots-core.js';
import { lastJsonLine, runTsScript } from '../support/run-ts-script.js';

const lagTargetMs = 50;
const lagRatioTarget = 1.2;

/**
 * Many bots. N bots (200 in a full run, BENCH_MANY_BOTS to change) each print a line every
 * 10 ms under the real RunManager, in a process of its own whose event-loop delay is measured;
 * then the same bots are spawned bare, their pipes only counted. Targets: p99 < 50 ms and at most
 * 1.2× the bare floor. The renderer's frame time with these bots is not measured here.
 */
export const manyBots: Benchmark = {
  name: 'many-bots',
  rowIds: ['many-bots-lag', 'many-bots-lines'],
  async run(context) {
    const plan = {
      bots: Number(process.env.BENCH_MANY_BOTS) || (context.quick ? 10 : 200),
      windowMs: Number(process.env.BENCH_MANY_WINDOW_MS) || (context.quick ? 1000 : 10_000),
      repoRoot: context.repoRoot,
    };
    context.progress(`many-bots: ${plan.bots} pace bots for ${plan.windowMs} ms under the run manager, then bare`);
    const { stdout } = await runTsScript(join(context.repoRoot, 'bench', 'support', 'many-bots-core.ts'), {
      cwd: context.repoRoot,
      env: { BENCH_MANY_PLAN: JSON.stringify(plan) },
      timeoutMs: 600_000,
    });
    const { app, bare } = lastJsonLine<{ app: ManyBotsWindow; bare: ManyBotsWindow }>(stdout);
    return rowsFor(app, bare);
  },
};

function rowsFor(app: ManyBotsWindow, bare: ManyBotsWindow): BenchmarkRow[] {
  const lagRatio = ratio(app.lagP99Ms, bare.lagP99Ms);
  const rate = (window: ManyBotsWindow) => (window.lines / window.elapsedMs) * 1000;
  const baseline = `the same ${bare.bots} bots spawned bare, pipes only counted`;
  return [
    {
      id: 'many-bots-lag',
      benchmark: `${app.bots} bots printing every 10 ms: core event-loop lag (monitorEventLoopDelay; max ${formatMs(app.lagMaxMs)} / ${formatMs(bare.lagMaxMs)}; the window opened once what the bots printed while being started was captured, after ${formatMs(app.settledAfterMs)} / ${formatMs(bare.settledAfterMs)})`,
      baseline,
      median: formatPair(app.lagP50Ms, bare.lagP50Ms, formatMs),
      p95: notApplicable,
      p99: formatPair(app.lagP99Ms, bare.lagP99Ms, formatMs),
      ratio: formatRatio(lagRatio),
      target: `p99 < ${lagTargetMs} ms and ≤ ${lagRatioTarget}× bare`,
      met: app.lagP99Ms < lagTargetMs && lagRatio <= lagRatioTarget,
    },
    {
      id: 'many-bots-lines',
      benchmark: `${app.bots} bots printing every 10 ms: lines captured per second (about ${(app.bots * 100).toLocaleString('en-GB')}/s expected)`,
      baseline,
      median: `${formatRate(rate(app), '/s')} / ${formatRate(rate(bare), '/s')}`,
      p95: notApplicable,
      p99: notApplicable,
      ratio: formatRatio(ratio(rate(app), rate(bare))),
      target: 'informational',
      met: undefined,
    },
  ];
}
