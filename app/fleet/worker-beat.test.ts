import { describe, expect, it } from 'vitest';
import { clockFact, clockOffError, clockOffsetOf, heartbeatTtlMs, isClockOff } from './worker-beat.js';

describe('a worker clock measured from its heartbeat', () => {
  it('places the beat on this computer\'s clock by the lifetime Redis has counted down, whatever the worker\'s clock said', () => {
    const readAt = 1_000_000;
    // Beat 4 s before the read (26 s of its 30 s left), stamped by a clock 90 s fast.
    expect(clockOffsetOf(readAt - 4_000 + 90_000, heartbeatTtlMs - 4_000, readAt)).toBe(90_000);
    expect(clockOffsetOf(readAt - 9_000 - 45_000, heartbeatTtlMs - 9_000, readAt)).toBe(-45_000);
    expect(clockOffsetOf(readAt, heartbeatTtlMs, readAt)).toBe(0);
  });

  it('calls a clock off only beyond the 30 s the signed messages allow, and says it in a clinic user\'s words', () => {
    expect(isClockOff(30_000)).toBe(false);
    expect(isClockOff(-30_001)).toBe(true);
    expect(clockOffError('Ward PC 1', 29_000)).toBeUndefined();
    expect(clockOffError('Ward PC 1', undefined)).toBeUndefined();
    expect(clockFact('Ward PC 1', -90_000)).toBe("Ward PC 1's clock is 1 min 30 s behind this computer's");
    const error = clockOffError('Ward PC 1', 125_000);
    expect(error?.code).toBe('fleet_worker_clock_off');
    expect(error?.message).toMatch(/^Ward PC 1's clock is 2 min 5 s ahead of this computer's, so each refuses the other's signed messages as out of date .* Set both computers to set their date and time automatically/);
  });
});
