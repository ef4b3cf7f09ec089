/**
 * Holds deep links that arrive before the core can take them (macOS sends `open-url` before
 * `ready`; a cold-start argv is read before the supervisor exists), then hands each one over
 * exactly once. Every intake path pushes here, so ordering and delivery live in one place.
 */
export class DeepLinkQueue {
  readonly #capacity: number;
  readonly #onDrop: () => void;
  #pending: string[] = [];
  #deliver: ((url: string) => void) | undefined;

  /**
   * @param options.capacity - links held before the core is ready; more than a handful means
   *   something is flooding us, so extras are dropped rather than buffered without bound.
   * @param options.onDrop - told (without the URL) when a link is dropped.
   */
  constructor(options: { capacity?: number; onDrop?: () => void } = {}) {
    this.#capacity = options.capacity ?? 8;
    this.#onDrop = options.onDrop ?? (() => undefined);
  }

  /** Number of links waiting for {@link attach}. */
  get size(): number {
    return this.#pending.length;
  }

  push(url: string): void {
    if (this.#deliver) {
      this.#deliver(url);
      return;
    }
    if (this.#pending.length >= this.#capacity) {
      this.#onDrop();
      return;
    }
    this.#pending.push(url);
  }

  /** Connects the consumer, flushes what was queued in arrival order, then delivers directly. */
  attach(deliver: (url: string) => void): void {
    if (this.#deliver) throw new Error('DeepLinkQueue is already attached');
    this.#deliver = deliver;
    const queued = this.#pending;
    this.#pending = [];
    for (const url of queued) deliver(url);
  }
}
