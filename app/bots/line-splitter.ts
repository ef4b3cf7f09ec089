import type { PreparedLines } from './prepared-lines.js';

/** Redacts a chunk's whole lines together: see `LineSplitter`'s `prepare`. */
export type PrepareLines = (wholeLines: string) => string | PreparedLines | undefined;

/** One line as read from a bot, before sanitising. */
export interface SplitLine {
  /** Decoded text of the kept prefix of the line (invalid UTF-8 becomes U+FFFD). */
  text: string;
  /** Bytes of the line that were not kept because it was longer than `keepBytes`. */
  droppedBytes: number;
  /** Set when `prepare` already redacted the line (with the whole lines of its chunk). */
  prepared?: true;
}

const noRewrites: readonly never[] = [];

/**
 * How often a line still being redrawn with carriage returns (a progress bar that never prints a
 * newline) is shown as drawn: without it, nothing of minutes of progress would show until the end.
 * The default of `LineSplitter`'s `snapshotEveryMs`, which only tests shorten.
 */
export const redrawSnapshotMs = 5_000;

/**
 * Splits a byte stream into lines without ever holding more than `keepBytes` of one line, so a
 * bot that prints a gigabyte with no newline cannot grow the supervisor's memory.
 *
 * Each chunk is decoded once (`stream: true`, because a chunk boundary can fall inside a
 * character) and the text is split on '\n': 0x0A never occurs inside a multi-byte UTF-8 sequence,
 * so this finds the same boundaries as splitting the bytes. UTF-8 bytes are counted only for
 * lines that might be over the limit (a UTF-16 code unit is at most 3 UTF-8 bytes), which keeps
 * the common short line free of any byte counting.
 *
 * With a clock (`now`), a line redrawn with carriage returns for longer than `snapshotEveryMs`
 * (default `redrawSnapshotMs`) is also emitted as drawn, at most once per `snapshotEveryMs`, each
 * time a new redraw starts: the redraw just completed is whole then, as the bot's terminal showed
 * it, so no identifier is cut for redaction. Only the last redraw is ever held, so memory stays
 * bounded.
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
  /** The line so far ends in carriage returns: text that follows redraws it. */
  #endsInCr = false;
  readonly #now: (() => number) | undefined;
  readonly #snapshotEveryMs: number;
  /** When the line being read may next be shown as drawn; undefined between lines. */
  #snapshotDueAt: number | undefined;

  /**
   * Redacts the whole lines of a chunk in one pass, before they are split (each line ends in
   * '\n'): their new text, or which of them it rewrote; undefined leaves them to be handled line
   * by line. A line begun in an earlier chunk or not yet finished is never part of it, so no
   * identifier is cut by a chunk edge.
   */
  readonly #prepare: PrepareLines | undefined;

  constructor(options: { keepBytes: number; onLine: (line: SplitLine) => void; prepare?: PrepareLines | undefined; now?: () => number; snapshotEveryMs?: number | undefined }) {
    const snapshotEveryMs = options.snapshotEveryMs ?? redrawSnapshotMs;
    if (!(Number.isFinite(snapshotEveryMs) && snapshotEveryMs > 0)) throw new RangeError(`A line splitter's snapshotEveryMs must be a number of milliseconds above zero, not ${String(snapshotEveryMs)}.`);
    this.#keepBytes = options.keepBytes;
    this.#onLine = options.onLine;
    this.#prepare = options.prepare;
    this.#now = options.now;
    this.#snapshotEveryMs = snapshotEveryMs;
  }

  push(chunk: Uint8Array): void {
    const firstNewline = this.#prepare === undefined ? -1 : chunk.indexOf(0x0a);
    if (this.#prepare === undefined || firstNewline === -1) {
      const text = this.#decoder.decode(chunk, { stream: true });
      if (chunk.length > 0 && text.length === 0) {
        this.#pending = true;
        return;
      }
      this.#split(text, false);
      return;
    }
    // The end of a line from the last chunk, the whole lines, the start of the next, each decoded
    // on its own: a line feed is never part of a multi-byte character, and the whole lines come
    // out as one flat string, which redaction's character-by-character scans read faster than a
    // slice of the chunk's text.
    const from = this.#pending ? firstNewline + 1 : 0;
    const to = chunk.lastIndexOf(0x0a) + 1;
    if (from > 0) this.#split(this.#decoder.decode(chunk.subarray(0, from), { stream: true }), false);
    if (to > from) {
      const wholeLines = this.#decoder.decode(chunk.subarray(from, to), { stream: true });
      const prepared = this.#prepare(wholeLines);
      if (prepared === undefined) this.#split(wholeLines, false);
      else if (typeof prepared === 'string') this.#split(prepared, true);
      else this.#split(prepared.text, true, prepared.rewrittenAt, prepared.rewritten);
    }
    // A character cut by the chunk's end decodes to nothing yet; it starts a line, not continues one.
    const rest = to < chunk.length ? this.#decoder.decode(chunk.subarray(to), { stream: true }) : '';
    if (rest.length > 0) this.#split(rest, false);
  }

  /** Emits the lines of `text`, except that the line starting at `rewrittenAt[i]` is `rewritten[i]`. */
  #split(text: string, prepared: boolean, rewrittenAt: readonly number[] = noRewrites, rewritten: readonly string[] = noRewrites): void {
    let start = 0;
    let next = 0;
    for (;;) {
      const newline = text.indexOf('\n', start);
      if (newline === -1) {
        if (start < text.length) this.#take(start === 0 ? text : text.slice(start));
        return;
      }
      const line = rewrittenAt[next] === start ? rewritten[next++] : undefined;
      const length = line === undefined ? newline - start : line.length;
      if (!this.#pending && length <= this.#keepBytes / 3) {
        // The common case: a whole, short line inside one chunk.
        this.#emit(line ?? text.slice(start, newline), 0, prepared);
      } else {
        if (length > 0) this.#take(line ?? text.slice(start, newline));
        this.#finishLine(prepared);
      }
      start = newline + 1;
    }
  }

  /** Flushes a final line that had no newline. */
  end(): void {
    const rest = this.#decoder.decode();
    if (rest.length > 0) this.#take(rest);
    if (this.#pending) this.#finishLine(false);
  }

  #take(text: string): void {
    this.#pending = true;
    const now = this.#now?.();
    // A wall clock put back starts the wait again rather than stopping the snapshots until it catches up.
    if (now !== undefined && (this.#snapshotDueAt === undefined || now < this.#snapshotDueAt - this.#snapshotEveryMs)) this.#snapshotDueAt = now + this.#snapshotEveryMs;
    let segment = text;
    const redraw = redrawStart(segment, this.#endsInCr);
    if (redraw !== -1) {
      if (now !== undefined && this.#snapshotDueAt !== undefined && now >= this.#snapshotDueAt) this.#snapshot(segment.slice(0, redraw), now);
      // Everything before the redraw was overwritten on the bot's terminal; a long progress bar
      // would otherwise fill the kept bytes with its first redraws and lose its final state.
      this.#partial = '';
      this.#full = false;
      this.#droppedBytes = 0;
      segment = segment.slice(redraw);
    }
    if (segment.length > 0) this.#endsInCr = segment.charCodeAt(segment.length - 1) === carriageReturn;
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

  /** Emits the redraw that `before` (the text up to the redraw starting now) completed. */
  #snapshot(before: string, now: number): void {
    let end = before.length;
    while (end > 0 && before.charCodeAt(end - 1) === carriageReturn) end -= 1;
    const ownStart = end === 0 ? -1 : before.lastIndexOf('\r', end - 1);
    let text: string;
    let droppedBytes = 0;
    if (ownStart !== -1) text = before.slice(ownStart + 1, end);
    else if (this.#endsInCr && end > 0) text = before.slice(0, end);
    else {
      // The redraw began in the held line: its kept start, and what followed in this text.
      text = lastRedraw(this.#partial);
      if (this.#full) droppedBytes = this.#droppedBytes + Buffer.byteLength(before.slice(0, end), 'utf8');
      else text += before.slice(0, end);
    }
    if (text.length === 0) return;
    if (text.length * 3 > this.#keepBytes) {
      const bytes = Buffer.from(text, 'utf8');
      if (bytes.length > this.#keepBytes) {
        text = bytes.subarray(0, this.#keepBytes).toString('utf8');
        droppedBytes += bytes.length - this.#keepBytes;
      }
    }
    this.#snapshotDueAt = now + this.#snapshotEveryMs;
    this.#emit(text, droppedBytes, false);
  }

  #finishLine(prepared: boolean): void {
    const text = this.#partial;
    const droppedBytes = this.#droppedBytes;
    this.#partial = '';
    this.#full = false;
    this.#droppedBytes = 0;
    this.#pending = false;
    this.#endsInCr = false;
    this.#snapshotDueAt = undefined;
    this.#emit(text, droppedBytes, prepared);
  }

  #emit(line: string, droppedBytes: number, prepared: boolean): void {
    const text = lastRedraw(line);
    this.#onLine(prepared ? { text, droppedBytes, prepared } : { text, droppedBytes });
  }
}

const carriageReturn = 0x0d;

/**
 * Where the last redraw in `text` starts: just after the last carriage return that text follows
 * (or at 0 when the text before it ended in one, `afterCr`); -1 when nothing in it redraws.
 * Carriage returns with nothing after them redraw nothing: they may yet be the CR of a CRLF.
 */
function redrawStart(text: string, afterCr: boolean): number {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === carriageReturn) end -= 1;
  if (end === 0) return -1;
  const lastCr = text.lastIndexOf('\r', end - 1);
  if (lastCr !== -1) return lastCr + 1;
  return afterCr ? 0 : -1;
}

/**
 * A whole line as the bot's terminal last showed it: a progress bar redrawn with carriage
 * returns keeps only its last redraw, and the CR of a CRLF (or any CR the line ends in) goes.
 */
function lastRedraw(line: string): string {
  if (line.indexOf('\r') === -1) return line;
  let end = line.length;
  while (end > 0 && line.charCodeAt(end - 1) === carriageReturn) end -= 1;
  return line.slice(line.lastIndexOf('\r', end - 1) + 1, end);
}
