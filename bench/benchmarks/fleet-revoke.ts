import { join } from 'node:path';
import type { Benchmark, BenchmarkRow } from '../benchmark.js';
import { formatMs, notApplicable } from '../format-values.js';
import { summarize } from '../stats.js';
import { FleetBenchHarness } from '../support/fleet-bench-harness.js';
import { pollUntil } from '../support/poll-until.js';

const targetMs = 1000;
const workers = 4;
const servedPattern = /^served \d+ at (\d+)$/;
const deniedPattern = /^denied \w+ at (\d+)$/;

/**
 * Fleet: revoke → last token served on any worker. Each sample: one run on each of 4 workers,
 * every bot asking its worker's broker for the token every 25 ms (main/worker/testing/
 * lease-probe-bot.mjs); the session signs out, and the sample is the time until the broker of
 * every worker denies, read from the bots' own time-stamped lines. That bounds the last token
 * served (which is always earlier). No baseline: the target is absolute, p99 < 1 s.
 */
export const fleetRevoke: Benchmark = {
  name: 'fleet-revoke',
  rowIds: ['fleet-revoke'],
  async run(context) {
    const fleet = await FleetBenchHarness.start({ accessToken: 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJiZW5jaCJ9.revoke-bench' });
    try {
      const bot = { command: process.execPath, args: [join(context.repoRoot, 'main', 'worker', 'testing', 'lease-probe-bot.mjs')], cwd: context.repoRoot };
      for (let i = 0; i < workers; i += 1) await fleet.addWorker(`Bench worker ${String(i + 1)}`, { probe: bot });
      const samples: number[] = [];
      const rounds = context.quick ? 1 : 30;
      for (let round = 0; round < rounds + 1; round += 1) {
        const sample = await oneRevoke(fleet);
        // The first round warms the workers up.
        if (round > 0) samples.push(sample);
      }
      const s = summarize(samples);
      const row: BenchmarkRow = {
        id: 'fleet-revoke',
        benchmark: `Fleet: sign-out → every worker's broker denies (bounds the last token served), ${String(workers)} workers (n=${String(s.count)})`,
        baseline: notApplicable,
        median: formatMs(s.median),
        p95: formatMs(s.p95),
        p99: formatMs(s.p99),
        ratio: notApplicable,
        target: `p99 < ${String(targetMs)} ms`,
        met: s.p99 < targetMs,
      };
      return [row];
    } finally {
      await fleet.close();
    }
  },
};

async function oneRevoke(fleet: FleetBenchHarness): Promise<number> {
  fleet.session.signedIn = true;
  const target = fleet.finished + workers;
  const runIds = Array.from({ length: workers }, () => fleet.enqueue('probe'));
  const at = (lines: string[], pattern: RegExp): number[] => lines.flatMap((l) => pattern.exec(l)?.[1] ?? []).map(Number);
  await pollUntil(async () => ((await Promise.all(runIds.map(async (id) => at(await fleet.logLines(id), servedPattern).length > 0))).every(Boolean) ? true : undefined), 'every bench bot to be served', 30_000, 10);
  const revokedAt = Date.now();
  fleet.session.signOut();
  // Each bot exits once denied after being served, so its job ends.
  await pollUntil(() => (fleet.finished >= target ? true : undefined), 'every bench bot to be denied and end', 30_000, 10);
  let lastDenial = 0;
  for (const runId of runIds) {
    const lines = await fleet.logLines(runId);
    const denied = at(lines, deniedPattern).filter((t) => t >= revokedAt);
    if (denied.length === 0) throw new Error(`run ${runId} ended without a denial after the sign-out: ${lines.slice(-3).join(' | ')}`);
    lastDenial = Math.max(lastDenial, Math.min(...denied));
  }
  return lastDenial - revokedAt;
}
