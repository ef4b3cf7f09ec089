import { parseArgs } from 'node:util';

export interface BenchOptions {
  /** Smoke mode: every benchmark runs, briefly; numbers are not meaningful. */
  quick: boolean;
  /** Where the report goes; undefined means print only. */
  out: string | undefined;
  /** Also write the rows as JSON here (for tools and the smoke test). */
  json: string | undefined;
  /** Benchmark names to run (default all). */
  only: string[] | undefined;
}

/**
 * `npm run bench` writes docs/benchmarks.md; `--quick` and `--only` print only (a smoke run or a
 * partial run must never replace the full table) unless `--out` names a file.
 */
export function parseBenchOptions(argv: readonly string[], defaultOut: string): BenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      quick: { type: 'boolean', default: false },
      out: { type: 'string' },
      json: { type: 'string' },
      only: { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  const quick = values.quick ?? false;
  const only = values.only === undefined ? undefined : values.only.split(',').map((name) => name.trim()).filter(Boolean);
  return {
    quick,
    out: values.out ?? (quick || only ? undefined : defaultOut),
    json: values.json,
    only,
  };
}
