import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { isLiveRunStatus } from '../../app/common/run-status.js';
import type { Benchmark, BenchmarkRow } from '../benchmark.js';
import { formatMs, formatPair, formatRatio, notApplicable } from '../format-values.js';
import { runInterleaved } from '../run-interleaved.js';
import { PreciseEpochClock } from '../precise-epoch-clock.js';
import { ratio, summarize } from '../stats.js';
import { firstCallBotId, type CoreHarness } from '../support/core-harness.js';

const targetRatio = 1.3;
const markerPattern = /BENCH_FIRST_CALL status=(\d+) at=(\d+(?:\.\d+)?)/;

/**
 * Bot start → first authorised API call. The app's path is `startRun` (RunManager.start: policy,
 * history, broker secret, spawn) of a bot that fetches its token from the broker through the SDK
 * and calls the sandbox's /api/whoami; the clock stops when the answer reaches the bot, which
 * prints that moment. The baseline is `node` running the same script with the token in env.
 */
export const botFirstCall: Benchmark = {
  name: 'first-call',
  rowIds: ['bot-first-call'],
  async run(context) {
    const core = await context.core();
    await core.signIn();
    const { accessToken } = await core.freshAccessToken();
    const script = join(context.repoRoot, 'bench', 'support', 'first-call-bot.mjs');
    const clock = new PreciseEpochClock();
    const samples = await runInterleaved({
      warmupPairs: context.quick ? 1 : 3,
      pairs: context.quick ? 1 : 30,
      app: () => viaSupervisor(core, clock),
      baseline: () => viaPlainNode(script, core.sandbox.apiBaseUrl, accessToken, clock),
    });
    const a = summarize(samples.app);
    const b = summarize(samples.baseline);
    const r = ratio(a.median, b.median);
    const row: BenchmarkRow = {
      id: 'bot-first-call',
      benchmark: `Bot start → first authorised API call (n=${a.count})`,
      baseline: '`node` running the same script, token in env',
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

export async function viaSupervisor(core: CoreHarness, clock: PreciseEpochClock): Promise<number> {
  const api = core.supervisor.api;
  // Subscribed before the start, so the run cannot end unseen; the id is known only after.
  const started: { runId?: string } = {};
  const ended = core.nextState((state) => {
    const run = state.runs.find((r) => r.id === started.runId);
    return run !== undefined && !isLiveRunStatus(run.status);
  }, 'the first-call bot run to end');
  clock.calibrate();
  const startedAt = clock.now();
  const runId = (await api.invoke('startRun', { botId: firstCallBotId })).id;
  started.runId = runId;
  const state = await ended;
  const run = state.runs.find((r) => r.id === runId);
  const log = await api.invoke('readLog', { runId, limit: 100 });
  const marker = log.lines.map((line) => markerPattern.exec(line.text)).find((match) => match !== null);
  if (run?.status !== 'succeeded' || !marker) {
    throw new Error(`the first-call bot run ${run?.status ?? 'vanished'}: ${log.lines.map((l) => l.text).join(' | ')}`);
  }
  return answeredAt(marker) - startedAt;
}

function viaPlainNode(script: string, apiBaseUrl: string, accessToken: string, clock: PreciseEpochClock): Promise<number> {
  clock.calibrate();
  const startedAt = clock.now();
  const child = spawn(process.execPath, [script], {
    // The environment a shell would give it: the same as the bench's (which is not under tsx's loader).
    env: { ...process.env, RPA_SANDBOX_API_URL: apiBaseUrl, RPA_ACCESS_TOKEN: accessToken },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      const marker = markerPattern.exec(output);
      if (code !== 0 || !marker) reject(new Error(`the baseline bot exited with ${code}: ${output}`));
      else resolve(answeredAt(marker) - startedAt);
    });
  });
}

function answeredAt(marker: RegExpExecArray): number {
  if (marker[1] !== '200') throw new Error(`the sandbox API answered HTTP ${marker[1]}`);
  return Number(marker[2]);
}
