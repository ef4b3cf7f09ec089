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
});
