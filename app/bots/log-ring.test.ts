import { describe, expect, it } from 'vitest';
import type { LogLine } from '../common/contract.js';
import { LogRing } from './log-ring.js';

const line = (seq: number, text = `line ${seq}`): LogLine => ({ seq, at: 0, stream: 'stdout', text });

describe('LogRing', () => {
  it('keeps the newest lines and reports what was dropped through firstSeq', () => {
    const ring = new LogRing({ maxLines: 3, maxChars: 1000 });
    for (let seq = 0; seq < 5; seq += 1) ring.push(line(seq));
    expect(ring.firstSeq).toBe(2);
    expect(ring.page(0, 10).lines.map((l) => l.seq)).toEqual([2, 3, 4]);
  });

  it('is bounded by characters as well as lines', () => {
    const ring = new LogRing({ maxLines: 100, maxChars: 25 });
    for (let seq = 0; seq < 10; seq += 1) ring.push(line(seq, '0123456789'));
    expect(ring.size).toBe(2);
    expect(ring.firstSeq).toBe(8);
  });

  it('pages forward and returns null at the live end', () => {
    const ring = new LogRing({ maxLines: 10, maxChars: 1000 });
    for (let seq = 0; seq < 5; seq += 1) ring.push(line(seq));
    expect(ring.page(1, 2)).toMatchObject({ nextSeq: 3, firstSeq: 0 });
    expect(ring.page(3, 2).nextSeq).toBeNull();
    expect(ring.page(9, 2)).toMatchObject({ lines: [], nextSeq: null });
  });

  it('opens on the newest lines when no fromSeq is given', () => {
    const ring = new LogRing({ maxLines: 10, maxChars: 1000 });
    for (let seq = 0; seq < 5; seq += 1) ring.push(line(seq));
    expect(ring.page(undefined, 2).lines.map((l) => l.seq)).toEqual([3, 4]);
    expect(new LogRing({ maxLines: 2, maxChars: 10 }).page(undefined, 5)).toEqual({ lines: [], nextSeq: null, firstSeq: 0 });
  });
});
