import { request } from 'node:http';
import { join } from 'node:path';
import type { Benchmark, BenchContext, BenchmarkRow } from '../benchmark.js';
import { TokenBroker } from '../../app/broker/token-broker.js';
import { systemClock } from '../../app/ports/clock.js';
import { nullLogger } from '../../app/ports/logger.js';
import { silentNotifier } from '../../app/ports/notifier.js';
import { MemorySecretStore } from '../../app/ports/secret-store.js';
import { SessionManager } from '../../app/session/session-manager.js';
import { formatMs, formatPair, formatRate, formatRatio, notApplicable } from '../format-values.js';
import { ratio, summarize } from '../stats.js';
import { sandboxProfileId } from '../support/core-harness.js';
import { startFloorServer } from '../support/start-floor-server.js';
import { lastJsonLine, runTsScript } from '../support/run-ts-script.js';
import type { TokenLoadLevel, TokenLoadPlan, TokenLoadResult, TokenLoadTransport } from '../support/token-load-plan.js';

const latencyTargetRatio = 1.5;
const throughputTarget = 8000;
const throughputClients = 64;

/**
 * Broker token fetch. The real TokenBroker over a real SessionManager holding a real sandbox
 * token, against a bare `http` server returning a body of exactly the broker's size and headers
 * (the floor). A separate process plays the bots: 1, 16 and 64 concurrent SDK getAccessToken()
 * loops over keep-alive, alternating between the two servers round by round; then 64 loops over
 * node:http, which shows what the broker serves when the client is not the bottleneck.
 */
export const brokerTokenFetch: Benchmark = {
  name: 'broker',
  rowIds: ['broker-latency-1', 'broker-latency-16', 'broker-latency-64', 'broker-latency-64-http', 'broker-throughput-64', 'broker-throughput-64-http'],
  async run(context) {
    const core = await context.core();
    const token = await core.freshAccessToken();
    const sessions = new SessionManager({
      clock: systemClock,
      logger: nullLogger,
      notifier: silentNotifier,
      secrets: new MemorySecretStore(),
      profiles: { get: () => ({ name: 'Local sandbox', warningMinutes: [60, 15, 5], issuer: core.profile.issuer }) },
    });
    const receivedAt = Date.now();
    await sessions.establish({
      profileId: sandboxProfileId,
      issuer: core.profile.issuer,
      accessToken: token.accessToken,
      tokenType: 'Bearer',
      expiresAt: receivedAt + token.expiresInSeconds * 1000 - 30_000,
      receivedAt,
      subject: core.sandbox.demoUser.subject,
      name: core.sandbox.demoUser.name,
      scopes: core.profile.scopes,
    });
    const broker = new TokenBroker({ sessions, clock: systemClock, logger: nullLogger });
    await broker.start();
    const secret = broker.registerRun('bench-load', sandboxProfileId);
    try {
      const sample = await fetchOnce(broker.url, secret);
      // Same size and headers, but never the real token: the floor guards nothing.
      const body = Buffer.from(sample.body.toString('utf8').replace(token.accessToken, 'x'.repeat(token.accessToken.length)));
      const floor = await startFloorServer(body, sample.headers);
      try {
        const result = await runLoad(context, broker.url, floor.url, secret);
        // Evidence that the clients reuse connections: ~1 per concurrent client, not 1 per request.
        context.progress(`broker: the floor server saw ${floor.requests.toLocaleString('en-GB')} requests on ${floor.connections} connections`);
        return rowsFor(result, floor.connections, floor.requests);
      } finally {
        await floor.close();
      }
    } finally {
      await broker.close();
      sessions.dispose();
    }
  },
};

async function runLoad(context: BenchContext, brokerUrl: string, floorUrl: string, secret: string): Promise<TokenLoadResult> {
  const plan: TokenLoadPlan = {
    brokerUrl,
    floorUrl,
    levels: [
      { clients: 1, transport: 'sdk' },
      { clients: 16, transport: 'sdk' },
      { clients: throughputClients, transport: 'sdk' },
      { clients: throughputClients, transport: 'http' },
    ],
    // Short rounds, many of them: a burst of outside load then lands on both servers alike.
    roundMs: context.quick ? 100 : 500,
    rounds: context.quick ? 1 : 6,
    warmupRounds: 1,
  };
  const { stdout } = await runTsScript(join(context.repoRoot, 'bench', 'support', 'token-load-client.ts'), {
    cwd: context.repoRoot,
    env: { RPA_BROKER_URL: brokerUrl, RPA_RUN_SECRET: secret, RPA_RUN_ID: 'bench-load', BENCH_LOAD_PLAN: JSON.stringify(plan) },
    timeoutMs: 120_000,
  });
  return lastJsonLine<TokenLoadResult>(stdout);
}

const floorName = 'bare node:http server, same body and headers (floor)';
const transportName: Record<TokenLoadTransport, string> = { sdk: 'SDK getAccessToken', http: 'node:http keep-alive client (the SDK transport, bare)' };

function idSuffix(level: TokenLoadLevel): string {
  return level.transport === 'sdk' ? `${level.clients}` : `${level.clients}-${level.transport}`;
}

function rowsFor(result: TokenLoadResult, floorConnections: number, floorRequests: number): BenchmarkRow[] {
  const reuse = `; keep-alive: the floor saw ${floorRequests.toLocaleString('en-GB')} requests on ${floorConnections} connections over all levels`;
  const rows: BenchmarkRow[] = [];
  for (const level of result.levels) {
    const app = summarize(level.broker.latenciesMs);
    const floor = summarize(level.floor.latenciesMs);
    const r = ratio(app.median, floor.median);
    const r99 = ratio(app.p99, floor.p99);
    rows.push({
      id: `broker-latency-${idSuffix(level)}`,
      benchmark: `Token fetch latency, ${level.clients} client${level.clients === 1 ? '' : 's'}, ${transportName[level.transport]} (n=${app.count})`,
      baseline: floorName,
      median: formatPair(app.median, floor.median, formatMs),
      p95: formatPair(app.p95, floor.p95, formatMs),
      p99: formatPair(app.p99, floor.p99, formatMs),
      ratio: `${formatRatio(r)} (p99 ${formatRatio(r99)})`,
      target: `ratio ≤ ${latencyTargetRatio} (median and p99)`,
      met: r <= latencyTargetRatio && r99 <= latencyTargetRatio,
    });
  }
  for (const level of result.levels.filter((l) => l.clients === throughputClients)) {
    const appRate = (level.broker.completed / level.broker.elapsedMs) * 1000;
    const floorRate = (level.floor.completed / level.floor.elapsedMs) * 1000;
    rows.push({
      id: `broker-throughput-${idSuffix(level)}`,
      benchmark: `Token fetch throughput, ${level.clients} clients, ${transportName[level.transport]}${level.transport === 'sdk' ? reuse : ''}`,
      baseline: floorName,
      median: `${formatRate(appRate, '/s')} / ${formatRate(floorRate, '/s')}`,
      p95: notApplicable,
      p99: notApplicable,
      ratio: formatRatio(ratio(appRate, floorRate)),
      target: `≥ ${throughputTarget.toLocaleString('en-GB')} fetches/s`,
      met: appRate >= throughputTarget,
    });
  }
  return rows;
}

/** One raw broker response: its exact body bytes and the headers the floor should copy. */
function fetchOnce(baseUrl: string, secret: string): Promise<{ body: Buffer; headers: Record<string, string> }> {
  const url = new URL('/v1/token?minValidityMs=0', baseUrl);
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { authorization: `RunSecret ${secret}` } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        if (res.statusCode !== 200) return reject(new Error(`the broker answered HTTP ${res.statusCode}`));
        const headers: Record<string, string> = {};
        for (const name of ['content-type', 'cache-control', 'pragma', 'x-content-type-options']) {
          const value = res.headers[name];
          if (typeof value === 'string') headers[name] = value;
        }
        resolve({ body: Buffer.concat(chunks), headers });
      });
    });
    req.on('error', reject);
    req.end();
  });
}
