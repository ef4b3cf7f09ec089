/** One line as read from a bot, before sanitising. */
export interface SplitLine {
  /** Decoded text of the kept prefix of the line (invalid UTF-8 becomes U+FFFD). */
  text: string;
  /** Bytes of the line that were not kept because it was longer than `keepBytes`. */
  droppedBytes: number;
}

/**
 * Splits a byte stream into lines without ever holding more than `keepBytes` of one line, so a
 * bot that prints a gigabyte with no newline cannot grow the supervisor's memory.
 *
 * Splitting happens on raw bytes: 0x0A never occurs inside a multi-byte UTF-8 sequence, so a line
 * boundary is always a character boundary. The decoder runs with `stream: true` because a chunk
 * boundary can fall inside a character.
 */
export class LineSplitter {
  readonly #keepBytes: number;
  readonly #onLine: (line: SplitLine) => void;
  readonly #decoder = new TextDecoder('utf-8', { fatal: false });
  #parts: string[] = [];
  #keptBytes = 0;
  #droppedBytes = 0;
  #pending = false;

  constructor(options: { keepBytes: number; onLine: (line: SplitLine) => void }) {
    this.#keepBytes = options.keepBytes;
    this.#onLine = options.onLine;
  }

  push(chunk: Uint8Array): void {
    let start = 0;
    while (start <= chunk.length) {
      const newline = chunk.indexOf(0x0a, start);
      const end = newline === -1 ? chunk.length : newline;
      if (end > start) this.#take(chunk.subarray(start, end));
      if (newline === -1) return;
      this.#finishLine();
      start = newline + 1;
    }
  }

  /** Flushes a final line that had no newline. */
  end(): void {
    if (this.#pending) this.#finishLine();
  }

  #take(segment: Uint8Array): void {
    this.#pending = true;
    const room = this.#keepBytes - this.#keptBytes;
    if (room <= 0) {
      this.#droppedBytes += segment.length;
      return;
    }
    const kept = segment.length <= room ? segment : segment.subarray(0, room);
    this.#parts.push(this.#decoder.decode(kept, { stream: true }));
    this.#keptBytes += kept.length;
    this.#droppedBytes += segment.length - kept.length;
  }

  #finishLine(): void {
    // decode() without arguments flushes a character left incomplete by the cut, as U+FFFD.
    let text = this.#parts.join('') + this.#decoder.decode();
    if (text.endsWith('\r')) text = text.slice(0, -1);
    const droppedBytes = this.#droppedBytes;
    this.#parts = [];
    this.#keptBytes = 0;
    this.#droppedBytes = 0;
    this.#pending = false;
    this.#onLine({ text, droppedBytes });
  }
}
