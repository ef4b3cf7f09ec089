import { performance } from 'node:perf_hooks';
import type { Benchmark, BenchmarkRow } from '../benchmark.js';
import { formatMs, formatPair, formatRatio, notApplicable } from '../format-values.js';
import { runInterleaved } from '../run-interleaved.js';
import { ratio, summarize } from '../stats.js';

const targetRatio = 1.15;

/**
 * Callback → session active. The app's path starts when the deep link is handed to the core
 * (`deliverRedirect`, what every OS channel calls) and ends when the `state` event shows the
 * session active. The baseline is openid-client's `authorizationCodeGrant` alone, against the
 * same sandbox and client. Each iteration gets a fresh code from a browserless login (untimed).
 */
export const callbackToSession: Benchmark = {
  name: 'callback',
  rowIds: ['callback-to-session'],
  async run(context) {
    const core = await context.core();
    const app = async (): Promise<number> => {
      // Untimed set-up: a signed-out profile and a fresh, unused code for a pending sign-in.
      if (core.session()?.status !== 'signedOut') await core.signOut();
      const callback = await core.beginSignIn();
      await new Promise((resolve) => setImmediate(resolve));
      const active = core.nextState((state) => core.session(state)?.status === 'active', 'session active');
      const startedAt = performance.now();
      await core.supervisor.deliverRedirect(callback);
      await active;
      return performance.now() - startedAt;
    };
    const baseline = async (): Promise<number> => {
      const pending = await core.bareAuthorization();
      const startedAt = performance.now();
      await core.redeem(pending);
      return performance.now() - startedAt;
    };
    const samples = await runInterleaved({
      warmupPairs: context.quick ? 1 : 5,
      pairs: context.quick ? 3 : 100,
      app,
      baseline,
    });
    const a = summarize(samples.app);
    const b = summarize(samples.baseline);
    const r = ratio(a.median, b.median);
    const row: BenchmarkRow = {
      id: 'callback-to-session',
      benchmark: `Callback → session active (n=${a.count})`,
      baseline: 'bare openid-client authorizationCodeGrant, same sandbox',
      median: formatPair(a.median, b.median, formatMs),
      p95: formatPair(a.p95, b.p95, formatMs),
      p99: notApplicable,
      ratio: formatRatio(r),
      target: `ratio ≤ ${targetRatio}`,
      met: r <= targetRatio,
    };
    return [row];
  },
};
