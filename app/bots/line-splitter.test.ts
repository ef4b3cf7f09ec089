import { describe, expect, it } from 'vitest';
import { LineSplitter, type SplitLine } from './line-splitter.js';
import { preparedText, type PreparedLines } from './prepared-lines.js';

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

  describe('prepare (whole lines redacted together)', () => {
    function prepared(chunks: (string | Uint8Array)[], keepBytes = 1024, answer: (text: string) => string | PreparedLines | undefined = (text) => text.toUpperCase()) {
      const seen: string[] = [];
      const lines: SplitLine[] = [];
      const splitter = new LineSplitter({ keepBytes, onLine: (line) => lines.push(line), prepare: (text) => (seen.push(text), answer(text)) });
      for (const chunk of chunks) splitter.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
      splitter.end();
      return { seen, lines };
    }

    it('gets only the whole lines of a chunk: not the end of a line begun earlier, nor a line not finished yet', () => {
      const { seen, lines } = prepared(['one\ntwo\nthr', 'ee\nfour\nfive\nsi', 'x']);
      expect(seen).toEqual(['one\ntwo\n', 'four\nfive\n']);
      expect(lines).toEqual([
        { text: 'ONE', droppedBytes: 0, prepared: true },
        { text: 'TWO', droppedBytes: 0, prepared: true },
        { text: 'three', droppedBytes: 0 },
        { text: 'FOUR', droppedBytes: 0, prepared: true },
        { text: 'FIVE', droppedBytes: 0, prepared: true },
        { text: 'six', droppedBytes: 0 },
      ]);
    });

    it('is not asked about a chunk without a whole line, and leaves lines it declines unmarked', () => {
      const { seen, lines } = prepared(['a', 'b', 'c\nd\r\n'], 1024, () => undefined);
      expect(seen).toEqual(['d\r\n']);
      expect(lines).toEqual([
        { text: 'abc', droppedBytes: 0 },
        { text: 'd', droppedBytes: 0 },
      ]);
    });

    it('marks a long prepared line as prepared and still bounds it', () => {
      const { lines } = prepared([`short\n${'x'.repeat(100)}\nend\n`], 50);
      expect(lines).toEqual([
        { text: 'SHORT', droppedBytes: 0, prepared: true },
        { text: 'X'.repeat(50), droppedBytes: 50, prepared: true },
        { text: 'END', droppedBytes: 0, prepared: true },
      ]);
    });

    it('removes the CR of a CRLF line after preparing', () => {
      expect(prepared(['a\r\nb\r\n']).lines.map((line) => line.text)).toEqual(['A', 'B']);
    });

    it('gives the same lines, prepared or not, wherever a chunk ends, even inside a character or an invalid sequence', () => {
      const bytes = Buffer.concat([Buffer.from('one é\ntwo €\r\nthree '), Buffer.from([0xe2, 0x0a, 0xff]), Buffer.from('€x\n\nlast 😀 line')]);
      const whole = split([bytes]).map((line) => line.text);
      expect(whole).toEqual(['one é', 'two €', 'three \uFFFD', '\uFFFD€x', '', 'last 😀 line']);
      for (let cut = 0; cut <= bytes.length; cut += 1) {
        for (const second of [bytes.length, cut + 1, cut + 2]) {
          const chunks = [bytes.subarray(0, cut), bytes.subarray(cut, second), bytes.subarray(second)];
          for (const answer of [(text: string) => text, () => undefined]) {
            expect(prepared(chunks, 1024, answer).lines.map((line) => line.text), `cut at ${cut} and ${second}`).toEqual(whole);
          }
        }
      }
    });

    it('takes the lines a prepare rewrote from its answer and every other line from the chunk, long ones still bounded', () => {
      const rewrite = (text: string): PreparedLines => {
        const starts = [...text.matchAll(/^(?:two|x+)\r?$/gm)].map((match) => match.index);
        return { text, rewrittenAt: starts, rewritten: starts.map((start) => text.slice(start, text.indexOf('\n', start)).toUpperCase()) };
      };
      const { seen, lines } = prepared([`one\ntwo\r\nthr`, `ee\n${'x'.repeat(60)}\nfive\n`], 50, rewrite);
      expect(seen).toEqual(['one\ntwo\r\n', `${'x'.repeat(60)}\nfive\n`]);
      expect(lines).toEqual([
        { text: 'one', droppedBytes: 0, prepared: true },
        { text: 'TWO', droppedBytes: 0, prepared: true },
        { text: 'three', droppedBytes: 0 },
        { text: 'X'.repeat(50), droppedBytes: 10, prepared: true },
        { text: 'five', droppedBytes: 0, prepared: true },
      ]);
      expect(preparedText(rewrite('a\ntwo\nb\n'))).toBe('a\nTWO\nb\n');
    });
  });
});
