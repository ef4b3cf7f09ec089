import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PacedPublisher } from './paced-publisher.js';

/** A publisher whose snapshots "cost" `costMs` each on a monotonic clock the test moves. */
function pacedWithCost(costMs: number) {
  let now = 1_000;
  const publishedAt: number[] = [];
  const pacer = new PacedPublisher({
    publishNow: () => {
      publishedAt.push(now);
      now += costMs;
    },
    now: () => now,
  });
  const advance = (ms: number) => {
    now += ms;
    vi.advanceTimersByTime(ms);
  };
  return { pacer, publishedAt, advance };
}

describe('PacedPublisher', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('publishes once on the next turn however many changes arrive in a turn', () => {
    const { pacer, publishedAt } = pacedWithCost(1);
    pacer.publish();
    pacer.publish();
    pacer.publish();
    expect(publishedAt).toEqual([]);
    vi.runOnlyPendingTimers();
    expect(publishedAt).toEqual([1_000]);
  });

  it('waits four times the last snapshot’s cost before the next, so a stream of changes gets few snapshots', () => {
    const { pacer, publishedAt, advance } = pacedWithCost(10);
    pacer.publish();
    vi.runOnlyPendingTimers();
    // Ends at 1,010: the next may go at 1,050 at the earliest.
    pacer.publish();
    advance(39);
    expect(publishedAt).toEqual([1_000]);
    pacer.publish();
    advance(1);
    expect(publishedAt).toEqual([1_000, 1_050]);
  });

  it('caps the pause at 100 ms however slow a snapshot was', () => {
    const { pacer, publishedAt, advance } = pacedWithCost(80);
    pacer.publish();
    vi.runOnlyPendingTimers();
    pacer.publish();
    advance(99);
    expect(publishedAt).toEqual([1_000]);
    advance(1);
    expect(publishedAt).toEqual([1_000, 1_180]);
  });

  it('publishes on the next turn again once the pause has passed (a question after a quiet spell is not held back)', () => {
    const { pacer, publishedAt, advance } = pacedWithCost(2);
    pacer.publish();
    vi.runOnlyPendingTimers();
    advance(50);
    pacer.publish();
    vi.runOnlyPendingTimers();
    expect(publishedAt).toEqual([1_000, 1_052]);
  });

  it('publishes nothing after stop, even what was waiting', () => {
    const { pacer, publishedAt, advance } = pacedWithCost(20);
    pacer.publish();
    vi.runOnlyPendingTimers();
    pacer.publish();
    pacer.stop();
    advance(200);
    pacer.publish();
    vi.runOnlyPendingTimers();
    expect(publishedAt).toEqual([1_000]);
  });

  it('a snapshot that throws is reported, never thrown out of its timer (which would end the process), and the next change publishes again', () => {
    const errors: unknown[] = [];
    let fail = true;
    let published = 0;
    const pacer = new PacedPublisher({
      publishNow: () => {
        if (fail) throw new Error('a view could not be built');
        published += 1;
      },
      onError: (error) => errors.push(error),
      now: () => 0,
    });
    pacer.publish();
    expect(() => vi.runOnlyPendingTimers()).not.toThrow();
    expect(errors).toEqual([new Error('a view could not be built')]);
    fail = false;
    pacer.publish();
    vi.runOnlyPendingTimers();
    expect(published).toBe(1);
  });
});

