import type { Benchmark } from './benchmark.js';
import { askLatency } from './benchmarks/ask-latency.js';
import { botFirstCall } from './benchmarks/bot-first-call.js';
import { brokerTokenFetch } from './benchmarks/broker-token-fetch.js';
import { callbackToSession } from './benchmarks/callback-to-session.js';
import { coldStart } from './benchmarks/cold-start.js';
import { fleetFirstCall } from './benchmarks/fleet-first-call.js';
import { fleetRevoke } from './benchmarks/fleet-revoke.js';
import { fleetThroughput } from './benchmarks/fleet-throughput.js';
import { idleRss } from './benchmarks/idle-rss.js';
import { logFlood } from './benchmarks/log-flood.js';
import { redactionThroughput } from './benchmarks/redaction-throughput.js';
import { manyBots } from './benchmarks/many-bots.js';
import { manyBotsUi } from './benchmarks/many-bots-ui.js';
import { soak } from './benchmarks/soak.js';
import { typingLatency } from './benchmarks/typing-latency.js';

/** In run order: the in-process benchmarks share one core; the child-process ones come last. */
export const allBenchmarks: readonly Benchmark[] = [callbackToSession, brokerTokenFetch, botFirstCall, logFlood, idleRss, redactionThroughput, askLatency, manyBots, manyBotsUi, soak, coldStart, fleetFirstCall, fleetThroughput, fleetRevoke, typingLatency];
