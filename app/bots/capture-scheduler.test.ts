import { describe, expect, it } from 'vitest';
import { CaptureScheduler } from './capture-scheduler.js';

/** A scheduler on a fake clock whose slices run only when the test says so. */
function manualScheduler(options: { sliceMs?: number; queueLimitBytes?: number; msPerItem?: number } = {}) {
  let now = 0;
  const deferred: (() => void)[] = [];
  const scheduler = new CaptureScheduler({
    sliceMs: options.sliceMs ?? 8,
    queueLimitBytes: options.queueLimitBytes ?? 1000,
    now: () => now,
    defer: (run) => deferred.push(run),
  });
  return {
    scheduler,
    advance: (ms: number) => (now += ms),
    /** Runs one slice; returns whether another was scheduled. */
    runSlice: () => {
      const next = deferred.shift();
      next?.();
      return deferred.length > 0;
    },
    pendingSlices: () => deferred.length,
  };
}

describe('CaptureScheduler', () => {
  it('serves queued runs round-robin, one chunk each, not one run to the end', () => {
    const { scheduler, runSlice } = manualScheduler();
    const handled: string[] = [];
    const sources = ['a', 'b', 'c'].map((name) =>
      scheduler.register<number>({ handle: (n) => handled.push(`${name}${n}`), pause: () => undefined, resume: () => undefined }),
    );
    for (let n = 0; n < 3; n += 1) sources[0]?.push(n, 10);
    sources[1]?.push(0, 10);
    for (let n = 0; n < 2; n += 1) sources[2]?.push(n, 10);
    runSlice();
    expect(handled).toEqual(['a0', 'b0', 'c0', 'a1', 'c1', 'a2']);
  });

  it('stops a slice after sliceMs and yields, then carries on where it left off', () => {
    const harness = manualScheduler({ sliceMs: 8 });
    const handled: number[] = [];
    const source = harness.scheduler.register<number>({
      handle: (n) => {
        handled.push(n);
        harness.advance(3);
      },
      pause: () => undefined,
      resume: () => undefined,
    });
    for (let n = 0; n < 10; n += 1) source.push(n, 1);
    expect(harness.pendingSlices()).toBe(1);
    expect(handled).toEqual([]);
    expect(harness.runSlice()).toBe(true);
    // 3 ms per chunk: the third chunk crosses the 8 ms budget, so the slice ends there.
    expect(handled).toEqual([0, 1, 2]);
    while (harness.runSlice());
    expect(handled).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('pauses a producer whose queue passes the limit and resumes it once it has drained', async () => {
    const harness = manualScheduler({ queueLimitBytes: 100 });
    const events: string[] = [];
    const source = harness.scheduler.register<number>({ handle: () => undefined, pause: () => events.push('pause'), resume: () => events.push('resume') });
    source.push(1, 60);
    expect(source.isPaused).toBe(false);
    source.push(2, 60);
    expect(source.isPaused).toBe(true);
    source.push(3, 60);
    expect(events).toEqual(['pause']);
    const emptied = source.whenEmpty();
    while (harness.runSlice());
    await emptied;
    expect(source.queuedBytes).toBe(0);
    expect(events).toEqual(['pause', 'resume']);
  });

  it('keeps a producer paused while its sink is backed up, and resumes when the sink drains', async () => {
    const harness = manualScheduler();
    const events: string[] = [];
    let release: () => void = () => undefined;
    let backedUp: Promise<void> | undefined = new Promise<void>((resolveWait) => (release = resolveWait));
    const source = harness.scheduler.register<number>({
      handle: () => undefined,
      pause: () => events.push('pause'),
      resume: () => events.push('resume'),
      backpressure: () => backedUp,
    });
    source.push(1, 10);
    expect(events).toEqual(['pause']);
    while (harness.runSlice());
    expect(events).toEqual(['pause']);
    const pending = backedUp;
    backedUp = undefined;
    release();
    await pending;
    await Promise.resolve();
    expect(events).toEqual(['pause', 'resume']);
  });

  it('reports a throwing handler and still handles the other queued chunks', () => {
    const errors: unknown[] = [];
    const deferred: (() => void)[] = [];
    const scheduler = new CaptureScheduler({ defer: (run) => deferred.push(run), onError: (error) => errors.push(error) });
    const handled: number[] = [];
    const source = scheduler.register<number>({
      handle: (n) => {
        if (n === 1) throw new Error('boom');
        handled.push(n);
      },
      pause: () => undefined,
      resume: () => undefined,
    });
    for (let n = 0; n < 3; n += 1) source.push(n, 1);
    while (deferred.length > 0) deferred.shift()?.();
    expect(handled).toEqual([0, 2]);
    expect(errors).toHaveLength(1);
  });
});
