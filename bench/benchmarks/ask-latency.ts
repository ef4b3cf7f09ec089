import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { isLiveRunStatus } from '../../app/common/run-status.js';
import type { SupervisorState } from '../../app/common/contract.js';
import type { Benchmark, BenchmarkRow } from '../benchmark.js';
import { formatMs, formatPair, formatRatio } from '../format-values.js';
import { PreciseEpochClock } from '../precise-epoch-clock.js';
import { ratio, summarize } from '../stats.js';
import type { CoreHarness } from '../support/core-harness.js';

const targetP95Ms = 100;
const askBotId = 'bench-ask';
const sentAtPattern = /sentAt=(\d+(?:\.\d+)?)/;

/**
 * Questions: bot `ask` → prompt in the page's state. A bot started by the app asks with the
 * SDK (`POST /v1/ask` to the broker); the clock stops when the core's `state` event, the one every
 * host forwards to its page, carries the question as an attention item (the bench then answers
 * it, untimed, and the bot asks the next). The WebSocket hop and React's render are not in it
 * (the UI-frame row covers rendering). The baseline is the same bot's same POST to a bare
 * node:http server that stamps its arrival: the bot-to-host floor. Target: app p95 < 100 ms.
 */
export const askLatency: Benchmark = {
  name: 'ask',
  rowIds: ['ask-latency'],
  async run(context) {
    const warmup = context.quick ? 1 : 5;
    const samples = context.quick ? 3 : 100;
    const script = join(context.repoRoot, 'bench', 'support', 'ask-bot.mjs');
    const clock = new PreciseEpochClock();
    context.progress(`ask: ${samples} questions through the app, then to a bare server`);
    const app = await viaSupervisor(await context.core(), script, warmup, samples, clock);
    const baseline = await viaBareServer(script, warmup, samples, clock);
    const a = summarize(app);
    const b = summarize(baseline);
    const row: BenchmarkRow = {
      id: 'ask-latency',
      benchmark: `Questions: bot \`ask\` → question in the page's state event (n=${a.count})`,
      baseline: 'the same bot POST to a bare node:http server (arrival)',
      median: formatPair(a.median, b.median, formatMs),
      p95: formatPair(a.p95, b.p95, formatMs),
      p99: formatPair(a.p99, b.p99, formatMs),
      ratio: formatRatio(ratio(a.p95, b.p95)),
      target: `p95 < ${targetP95Ms} ms`,
      met: a.p95 < targetP95Ms,
    };
    return [row];
  },
};

async function viaSupervisor(core: CoreHarness, script: string, warmup: number, samples: number, clock: PreciseEpochClock): Promise<number[]> {
  await core.signIn();
  const api = core.supervisor.api;
  const manifest = { id: askBotId, name: 'Benchmark: questions', command: 'node', args: [script], profileId: 'sandbox', env: { BENCH_ASK_COUNT: String(warmup + samples) }, timeoutMs: 600_000 };
  const listed = core.nextState((s) => s.bots.some((bot) => bot.id === askBotId), 'the ask bot to be listed');
  await writeFile(join(core.dataDir, 'bots', `${askBotId}.bot.json`), JSON.stringify(manifest));
  await listed;

  const latencies: number[] = [];
  const seen = new Set<string>();
  const started: { runId?: string } = {};
  clock.calibrate();
  const subscription = api.on('state', (state: SupervisorState) => {
    for (const item of state.attention) {
      if (item.kind !== 'question' || seen.has(item.question.id)) continue;
      const shownAt = clock.now();
      seen.add(item.question.id);
      const sentAt = Number(sentAtPattern.exec(item.question.text)?.[1]);
      if (seen.size > warmup) latencies.push(shownAt - sentAt);
      void api.invoke('answerQuestion', { questionId: item.question.id, answer: { choice: 'Continue' } });
    }
  });
  try {
    const ended = core.nextState((s) => {
      const run = s.runs.find((r) => r.id === started.runId);
      return run !== undefined && !isLiveRunStatus(run.status);
    }, 'the ask bot run to end');
    started.runId = (await api.invoke('startRun', { botId: askBotId })).id;
    const state = await Promise.race([ended, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('the ask bot did not finish within 10 minutes')), 600_000).unref())]);
    const run = state.runs.find((r) => r.id === started.runId);
    if (run?.status !== 'succeeded') {
      const log = await api.invoke('readLog', { runId: started.runId, limit: 50 });
      throw new Error(`the ask bot run ${run?.status ?? 'vanished'}: ${log.lines.map((l) => l.text).join(' | ')}`);
    }
  } finally {
    subscription.dispose();
  }
  return latencies;
}

async function viaBareServer(script: string, warmup: number, samples: number, clock: PreciseEpochClock): Promise<number[]> {
  const latencies: number[] = [];
  let received = 0;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const arrivedAt = clock.now();
      received += 1;
      const sentAt = Number(sentAtPattern.exec(body)?.[1]);
      if (received > warmup) latencies.push(arrivedAt - sentAt);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ answer: { choice: 'Continue' }, answeredBy: { subject: 'bench' }, answeredAt: Date.now() }));
    });
  });
  await new Promise<void>((resolve) => server.listen({ host: '127.0.0.1', port: 0 }, resolve));
  const { port } = server.address() as AddressInfo;
  clock.calibrate();
  try {
    const child = spawn(process.execPath, [script], {
      env: { ...process.env, RPA_BROKER_URL: `http://127.0.0.1:${port}`, RPA_RUN_SECRET: 'bench-baseline', BENCH_ASK_COUNT: String(warmup + samples) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', resolve);
    });
    if (code !== 0) throw new Error(`the baseline ask bot exited with ${code}: ${output}`);
  } finally {
    server.close();
  }
  return latencies;
}
