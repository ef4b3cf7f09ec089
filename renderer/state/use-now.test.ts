import { describe, expect, it } from 'vitest';
import { delayToNextBoundaryMs } from './use-now.js';

describe('delayToNextBoundaryMs', () => {
  it('waits for the next whole period after the anchor', () => {
    expect(delayToNextBoundaryMs(10_250, 1_000, 0)).toBe(750);
    expect(delayToNextBoundaryMs(10_250, 1_000, 5_100)).toBe(850);
  });

  it('handles anchors in the future (a countdown target)', () => {
    expect(delayToNextBoundaryMs(10_250, 1_000, 90_100)).toBe(850);
  });

  it('waits a full period when exactly on a boundary', () => {
    expect(delayToNextBoundaryMs(10_000, 1_000, 0)).toBe(1_000);
  });
});
