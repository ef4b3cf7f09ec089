import { isUtf8 } from 'node:buffer';
import type { RedactionCounts } from '../common/patient-data.js';

export type RedactText = (text: string) => { text: string; redactions: RedactionCounts | undefined };

/**
 * A text file redacted as it streams in, whole lines at a time (as log lines are), so its
 * unredacted content never reaches the disk, where a crash mid-upload would leave it. A line
 * keeps its own bytes unless something in it is redacted; text that is not UTF-8 (a CSV saved in
 * Windows-1252, with its £ signs) is read and written back as Latin-1, byte for byte, not turned
 * into U+FFFD.
 */
export class StreamedTextRedaction {
  readonly #redact: RedactText;
  /** The line not yet ended, in the pieces it came in: joined once, when it ends. */
  #open: Buffer[] = [];
  #bytes = 0;
  readonly #counts: Partial<Record<string, number>> = {};

  constructor(redact: RedactText) {
    this.#redact = redact;
  }

  /** The redacted bytes of the lines this chunk ends. */
  push(chunk: Buffer): Buffer {
    const lastFeed = chunk.lastIndexOf(0x0a);
    if (lastFeed === -1) {
      this.#open.push(chunk);
      return Buffer.alloc(0);
    }
    const lines = Buffer.concat([...this.#open, chunk.subarray(0, lastFeed + 1)]);
    this.#open = lastFeed + 1 < chunk.length ? [chunk.subarray(lastFeed + 1)] : [];
    return this.#lines(lines);
  }

  /** The redacted bytes of the last line, which no line feed ends. */
  end(): Buffer {
    const last = Buffer.concat(this.#open);
    this.#open = [];
    return this.#lines(last);
  }

  /** Bytes returned so far: the stored size. */
  get bytes(): number {
    return this.#bytes;
  }

  get redactions(): RedactionCounts | undefined {
    return Object.keys(this.#counts).length > 0 ? (this.#counts as RedactionCounts) : undefined;
  }

  #lines(raw: Buffer): Buffer {
    if (raw.length === 0) return raw;
    const encoding = isUtf8(raw) ? 'utf8' : 'latin1';
    const text = raw.toString(encoding);
    const redacted = this.#redact(text);
    for (const [kind, count] of Object.entries(redacted.redactions ?? {})) this.#counts[kind] = (this.#counts[kind] ?? 0) + count;
    const out = redacted.text === text ? raw : Buffer.from(redacted.text, encoding);
    this.#bytes += out.length;
    return out;
  }
}
