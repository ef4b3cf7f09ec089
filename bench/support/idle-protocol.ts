/** The idle benchmark's core process reports one JSON line of this shape on stdout. */
export interface IdleReport {
  /** RSS samples (bytes) taken while idle, after start-up, sign-in and a settle period. */
  rssSamples: number[];
  heapUsedBytes: number;
  bots: number;
  signedIn: boolean;
}

/** What the parent asks for (JSON in BENCH_IDLE_PLAN). */
export interface IdlePlan {
  repoRoot: string;
  bots: number;
  settleMs: number;
  sampleMs: number;
  /** `external`: sign in to this separate sandbox process (as production signs in to Healthcode). */
  provider: { kind: 'external'; issuer: string; clientId: string } | { kind: 'embedded' };
}
