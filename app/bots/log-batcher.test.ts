import { describe, expect, it } from 'vitest';
import type { Disposable, LogBatch, LogLine } from '../common/contract.js';
import type { Clock } from '../ports/clock.js';
import { LogBatcher } from './log-batcher.js';

/** A clock whose timers fire only when the test says so. */
function manualClock(): Clock & { fire(): void; armed(): number } {
  let timers: (() => void)[] = [];
  return {
    now: () => 0,
    setTimer(callback): Disposable {
      timers.push(callback);
      return { dispose: () => void (timers = timers.filter((t) => t !== callback)) };
    },
    fire() {
      const due = timers;
      timers = [];
      for (const timer of due) timer();
    },
    armed: () => timers.length,
  };
}

const line = (seq: number): LogLine => ({ seq, at: 0, stream: 'stdout', text: String(seq) });

describe('LogBatcher', () => {
  it('emits one batch per run per interval, with one timer for all runs', () => {
    const clock = manualClock();
    const batches: LogBatch[] = [];
    const batcher = new LogBatcher({ clock, emit: (b) => batches.push(b) });
    batcher.add('a', line(0));
    batcher.add('a', line(1));
    batcher.add('b', line(0));
    expect(clock.armed()).toBe(1);
    expect(batches).toEqual([]);
    clock.fire();
    expect(batches.map((b) => [b.runId, b.lines.length])).toEqual([
      ['a', 2],
      ['b', 1],
    ]);
  });

  it('keeps only the newest lines of an oversized batch, leaving a seq gap', () => {
    const clock = manualClock();
    const batches: LogBatch[] = [];
    const batcher = new LogBatcher({ clock, emit: (b) => batches.push(b), maxLinesPerBatch: 10 });
    for (let seq = 0; seq < 95; seq += 1) batcher.add('a', line(seq));
    clock.fire();
    expect(batches[0]?.lines.map((l) => l.seq)).toEqual(Array.from({ length: 10 }, (_, i) => 85 + i));
  });

  it('flushes one run on demand and disarms when nothing is pending', () => {
    const clock = manualClock();
    const batches: LogBatch[] = [];
    const batcher = new LogBatcher({ clock, emit: (b) => batches.push(b) });
    batcher.add('a', line(0));
    batcher.flush('a');
    expect(batches).toHaveLength(1);
    expect(clock.armed()).toBe(0);
    batcher.dispose();
    expect(batches).toHaveLength(1);
  });
});
