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
 * Each chunk is decoded once (`stream: true`, because a chunk boundary can fall inside a
 * character) and the text is split on '\n': 0x0A never occurs inside a multi-byte UTF-8 sequence,
 * so this finds the same boundaries as splitting the bytes. UTF-8 bytes are counted only for
 * lines that might be over the limit (a UTF-16 code unit is at most 3 UTF-8 bytes), which keeps
 * the common short line free of any byte counting.
 */
export class LineSplitter {
  readonly #keepBytes: number;
  readonly #onLine: (line: SplitLine) => void;
  readonly #decoder = new TextDecoder('utf-8', { fatal: false });
  /** The start of a line whose newline has not arrived yet. */
  #partial = '';
  /** The partial line reached keepBytes: the rest of it is only counted. */
  #full = false;
  #droppedBytes = 0;
  #pending = false;

  constructor(options: { keepBytes: number; onLine: (line: SplitLine) => void }) {
    this.#keepBytes = options.keepBytes;
    this.#onLine = options.onLine;
  }

  push(chunk: Uint8Array): void {
    const text = this.#decoder.decode(chunk, { stream: true });
    let start = 0;
    for (;;) {
      const newline = text.indexOf('\n', start);
      if (newline === -1) {
        if (start < text.length) this.#take(start === 0 ? text : text.slice(start));
        else if (chunk.length > 0 && text.length === 0) this.#pending = true;
        return;
      }
      if (!this.#pending && newline - start <= this.#keepBytes / 3) {
        // The common case: a whole, short line inside one chunk.
        this.#emit(text.slice(start, newline), 0);
      } else {
        if (newline > start) this.#take(text.slice(start, newline));
        this.#finishLine();
      }
      start = newline + 1;
    }
  }

  /** Flushes a final line that had no newline. */
  end(): void {
    const rest = this.#decoder.decode();
    if (rest.length > 0) this.#take(rest);
    if (this.#pending) this.#finishLine();
  }

  #take(segment: string): void {
    this.#pending = true;
    if (this.#full) {
      this.#droppedBytes += Buffer.byteLength(segment, 'utf8');
      return;
    }
    this.#partial += segment;
    if (this.#partial.length * 3 > this.#keepBytes) this.#cut();
  }

  /** Keeps at most keepBytes of the partial line and counts the rest as dropped. */
  #cut(): void {
    const bytes = Buffer.from(this.#partial, 'utf8');
    if (bytes.length <= this.#keepBytes) return;
    // A character cut in half becomes U+FFFD, as the decoder would have made it.
    this.#partial = bytes.subarray(0, this.#keepBytes).toString('utf8');
    this.#droppedBytes += bytes.length - this.#keepBytes;
    this.#full = true;
  }

  #finishLine(): void {
    const text = this.#partial;
    const droppedBytes = this.#droppedBytes;
    this.#partial = '';
    this.#full = false;
    this.#droppedBytes = 0;
    this.#pending = false;
    this.#emit(text, droppedBytes);
  }

  #emit(line: string, droppedBytes: number): void {
    this.#onLine({ text: line.endsWith('\r') ? line.slice(0, -1) : line, droppedBytes });
  }
}
