/**
 * Benchmark load client, run as its own process like a bot: N concurrent loops fetching the token
 * as fast as they can, alternately from the token broker and from the floor server. The SDK reads
 * RPA_BROKER_URL on every call, so switching servers between rounds is switching that variable.
 * Prints one JSON TokenLoadResult line on stdout.
 */
import { Agent, get } from 'node:http';
import { performance } from 'node:perf_hooks';
import { getAccessToken } from '../../bots/sdk/index.mjs';
import type { TokenLoadLevel, TokenLoadPlan, TokenLoadResult, TokenLoadSide, TokenLoadTransport } from './token-load-plan.js';

const plan = JSON.parse(process.env.BENCH_LOAD_PLAN ?? '') as TokenLoadPlan;
const keepAliveAgent = new Agent({ keepAlive: true, maxSockets: Infinity });

/** The request the SDK makes, over node:http with a keep-alive Agent instead of fetch. */
function getTokenOverHttp(): Promise<string> {
  const url = `${process.env.RPA_BROKER_URL}/v1/token?minValidityMs=0`;
  return new Promise((resolve, reject) => {
    const request = get(url, { agent: keepAliveAgent, headers: { authorization: `RunSecret ${process.env.RPA_RUN_SECRET}` } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { access_token?: unknown };
        if (response.statusCode !== 200 || typeof body.access_token !== 'string') reject(new Error(`HTTP ${response.statusCode}`));
        else resolve(body.access_token);
      });
    });
    request.setTimeout(30_000, () => request.destroy(new Error('timed out')));
    request.on('error', reject);
  });
}

const fetchToken: Record<TokenLoadTransport, () => Promise<string>> = {
  sdk: async () => (await getAccessToken()).accessToken,
  http: getTokenOverHttp,
};

async function round(targetUrl: string, clients: number, transport: TokenLoadTransport, into: TokenLoadSide | undefined): Promise<void> {
  process.env.RPA_BROKER_URL = targetUrl;
  const call = fetchToken[transport];
  const startedAt = performance.now();
  const deadline = startedAt + plan.roundMs;
  let completed = 0;
  const latencies: number[] = [];
  const loop = async () => {
    while (performance.now() < deadline) {
      const callAt = performance.now();
      const token = await call();
      latencies.push(performance.now() - callAt);
      if (token.length === 0) throw new Error('the server answered an empty token');
      completed += 1;
    }
  };
  await Promise.all(Array.from({ length: clients }, loop));
  if (!into) return;
  into.latenciesMs.push(...latencies);
  into.completed += completed;
  into.elapsedMs += performance.now() - startedAt;
}

const emptySide = (): TokenLoadSide => ({ latenciesMs: [], completed: 0, elapsedMs: 0 });

async function main(): Promise<void> {
  const result: TokenLoadResult = { levels: [] };
  for (const { clients, transport } of plan.levels) {
    const level: TokenLoadLevel = { clients, transport, broker: emptySide(), floor: emptySide() };
    for (let index = 0; index < plan.warmupRounds + plan.rounds; index += 1) {
      const keep = index >= plan.warmupRounds;
      // ABBA: the broker goes first in even rounds, the floor in odd ones.
      const order = index % 2 === 0 ? (['broker', 'floor'] as const) : (['floor', 'broker'] as const);
      for (const side of order) {
        await round(side === 'broker' ? plan.brokerUrl : plan.floorUrl, clients, transport, keep ? level[side] : undefined);
      }
    }
    result.levels.push(level);
  }
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`token load client failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
