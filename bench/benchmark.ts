import type { CoreHarness } from './support/core-harness.js';

/** One line of the results table. Cells are preformatted: rows measure ms, lines/s, MB… */
export interface BenchmarkRow {
  /** Stable id, e.g. `broker-latency-64`; the smoke test checks every expected id is present. */
  id: string;
  benchmark: string;
  baseline: string;
  median: string;
  p95: string;
  p99: string;
  ratio: string;
  target: string;
  /** undefined: informational row without a target. */
  met: boolean | undefined;
}

export interface BenchContext {
  quick: boolean;
  repoRoot: string;
  /** Progress output (stderr), so stdout carries only the table. */
  progress(message: string): void;
  /** The shared in-process core (supervisor + sandbox) used by the in-process benchmarks. */
  core(): Promise<CoreHarness>;
}

export interface Benchmark {
  /** Short name for `--only`. */
  name: string;
  /** Row ids this benchmark always produces, even in quick mode. */
  rowIds: readonly string[];
  run(context: BenchContext): Promise<BenchmarkRow[]>;
}
