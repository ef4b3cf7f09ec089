/**
 * How the load client fetches tokens: `sdk` is the shipped SDK's getAccessToken() (fetch);
 * `http` is the same request over node:http with a keep-alive Agent, the transport we propose
 * for the SDK (see docs/benchmarks.md).
 */
export type TokenLoadTransport = 'sdk' | 'http';

export interface TokenLoadLevelPlan {
  clients: number;
  transport: TokenLoadTransport;
}

/** What the parent asks the token load client to do (passed as JSON in BENCH_LOAD_PLAN). */
export interface TokenLoadPlan {
  brokerUrl: string;
  floorUrl: string;
  levels: TokenLoadLevelPlan[];
  /** Length of one round per server. */
  roundMs: number;
  /** Kept rounds per level and server, after the discarded warm-up rounds. */
  rounds: number;
  warmupRounds: number;
}

export interface TokenLoadSide {
  latenciesMs: number[];
  completed: number;
  elapsedMs: number;
}

/** One level's samples, measured alternately against both servers. */
export interface TokenLoadLevel extends TokenLoadLevelPlan {
  broker: TokenLoadSide;
  floor: TokenLoadSide;
}

export interface TokenLoadResult {
  levels: TokenLoadLevel[];
}
