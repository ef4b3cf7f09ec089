import { performance } from 'node:perf_hooks';

/**
 * Wall-clock time in epoch ms with sub-millisecond resolution, comparable with
 * `performance.timeOrigin + performance.now()` in a freshly started child process.
 *
 * A long-lived process cannot use its own `timeOrigin` for that: the monotonic clock drifts from
 * the wall clock while NTP slews it, and after minutes the gap can reach milliseconds. So the
 * offset is re-measured on demand, at the instant `Date.now()` ticks over to a new millisecond.
 */
export class PreciseEpochClock {
  #offsetMs = Date.now() - performance.now();

  /** Spins for at most ~1 ms to catch a millisecond edge; call it before each timed iteration. */
  calibrate(): void {
    const start = Date.now();
    let now = start;
    while (now === start) now = Date.now();
    this.#offsetMs = now - performance.now();
  }

  now(): number {
    return this.#offsetMs + performance.now();
  }
}
