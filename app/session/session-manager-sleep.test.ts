import { describe, expect, it } from 'vitest';
import type { Disposable } from '../common/contract.js';
import type { Clock } from '../ports/clock.js';
import { MemorySecretStore } from '../ports/secret-store.js';
import { session, setup } from './test-support/session-manager-fixture.js';

/**
 * Node's timers count awake time only (a monotonic clock that stops while a laptop sleeps), while
 * `now()` is the wall clock. Hosts without a wake signal (the browser host) have only the timers.
 */
class MonotonicTimerClock implements Clock {
  #wall = Date.UTC(2026, 10, 22, 9, 0, 0);
  #awake = 0;
  readonly #timers = new Set<{ dueAwake: number; callback: () => void }>();

  now(): number {
    return this.#wall;
  }

  setTimer(callback: () => void, delayMs: number): Disposable {
    const timer = { dueAwake: this.#awake + Math.max(0, delayMs), callback };
    this.#timers.add(timer);
    return { dispose: () => this.#timers.delete(timer) };
  }

  /** The machine sleeps: the wall clock moves, timers do not. */
  sleep(ms: number): void {
    this.#wall += ms;
  }

  /** The machine is awake: both move, and due timers fire in order. */
  run(ms: number): void {
    const end = this.#awake + ms;
    for (;;) {
      const due = [...this.#timers].filter((t) => t.dueAwake <= end).sort((a, b) => a.dueAwake - b.dueAwake)[0];
      if (!due) break;
      this.#timers.delete(due);
      this.#wall += due.dueAwake - this.#awake;
      this.#awake = due.dueAwake;
      due.callback();
    }
    this.#wall += end - this.#awake;
    this.#awake = end;
  }
}

describe('SessionManager across sleep without a wake signal', () => {
  it('a session that expired while the laptop slept is announced within a minute of waking', async () => {
    const clock = new MonotonicTimerClock();
    const { manager, events, notifications } = setup(new MemorySecretStore(), clock);
    await manager.establish(session(clock, 8 * 3_600_000));
    clock.run(60 * 60_000);
    // Asleep overnight, through the warnings and the expiry.
    clock.sleep(12 * 3_600_000);
    clock.run(60_000);
    expect(events.filter((e) => e.type === 'expired')).toHaveLength(1);
    expect(notifications).toEqual(['Sandbox: session expired']);
  });

  it('a warning crossed while asleep is announced once within a minute of waking', async () => {
    const clock = new MonotonicTimerClock();
    const { manager, notifications } = setup(new MemorySecretStore(), clock);
    await manager.establish(session(clock, 8 * 3_600_000));
    clock.sleep(8 * 3_600_000 - 10 * 60_000);
    clock.run(60_000);
    expect(notifications).toEqual(['Sandbox: session ends in 15 minutes']);
    clock.run(2 * 60_000);
    expect(notifications).toEqual(['Sandbox: session ends in 15 minutes']);
  });
});
