import { mkdir, open, rename, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';

/** How much to write in one system call; also the most a single append may hold up the queue. */
const writeChunkBytes = 64 * 1024;

interface WriteWaiter {
  upTo: number;
  resolve: () => void;
}

/**
 * An append-only log file that rotates to `<path>.1` when it would pass `maxBytes`, so one run
 * keeps at most two files. Writes are queued and coalesced off the event loop's critical path;
 * `backlogBytes` lets the producer apply back-pressure instead of buffering a flood in memory.
 *
 * A failing disk never throws into the caller: the error is reported once through `onError` and
 * later lines are dropped, because losing a log must not take the supervisor down with it.
 */
export class RotatingLogFile {
  readonly path: string;
  readonly #maxBytes: number;
  readonly #onError: (error: unknown) => void;
  /** Text waiting to be written, encoded once per write rather than once per line. */
  #queue: string[] = [];
  #backlogBytes = 0;
  #handle: FileHandle | undefined;
  #size = 0;
  #writing: Promise<void> | undefined;
  #failed = false;
  #closed = false;
  /** Totals since creation, in the same units as the backlog, so `whenWritten` knows its mark. */
  #appendedUnits = 0;
  #writtenUnits = 0;
  #writeWaiters: WriteWaiter[] = [];

  constructor(options: { path: string; maxBytes: number; onError?: (error: unknown) => void }) {
    this.path = options.path;
    this.#maxBytes = options.maxBytes;
    this.#onError = options.onError ?? (() => undefined);
  }

  /** Text not yet on disk, in UTF-16 code units (bytes for ASCII): what back-pressure needs. */
  get backlogBytes(): number {
    return this.#backlogBytes;
  }

  append(text: string): void {
    if (this.#failed || this.#closed) return;
    this.#queue.push(text);
    this.#backlogBytes += text.length;
    this.#appendedUnits += text.length;
    this.#writing ??= this.#drain().finally(() => {
      this.#writing = undefined;
    });
  }

  /** Resolves once everything appended so far is on disk (or dropped after an error). */
  async whenDrained(): Promise<void> {
    while (this.#writing) await this.#writing;
  }

  /**
   * Resolves once everything appended before the call is on disk (or dropped after an error).
   * Unlike `whenDrained` it does not wait for text appended later, so a bot that never stops
   * printing cannot keep a reader of the file waiting for ever.
   */
  whenWritten(): Promise<void> {
    const upTo = this.#appendedUnits;
    if (this.#writtenUnits >= upTo) return Promise.resolve();
    return new Promise((resolve) => this.#writeWaiters.push({ upTo, resolve }));
  }

  async close(): Promise<void> {
    await this.whenDrained();
    this.#closed = true;
    const handle = this.#handle;
    this.#handle = undefined;
    await handle?.close().catch(() => undefined);
  }

  async #drain(): Promise<void> {
    try {
      while (this.#queue.length > 0) {
        const { bytes, units } = this.#takeChunk();
        const handle = await this.#handleFor(bytes.length);
        await handle.write(bytes);
        this.#size += bytes.length;
        this.#backlogBytes -= units;
        this.#writtenUnits += units;
        this.#settleWriteWaiters();
      }
    } catch (error) {
      this.#failed = true;
      this.#queue = [];
      this.#backlogBytes = 0;
      // Dropped text will never be written: nobody should wait for it.
      this.#writtenUnits = this.#appendedUnits;
      this.#settleWriteWaiters();
      this.#onError(error);
    }
  }

  #settleWriteWaiters(): void {
    if (this.#writeWaiters.length === 0) return;
    const waiting: WriteWaiter[] = [];
    for (const waiter of this.#writeWaiters) {
      if (waiter.upTo <= this.#writtenUnits) waiter.resolve();
      else waiting.push(waiter);
    }
    this.#writeWaiters = waiting;
  }

  #takeChunk(): { bytes: Buffer; units: number } {
    let taken = 0;
    let units = 0;
    while (taken < this.#queue.length && (units === 0 || units + (this.#queue[taken]?.length ?? 0) <= writeChunkBytes)) {
      units += this.#queue[taken]?.length ?? 0;
      taken += 1;
    }
    // One splice instead of a shift per line: a flood queues thousands of lines.
    const parts = this.#queue.splice(0, taken);
    return { bytes: Buffer.from(parts.length === 1 ? (parts[0] as string) : parts.join(''), 'utf8'), units };
  }

  async #handleFor(incomingBytes: number): Promise<FileHandle> {
    if (this.#handle && this.#size > 0 && this.#size + incomingBytes > this.#maxBytes) {
      await this.#handle.close();
      this.#handle = undefined;
      // rename replaces an older `.1` atomically, so at most two files exist.
      await rename(this.path, `${this.path}.1`);
    }
    if (!this.#handle) {
      await mkdir(dirname(this.path), { recursive: true, mode: 0o700 });
      this.#handle = await open(this.path, 'a', 0o600);
      this.#size = (await this.#handle.stat()).size;
      if (this.#size > 0 && this.#size + incomingBytes > this.#maxBytes) {
        await this.#handle.close();
        this.#handle = undefined;
        await rename(this.path, `${this.path}.1`);
        this.#handle = await open(this.path, 'a', 0o600);
        this.#size = 0;
      }
    }
    return this.#handle;
  }
}
