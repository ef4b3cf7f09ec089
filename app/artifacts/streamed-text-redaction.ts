import { isUtf8 } from 'node:buffer';
import type { RedactionCounts } from '../common/patient-data.js';

export type RedactText = (text: string) => { text: string; redactions: RedactionCounts | undefined };

/** UTF-16 by its byte order mark; anything else is read as bytes (UTF-8, or Latin-1 where it is not). */
type Encoding = 'utf16le' | 'utf16be' | 'bytes';

const bomBytes = 2;

function encodingOf(head: Buffer): Encoding {
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf16be';
  return 'bytes';
}

/**
 * Whether a file with no extension is text, by its first bytes: a UTF-16 byte order mark, or UTF-8
 * (a character the sample cuts short allowed) with no NUL or other control byte but tab, line
 * breaks, form feed and escape (coloured logs). Binary formats give themselves away in their
 * first bytes (a ZIP's or an Office file's header holds NULs); images are sniffed before this.
 */
export function startsLikeText(head: Buffer): boolean {
  if (head.length === 0) return false;
  if (encodingOf(head) !== 'bytes') return true;
  if (head.some((byte) => byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0b && byte !== 0x0c && byte !== 0x0d && byte !== 0x1b)) return false;
  for (let cut = 0; cut <= 3 && cut < head.length; cut += 1) {
    if (cut > 0 && (head[head.length - cut] ?? 0) < 0x80) return false;
    if (isUtf8(head.subarray(0, head.length - cut))) return true;
  }
  return false;
}

/**
 * A text file redacted as it streams in, whole lines at a time (as log lines are), so its
 * unredacted content never reaches the disk, where a crash mid-upload would leave it. A line
 * keeps its own bytes unless something in it is redacted; text that is not UTF-8 (a CSV saved in
 * Windows-1252, with its £ signs) is read and written back as Latin-1, byte for byte, not turned
 * into U+FFFD. A file that starts with a UTF-16 byte order mark (what Windows PowerShell 5.1's
 * `Out-File` and Excel's "Unicode text" write) is read as UTF-16 in that byte order, a line
 * ending at a two-byte newline on an even offset, and written back in it, its mark included:
 * read byte by byte, no identifier's digits would ever be seen together.
 */
export class StreamedTextRedaction {
  readonly #redact: RedactText;
  #encoding: Encoding | undefined;
  /** The line not yet ended, in the pieces it came in: joined once, when it ends. In UTF-16, always whole code units. */
  #open: Buffer[] = [];
  #openBytes = 0;
  /** UTF-16: the first byte of a code unit whose second has not come yet. */
  #half: Buffer | undefined;
  #bytes = 0;
  readonly #counts: Partial<Record<string, number>> = {};

  constructor(redact: RedactText) {
    this.#redact = redact;
  }

  /** The redacted bytes of the lines this chunk ends. */
  push(chunk: Buffer): Buffer {
    if (this.#encoding === undefined) {
      if (this.#openBytes + chunk.length < bomBytes) return this.#keepOpen(chunk);
      chunk = this.#takeOpen(chunk);
      this.#encoding = encodingOf(chunk);
    }
    if (this.#encoding !== 'bytes') chunk = this.#wholeUnits(chunk);
    const lineEnd = this.#encoding === 'bytes' ? chunk.lastIndexOf(0x0a) + 1 : lastUtf16LineEnd(chunk, this.#encoding);
    if (lineEnd === 0) return this.#keepOpen(chunk);
    const lines = this.#takeOpen(chunk.subarray(0, lineEnd));
    if (lineEnd < chunk.length) this.#keepOpen(chunk.subarray(lineEnd));
    return this.#lines(lines);
  }

  /** The redacted bytes of the last line, which no line feed ends. */
  end(): Buffer {
    const last = this.#takeOpen(this.#half ?? Buffer.alloc(0));
    this.#half = undefined;
    this.#encoding ??= encodingOf(last);
    return this.#lines(last);
  }

  /** Bytes returned so far: the stored size. */
  get bytes(): number {
    return this.#bytes;
  }

  /** Bytes taken in and not yet returned: the line still open. */
  get heldBytes(): number {
    return this.#openBytes + (this.#half?.length ?? 0);
  }

  get redactions(): RedactionCounts | undefined {
    return Object.keys(this.#counts).length > 0 ? (this.#counts as RedactionCounts) : undefined;
  }

  #keepOpen(piece: Buffer): Buffer {
    if (piece.length > 0) this.#open.push(piece);
    this.#openBytes += piece.length;
    return Buffer.alloc(0);
  }

  /** The open line's pieces and `piece`, joined; the open line is empty after. */
  #takeOpen(piece: Buffer): Buffer {
    const joined = this.#open.length === 0 ? piece : Buffer.concat([...this.#open, piece]);
    this.#open = [];
    this.#openBytes = 0;
    return joined;
  }

  /** The chunk with the half code unit before it, less the half one after it: every chunk then starts on an even offset. */
  #wholeUnits(chunk: Buffer): Buffer {
    const joined = this.#half ? Buffer.concat([this.#half, chunk]) : chunk;
    const odd = joined.length % 2;
    this.#half = odd === 1 ? joined.subarray(joined.length - 1) : undefined;
    return odd === 1 ? joined.subarray(0, joined.length - 1) : joined;
  }

  #lines(raw: Buffer): Buffer {
    if (raw.length === 0) return raw;
    const { text, encode } = decode(raw, this.#encoding ?? 'bytes');
    const redacted = this.#redact(text);
    for (const [kind, count] of Object.entries(redacted.redactions ?? {})) this.#counts[kind] = (this.#counts[kind] ?? 0) + count;
    const out = redacted.text === text ? raw : encode(redacted.text);
    this.#bytes += out.length;
    return out;
  }
}

/** Just past the last newline code unit on an even offset, or 0. */
function lastUtf16LineEnd(chunk: Buffer, encoding: 'utf16le' | 'utf16be'): number {
  const [low, high] = encoding === 'utf16le' ? [0, 1] : [1, 0];
  for (let at = chunk.length - 2; at >= 0; at -= 2) {
    if (chunk[at + low] === 0x0a && chunk[at + high] === 0x00) return at + 2;
  }
  return 0;
}

function decode(raw: Buffer, encoding: Encoding): { text: string; encode: (text: string) => Buffer } {
  if (encoding === 'bytes') {
    const bytes = isUtf8(raw) ? 'utf8' : 'latin1';
    return { text: raw.toString(bytes), encode: (text) => Buffer.from(text, bytes) };
  }
  // A file cut after half a code unit keeps that byte as it came.
  const whole = raw.subarray(0, raw.length - (raw.length % 2));
  const half = raw.subarray(whole.length);
  const bigEndian = encoding === 'utf16be';
  const text = (bigEndian ? Buffer.from(whole).swap16() : whole).toString('utf16le');
  return {
    text,
    encode: (redacted) => {
      const units = Buffer.from(redacted, 'utf16le');
      return Buffer.concat([bigEndian ? units.swap16() : units, half]);
    },
  };
}
