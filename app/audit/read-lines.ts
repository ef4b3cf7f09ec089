import type { FileHandle } from 'node:fs/promises';

const chunkBytes = 64 * 1024;
const newline = 0x0a;

export interface FileLine {
  /** The line's text without its `\n`. */
  text: string;
  /** Byte offset of the line's first byte. */
  start: number;
  /** 1-based line number (forward reads only). */
  number: number;
  /** False for a last line that has no `\n` (a torn write, or a hand edit). */
  terminated: boolean;
}

/**
 * Yields the lines of a file from the start, splitting on `\n` only: a stray `\r` stays part of
 * its line, so it cannot hide an edit the way a CRLF-aware reader would.
 */
export async function* readLinesForward(handle: FileHandle, endOffset?: number): AsyncGenerator<FileLine> {
  const end = endOffset ?? (await handle.stat()).size;
  let carry: Buffer[] = [];
  let carryStart = 0;
  let position = 0;
  let number = 0;
  const buffer = Buffer.alloc(chunkBytes);
  while (position < end) {
    const { bytesRead } = await handle.read(buffer, 0, Math.min(chunkBytes, end - position), position);
    if (bytesRead === 0) break;
    let from = 0;
    for (let i = 0; i < bytesRead; i += 1) {
      if (buffer[i] !== newline) continue;
      const text = Buffer.concat([...carry, buffer.subarray(from, i)]).toString('utf8');
      number += 1;
      yield { text, start: carryStart, number, terminated: true };
      carry = [];
      from = i + 1;
      carryStart = position + from;
    }
    if (from < bytesRead) carry.push(Buffer.from(buffer.subarray(from, bytesRead)));
    position += bytesRead;
  }
  if (carry.length > 0) {
    number += 1;
    yield { text: Buffer.concat(carry).toString('utf8'), start: carryStart, number, terminated: false };
  }
}

/**
 * Yields the complete (`\n`-terminated) lines before `endOffset`, newest first, reading backwards
 * in chunks so the newest page of a large file costs one read. `number` is 0: unknown going back.
 */
export async function* readLinesBackward(handle: FileHandle, endOffset: number): AsyncGenerator<FileLine> {
  // Bytes after the last newline before endOffset are not a complete line; skip them.
  let position = endOffset;
  let pending: Buffer[] = [];
  let pendingEnd = -1;
  const buffer = Buffer.alloc(chunkBytes);
  while (position > 0) {
    const readFrom = Math.max(0, position - chunkBytes);
    const length = position - readFrom;
    const { bytesRead } = await handle.read(buffer, 0, length, readFrom);
    if (bytesRead < length) throw new Error('The file shrank while it was being read.');
    let to = length;
    for (let i = length - 1; i >= 0; i -= 1) {
      if (buffer[i] !== newline) continue;
      if (pendingEnd !== -1) {
        const text = Buffer.concat([buffer.subarray(i + 1, to), ...pending]).toString('utf8');
        yield { text, start: readFrom + i + 1, number: 0, terminated: true };
      }
      pending = [];
      pendingEnd = readFrom + i;
      to = i;
    }
    if (pendingEnd !== -1 && to > 0) pending.unshift(Buffer.from(buffer.subarray(0, to)));
    position = readFrom;
  }
  if (pendingEnd !== -1 && pending.length > 0) {
    yield { text: Buffer.concat(pending).toString('utf8'), start: 0, number: 0, terminated: true };
  } else if (pendingEnd === 0) {
    // The file starts with a newline: its first line is empty.
    yield { text: '', start: 0, number: 0, terminated: true };
  }
}
