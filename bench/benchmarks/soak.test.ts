import { expect, it } from 'vitest';
import type { SoakSample, SoakSeries } from '../support/soak-core.js';
import { countGrowth, drift } from './soak.js';

function seriesOf(rssMb: number[]): SoakSeries {
  const samples = rssMb.map((mb, i): SoakSample => ({ afterRuns: (i + 1) * 100, rssBytes: mb * 1024 ** 2, heapUsedBytes: 0, heapTotalBytes: 0, externalBytes: 0, brkHeapBytes: 0, anonymousBytes: 0, fileBytes: 0, fds: 30, listeners: 10 }));
  return { runs: 500, renewals: 0, elapsedMs: 1, samples };
}

it('soak drift is the last checkpoint over the lowest, so a high first reading cannot hide a climb', () => {
  expect(drift(seriesOf([190, 174, 176, 185, 190]), (s) => s.rssBytes) / 1024 ** 2).toBe(16);
  expect(drift(seriesOf([170, 172, 171, 169, 170]), (s) => s.rssBytes) / 1024 ** 2).toBe(1);
  expect(drift(seriesOf([170, 175, 180, 180, 175]), (s) => s.fds)).toBe(0);
});

it('soak count growth is the last checkpoint over the first, so counts that alternate with a re-authentication read flat', () => {
  const alternating = seriesOf([170, 170, 170, 170, 170]);
  alternating.samples.forEach((sample, i) => (sample.fds = i % 2 === 0 ? 36 : 33));
  expect(countGrowth(alternating, (s) => s.fds)).toBe(0);
  alternating.samples.forEach((sample, i) => (sample.fds = 30 + i));
  expect(countGrowth(alternating, (s) => s.fds)).toBe(4);
});
