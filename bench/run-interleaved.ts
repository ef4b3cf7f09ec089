/** `T` is what one measurement gives: usually a number (ms), or a few numbers taken together. */
export interface InterleavedSamples<T = number> {
  app: T[];
  baseline: T[];
}

export interface InterleaveOptions<T = number> {
  /** Pairs run first and thrown away: JIT, connection pools and caches warm up here. */
  warmupPairs: number;
  /** Pairs whose samples are kept. */
  pairs: number;
  /** One measurement of the app's path; resolves to the measured value (usually ms). */
  app: () => Promise<T>;
  /** One measurement of the baseline, under the same conditions. */
  baseline: () => Promise<T>;
  /** Called after every kept pair, for progress output. */
  onPair?: (index: number) => void;
}

/**
 * Runs the app's path and its baseline alternately in one process, so drift in the machine
 * (thermal, other load, GC state) hits both sides equally. The order flips every pair (ABBA), so
 * neither side always runs "second", on a warmer cache or right after the other's garbage.
 */
export async function runInterleaved<T = number>(options: InterleaveOptions<T>): Promise<InterleavedSamples<T>> {
  const samples: InterleavedSamples<T> = { app: [], baseline: [] };
  const total = options.warmupPairs + options.pairs;
  for (let index = 0; index < total; index += 1) {
    const keep = index >= options.warmupPairs;
    const appFirst = index % 2 === 0;
    const first = appFirst ? options.app : options.baseline;
    const second = appFirst ? options.baseline : options.app;
    const firstValue = await first();
    const secondValue = await second();
    if (!keep) continue;
    samples.app.push(appFirst ? firstValue : secondValue);
    samples.baseline.push(appFirst ? secondValue : firstValue);
    options.onPair?.(index - options.warmupPairs);
  }
  return samples;
}
