import { performance } from 'node:perf_hooks';

export interface PacedPublisherOptions {
  /** Builds and sends one snapshot. */
  publishNow(): void;
  /** The pause after a snapshot, as a multiple of what it took to build and send (default 4). */
  gapPerCost?: number;
  /** The longest pause, however costly a snapshot (default 100 ms). */
  maxGapMs?: number;
  /** Monotonic ms; tests pass their own. */
  now?: () => number;
  /**
   * A snapshot that failed to build or send. It runs on a timer, where a throw would end the
   * whole process (and every run with it); the next change publishes again.
   */
  onError?: (error: unknown) => void;
}

/**
 * Turns many change notices into few snapshots. A notice after a quiet spell publishes on the next
 * turn, as before; while changes keep coming (200 runs starting or ending), the next snapshot waits
 * until a pause of `gapPerCost` times the last snapshot's cost has passed, so the core spends at
 * most a fifth of its time on snapshots and the page renders at most one per pause. A small state
 * costs about a millisecond, so a question or an approval still reaches the page at once.
 */
export class PacedPublisher {
  readonly #publishNow: () => void;
  readonly #gapPerCost: number;
  readonly #maxGapMs: number;
  readonly #now: () => number;
  readonly #onError: (error: unknown) => void;
  #queued = false;
  #stopped = false;
  #nextAllowedAt = Number.NEGATIVE_INFINITY;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(options: PacedPublisherOptions) {
    this.#publishNow = options.publishNow;
    this.#gapPerCost = options.gapPerCost ?? 4;
    this.#maxGapMs = options.maxGapMs ?? 100;
    this.#now = options.now ?? (() => performance.now());
    this.#onError = options.onError ?? (() => undefined);
  }

  /** Schedules one snapshot, however many changes arrive before it. */
  readonly publish = (): void => {
    if (this.#queued || this.#stopped) return;
    this.#queued = true;
    const waitMs = this.#nextAllowedAt - this.#now();
    if (waitMs > 0) this.#timer = setTimeout(this.#run, waitMs);
    else setImmediate(this.#run);
  };

  /** After shutdown nothing more is published. */
  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
  }

  readonly #run = (): void => {
    this.#queued = false;
    this.#timer = undefined;
    if (this.#stopped) return;
    const startedAt = this.#now();
    try {
      this.#publishNow();
    } catch (error) {
      this.#onError(error);
    } finally {
      const endedAt = this.#now();
      this.#nextAllowedAt = endedAt + Math.min(this.#maxGapMs, (endedAt - startedAt) * this.#gapPerCost);
    }
  };
}
