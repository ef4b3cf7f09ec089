import { describe, expect, it } from 'vitest';
import { LineSplitter, type SplitLine } from './line-splitter.js';

function split(chunks: (string | Uint8Array)[], keepBytes = 1024, prepare?: (text: string) => string | undefined): SplitLine[] {
  const lines: SplitLine[] = [];
  const splitter = new LineSplitter({ keepBytes, onLine: (line) => lines.push(line), prepare });
  for (const chunk of chunks) splitter.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  splitter.end();
  return lines;
}

/** Cuts `text` into chunks of `size` bytes, as a pipe may deliver it. */
function chunked(text: string, size: number): Buffer[] {
  const bytes = Buffer.from(text);
  const chunks: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += size) chunks.push(bytes.subarray(at, at + size));
  return chunks;
}

/** A tqdm-style bar: each redraw starts with a carriage return and rewrites the whole line. */
function progressBar(steps: number): { text: string; last: string } {
  let text = '';
  let last = '';
  for (let step = 0; step <= steps; step += 1) {
    last = `Uploading claims |${'#'.repeat(Math.floor((step * 40) / steps)).padEnd(40, '.')}| ${step}/${steps}`;
    text += `\r${last}`;
  }
  return { text, last };
}

describe('LineSplitter and carriage-return redraws', () => {
  it('keeps what a terminal would show last of a line redrawn with carriage returns', () => {
    expect(split(['Downloading 0%\rDownloading 50%\rDownloading 100%\nnext\n'])).toEqual([
      { text: 'Downloading 100%', droppedBytes: 0 },
      { text: 'next', droppedBytes: 0 },
    ]);
  });

  it('ignores carriage returns with nothing after them, so a redraw never leaves an empty line', () => {
    expect(split(['\r 10%\r 20%\r\r\n', 'done\r\r\n']).map((line) => line.text)).toEqual([' 20%', 'done']);
  });

  it('keeps the final state of a progress bar far longer than the kept bytes, whatever the chunks', () => {
    const bar = progressBar(1000);
    for (const size of [3, 7, 64, 4096, 1 << 20]) {
      const lines = split([...chunked(`${bar.text}\nafter\n`, size)], 200);
      expect(lines, `chunks of ${size}`).toEqual([
        { text: bar.last, droppedBytes: 0 },
        { text: 'after', droppedBytes: 0 },
      ]);
    }
  });

  it('tells a CRLF split across chunks from a redraw', () => {
    expect(split(['abc\r', '\n', 'def\r', 'ghi\n'], 9).map((line) => line.text)).toEqual(['abc', 'ghi']);
  });

  it('keeps the last redraw of a line that never ends in a newline', () => {
    expect(split(['50%\r', '100%'])).toEqual([{ text: '100%', droppedBytes: 0 }]);
  });

  it('still bounds the last redraw when it alone is too long, counting only its own dropped bytes', () => {
    const lines = split([`${'a'.repeat(300)}\r${'b'.repeat(120)}\n`], 50);
    expect(lines).toEqual([{ text: 'b'.repeat(50), droppedBytes: 70 }]);
  });

  it('gives the same lines when whole lines are prepared together (redaction declines lone carriage returns)', () => {
    const text = 'one\nbar 1/2\rbar 2/2\ntwo\r\n';
    const declineRedraws = (whole: string) => (/\r(?!\n)/.test(whole) ? undefined : whole);
    expect(split([text], 1024, declineRedraws).map((line) => line.text)).toEqual(['one', 'bar 2/2', 'two']);
  });
});
