import { describe, expect, it } from 'vitest';
import { LineSplitter, type SplitLine } from './line-splitter.js';

function split(chunks: (string | Uint8Array)[], keepBytes = 1024): SplitLine[] {
  const lines: SplitLine[] = [];
  const splitter = new LineSplitter({ keepBytes, onLine: (line) => lines.push(line) });
  for (const chunk of chunks) splitter.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  splitter.end();
  return lines;
}

describe('LineSplitter', () => {
  it('splits on LF and CRLF and keeps a partial final line', () => {
    expect(split(['one\r\ntwo\nthr', 'ee']).map((l) => l.text)).toEqual(['one', 'two', 'three']);
  });

  it('keeps empty lines but does not invent one after a final newline', () => {
    expect(split(['a\n\nb\n']).map((l) => l.text)).toEqual(['a', '', 'b']);
  });

  it('decodes a multi-byte character split across chunks', () => {
    const euro = Buffer.from('€\n');
    expect(split([euro.subarray(0, 1), euro.subarray(1)]).map((l) => l.text)).toEqual(['€']);
  });

  it('replaces invalid UTF-8 instead of failing', () => {
    expect(split([Uint8Array.from([0x61, 0xff, 0xfe, 0x62, 0x0a])])[0]?.text).toBe('a\uFFFD\uFFFDb');
  });

  it('holds at most keepBytes of a line and counts the rest', () => {
    const lines = split(['x'.repeat(100), 'y'.repeat(100), '\nnext'], 50);
    expect(lines[0]).toEqual({ text: 'x'.repeat(50), droppedBytes: 150 });
    expect(lines[1]).toEqual({ text: 'next', droppedBytes: 0 });
  });

  it('bounds a long line that arrives in many small chunks, and cuts inside a character as U+FFFD', () => {
    const chunks = Array.from({ length: 200 }, () => 'é'.repeat(10));
    const lines = split([...chunks, '\nafter\n'], 51);
    // 51 bytes keep 25 two-byte characters and the first byte of the 26th.
    expect(lines[0]).toEqual({ text: `${'é'.repeat(25)}\uFFFD`, droppedBytes: 200 * 20 - 51 });
    expect(lines[1]).toEqual({ text: 'after', droppedBytes: 0 });
  });

  it('keeps a chunk made only of the start of a character as part of the line', () => {
    const euro = Buffer.from('€');
    expect(split([euro.subarray(0, 2), euro.subarray(2), '\n'])).toEqual([{ text: '€', droppedBytes: 0 }]);
  });
});
