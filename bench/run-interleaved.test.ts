import { describe, expect, it } from 'vitest';
import { runInterleaved } from './run-interleaved.js';

describe('runInterleaved', () => {
  it('alternates the order every pair (ABBA) and discards the warm-up pairs', async () => {
    const calls: string[] = [];
    let n = 0;
    const samples = await runInterleaved({
      warmupPairs: 1,
      pairs: 3,
      app: async () => (calls.push('app'), (n += 1)),
      baseline: async () => (calls.push('base'), (n += 1)),
    });
    expect(calls).toEqual(['app', 'base', 'base', 'app', 'app', 'base', 'base', 'app']);
    expect(samples).toEqual({ app: [4, 5, 8], baseline: [3, 6, 7] });
  });
});
