import { performance } from 'node:perf_hooks';

export interface CaptureSchedulerOptions {
  /** Longest stretch of queued work done in one event-loop turn before yielding. */
  sliceMs?: number;
  /** Queued bytes at which a source's producer is paused; it resumes at a quarter of this. */
  queueLimitBytes?: number;
  now?: () => number;
  /** Runs the next slice after the event loop has had its turn (setImmediate). */
  defer?: (run: () => void) => void;
  /** A handler threw: the scheduler carries on with the other work, then reports it here. */
  onError?: (error: unknown) => void;
}

export interface CaptureSourceOptions<T> {
  /** Does the (CPU-heavy) work for one queued item: split, sanitise, redact, store, write. */
  handle: (item: T) => void;
  /** Stops the producer (a child's pipes), so a flooding bot blocks on its own writes. */
  pause: () => void;
  resume: () => void;
  /** A promise when a downstream sink (the log file) is backed up: the producer stays paused until it settles. */
  backpressure?: () => Promise<void> | undefined;
}

/**
 * Time-sliced, round-robin processing of captured output for every run in the process.
 *
 * A 'data' handler only queues its chunk. One drain task then takes one chunk from each source in
 * turn for at most `sliceMs`, and yields with setImmediate, so however many bots flood at once,
 * timers, IPC, WebSocket messages and broker requests wait at most about one slice — instead of
 * one turn in which fifty 64 KB chunks (tens of thousands of lines) are processed back to back.
 * Memory stays bounded because a source's producer is paused while its queue is over the limit.
 */
export class CaptureScheduler {
  readonly #sliceMs: number;
  readonly #queueLimitBytes: number;
  readonly #now: () => number;
  readonly #defer: (run: () => void) => void;
  readonly #onError: (error: unknown) => void;
  /** Sources with queued items, served round-robin from #next. */
  readonly #ready: Drainable[] = [];
  #next = 0;
  #scheduled = false;

  constructor(options: CaptureSchedulerOptions = {}) {
    this.#sliceMs = options.sliceMs ?? 8;
    this.#queueLimitBytes = options.queueLimitBytes ?? 64 * 1024;
    this.#now = options.now ?? (() => performance.now());
    this.#defer = options.defer ?? ((run) => setImmediate(run));
    this.#onError =
      options.onError ??
      ((error) => {
        // As uncaught as it would have been inside the 'data' handler, without stopping the drain.
        queueMicrotask(() => {
          throw error;
        });
      });
  }

  register<T>(options: CaptureSourceOptions<T>): CaptureSource<T> {
    return new CaptureSource<T>(options, this.#queueLimitBytes, {
      ready: (source) => {
        this.#ready.push(source);
        this.#schedule();
      },
    });
  }

  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    this.#defer(() => this.#drain());
  }

  #drain(): void {
    this.#scheduled = false;
    const startedAt = this.#now();
    while (this.#ready.length > 0) {
      if (this.#next >= this.#ready.length) this.#next = 0;
      const source = this.#ready[this.#next] as Drainable;
      try {
        source.handleOne();
      } catch (error) {
        this.#onError(error);
      }
      if (source.isEmpty) {
        this.#ready.splice(this.#next, 1);
        source.becameEmpty();
      } else {
        this.#next += 1;
      }
      source.maybeResume();
      if (this.#now() - startedAt >= this.#sliceMs) break;
    }
    if (this.#ready.length > 0) this.#schedule();
  }
}

/** What the drain loop needs of a source, whatever its item type. */
interface Drainable {
  readonly isEmpty: boolean;
  handleOne(): void;
  becameEmpty(): void;
  maybeResume(): void;
}

/** One producer's queue (one bot's stdout and stderr, in arrival order). */
export class CaptureSource<T> implements Drainable {
  readonly #options: CaptureSourceOptions<T>;
  readonly #queueLimitBytes: number;
  readonly #scheduler: { ready: (source: Drainable) => void };
  #items: T[] = [];
  #sizes: number[] = [];
  #head = 0;
  #bytes = 0;
  #paused = false;
  #waiting = false;
  #idleWaiters: (() => void)[] = [];

  constructor(options: CaptureSourceOptions<T>, queueLimitBytes: number, scheduler: { ready: (source: Drainable) => void }) {
    this.#options = options;
    this.#queueLimitBytes = queueLimitBytes;
    this.#scheduler = scheduler;
  }

  get queuedBytes(): number {
    return this.#bytes;
  }

  get isPaused(): boolean {
    return this.#paused;
  }

  get isEmpty(): boolean {
    return this.#head >= this.#items.length;
  }

  push(item: T, bytes: number): void {
    const wasEmpty = this.isEmpty;
    this.#items.push(item);
    this.#sizes.push(bytes);
    this.#bytes += bytes;
    if (wasEmpty) this.#scheduler.ready(this);
    if (this.#paused) return;
    if (this.#bytes > this.#queueLimitBytes) {
      this.#pause();
      return;
    }
    const wait = this.#options.backpressure?.();
    if (wait) {
      this.#pause();
      this.#waitFor(wait);
    }
  }

  /** Resolves once everything queued so far has been handled. */
  whenEmpty(): Promise<void> {
    if (this.isEmpty) return Promise.resolve();
    return new Promise((resolveEmpty) => this.#idleWaiters.push(resolveEmpty));
  }

  /** @internal The scheduler's turn for this source: one item. */
  handleOne(): void {
    const item = this.#items[this.#head] as T;
    const bytes = this.#sizes[this.#head] ?? 0;
    this.#items[this.#head] = undefined as T;
    this.#head += 1;
    this.#bytes -= bytes;
    if (this.#head === this.#items.length) {
      this.#items = [];
      this.#sizes = [];
      this.#head = 0;
    }
    this.#options.handle(item);
  }

  /** @internal */
  becameEmpty(): void {
    const waiters = this.#idleWaiters;
    this.#idleWaiters = [];
    for (const resolveEmpty of waiters) resolveEmpty();
  }

  /** @internal Resumes the producer once the queue is low and nothing downstream is backed up. */
  maybeResume(): void {
    if (!this.#paused || this.#waiting || this.#bytes > this.#queueLimitBytes / 4) return;
    const wait = this.#options.backpressure?.();
    if (wait) {
      this.#waitFor(wait);
      return;
    }
    this.#paused = false;
    this.#options.resume();
  }

  #pause(): void {
    this.#paused = true;
    this.#options.pause();
  }

  #waitFor(wait: Promise<void>): void {
    this.#waiting = true;
    void wait
      .catch(() => undefined)
      .then(() => {
        this.#waiting = false;
        this.maybeResume();
      });
  }
}

/** The one scheduler every bot process in this supervisor shares, so fairness spans all runs. */
export const sharedCaptureScheduler = new CaptureScheduler();
