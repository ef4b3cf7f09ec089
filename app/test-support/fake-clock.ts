import type { Disposable } from '../common/contract.js';
import type { Clock } from '../ports/clock.js';

/** A manual clock for unit tests: time moves only when `advance` or `set` is called. */
export class FakeClock implements Clock {
  #now: number;
  #nextId = 0;
  readonly #timers = new Map<number, { dueAt: number; callback: () => void }>();

  constructor(startAt = Date.UTC(2026, 10, 22, 9, 0, 0)) {
    this.#now = startAt;
  }

  now(): number {
    return this.#now;
  }

  setTimer(callback: () => void, delayMs: number): Disposable {
    const id = this.#nextId++;
    this.#timers.set(id, { dueAt: this.#now + Math.max(0, delayMs), callback });
    return { dispose: () => this.#timers.delete(id) };
  }

  /** Moves time forward, firing due timers in order. */
  advance(ms: number): void {
    this.set(this.#now + ms);
  }

  /** Jumps to an absolute time, as a laptop waking from sleep would. */
  set(at: number): void {
    for (;;) {
      const due = [...this.#timers.entries()]
        .filter(([, t]) => t.dueAt <= at)
        .sort((a, b) => a[1].dueAt - b[1].dueAt)[0];
      if (!due) break;
      this.#timers.delete(due[0]);
      this.#now = Math.max(this.#now, due[1].dueAt);
      due[1].callback();
    }
    this.#now = at;
  }

  /** Moves time without firing timers, as a suspended laptop's process experiences sleep. */
  sleepUntil(at: number): void {
    this.#now = at;
  }

  get pendingTimers(): number {
    return this.#timers.size;
  }
}
