import type { Disposable } from '../common/contract.js';

/**
 * Wall-clock time plus timers. Expiry is always computed from `now()`, and timers only prompt a
 * recheck, so a laptop that slept through a timer still sees the right status on wake.
 */
export interface Clock {
  now(): number;
  setTimer(callback: () => void, delayMs: number): Disposable;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer(callback, delayMs) {
    // Node caps timers at 2^31-1 ms; longer waits are re-armed by the caller's recheck.
    const handle = setTimeout(callback, Math.min(Math.max(0, delayMs), 2_147_483_647));
    handle.unref?.();
    return { dispose: () => clearTimeout(handle) };
  },
};
