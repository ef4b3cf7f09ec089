import type { Disposable } from '../../common/contract.js';
import type { Clock } from '../../ports/clock.js';

/**
 * A fake clock that keeps the two times a real computer has apart: timers run on elapsed time (as
 * Node's do, on the monotonic clock), while `now()` is the wall clock, which a person can set by
 * hand and which moves on while the computer is suspended and timers stand still.
 */
export class WallClockFake implements Clock {
  #elapsedMs = 0;
  #wallOffsetMs: number;
  #nextId = 0;
  readonly #timers = new Map<number, { dueAfterMs: number; callback: () => void }>();

  constructor(startAt: number) {
    this.#wallOffsetMs = startAt;
  }

  now(): number {
    return this.#wallOffsetMs + this.#elapsedMs;
  }

  setTimer(callback: () => void, delayMs: number): Disposable {
    const id = this.#nextId++;
    this.#timers.set(id, { dueAfterMs: this.#elapsedMs + Math.max(0, delayMs), callback });
    return { dispose: () => this.#timers.delete(id) };
  }

  /** Lets time pass with the computer awake, firing due timers in order. */
  advance(ms: number): void {
    const until = this.#elapsedMs + ms;
    for (;;) {
      const due = [...this.#timers.entries()].filter(([, t]) => t.dueAfterMs <= until).sort((a, b) => a[1].dueAfterMs - b[1].dueAfterMs)[0];
      if (!due) break;
      this.#timers.delete(due[0]);
      this.#elapsedMs = Math.max(this.#elapsedMs, due[1].dueAfterMs);
      due[1].callback();
    }
    this.#elapsedMs = until;
  }

  /** Somebody sets the wall clock by hand (or the network time corrects it); timers are not moved. */
  setWallClock(at: number): void {
    this.#wallOffsetMs = at - this.#elapsedMs;
  }

  /** The computer is suspended: the wall clock moves on, timers stand still, nothing fires. */
  suspend(ms: number): void {
    this.#wallOffsetMs += ms;
  }
}
