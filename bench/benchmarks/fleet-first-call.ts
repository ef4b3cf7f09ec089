import { dirname, join } from 'node:path';
import type { Benchmark, BenchmarkRow } from '../benchmark.js';
import { formatMs, formatPair, formatRatio, notApplicable } from '../format-values.js';
import { PreciseEpochClock } from '../precise-epoch-clock.js';
import { runInterleaved } from '../run-interleaved.js';
import { ratio, summarize } from '../stats.js';
import { FleetBenchHarness } from '../support/fleet-bench-harness.js';
import { pollUntil } from '../support/poll-until.js';
import { viaSupervisor } from './bot-first-call.js';

const targetRatio = 1.5;
const markerPattern = /BENCH_FIRST_CALL status=(\d+) at=(\d+(?:\.\d+)?)/;

/**
 * Fleet: enqueue → first authorised API call on a worker. The app's path is the desktop's
 * enqueue (BullmqRunQueue), a worker agent taking the job, its signed claim, the coordinator's
 * checks and sealed lease, the worker's broker and the same first-call bot (SDK, token from the
 * broker, the sandbox's /api/whoami); the bot prints the moment the answer arrived and the
 * worker streams that line back. The baseline is the same bot started locally (the first-call bench's app path).
 */
export const fleetFirstCall: Benchmark = {
  name: 'fleet-first-call',
  rowIds: ['fleet-first-call'],
  async run(context) {
    const core = await context.core();
    await core.signIn();
    const { accessToken } = await core.freshAccessToken();
    const fleet = await FleetBenchHarness.start({ accessToken });
    try {
      const script = join(context.repoRoot, 'bench', 'support', 'first-call-bot.mjs');
      await fleet.addWorker('Bench worker', { 'first-call': { command: process.execPath, args: [script], cwd: dirname(script), env: { RPA_SANDBOX_API_URL: core.sandbox.apiBaseUrl } } });
      const clock = new PreciseEpochClock();
      const samples = await runInterleaved({
        warmupPairs: context.quick ? 0 : 3,
        pairs: context.quick ? 1 : 30,
        app: () => viaFleet(fleet, clock),
        baseline: () => viaSupervisor(core, clock),
      });
      const a = summarize(samples.app);
      const b = summarize(samples.baseline);
      const r = ratio(a.median, b.median);
      const row: BenchmarkRow = {
        id: 'fleet-first-call',
        benchmark: `Fleet: enqueue → first authorised API call on a worker (n=${a.count})`,
        baseline: 'the same bot started locally (the first-call bench)',
        median: formatPair(a.median, b.median, formatMs),
        p95: formatPair(a.p95, b.p95, formatMs),
        p99: notApplicable,
        ratio: formatRatio(r),
        target: `ratio ≤ ${targetRatio}`,
        met: r <= targetRatio,
      };
      return [row];
    } finally {
      await fleet.close();
    }
  },
};

async function viaFleet(fleet: FleetBenchHarness, clock: PreciseEpochClock): Promise<number> {
  clock.calibrate();
  const enqueuedAt = clock.now();
  const runId = fleet.enqueue('first-call');
  // The bot stamps the answer's arrival itself, so how often this polls does not change the sample.
  const marker = await pollUntil(async () => {
    for (const line of await fleet.logLines(runId)) {
      const match = markerPattern.exec(line);
      if (match) return match;
    }
    return undefined;
  }, `the remote first-call run ${runId} to call the API`, 30_000, 20);
  // The next sample starts on an idle worker.
  await pollUntil(async () => ((await fleet.unfinished()) === 0 ? true : undefined), `the remote run ${runId} to finish`, 30_000, 20);
  if (marker[1] !== '200') throw new Error(`the sandbox API answered HTTP ${marker[1] ?? '?'} to the remote run`);
  return Number(marker[2]) - enqueuedAt;
}
