import { describe, expect, it } from 'vitest';
import type { LogLine } from '../common/contract.js';
import { levelFreeing, LogMemoryBudget, perLineOverheadUnits, type BudgetedRing } from './log-memory-budget.js';
import { LogRing } from './log-ring.js';

const text = 'x'.repeat(36);
const lineUnits = text.length + perLineOverheadUnits;
const line = (seq: number): LogLine => ({ seq, at: 0, stream: 'stdout', text });

function ringWith(budget: LogMemoryBudget, lines: number): LogRing {
  const ring = new LogRing({ maxLines: 1000, maxChars: 1_000_000, budget });
  for (let seq = 0; seq < lines; seq += 1) ring.push(line(seq));
  return ring;
}

describe('LogMemoryBudget', () => {
  it('evicts the oldest lines of the largest ring first, and keeps the total under the budget', () => {
    const budget = new LogMemoryBudget(100 * lineUnits);
    const big = ringWith(budget, 80);
    const small = ringWith(budget, 15);
    expect(budget.usedUnits).toBe(95 * lineUnits);
    const other = ringWith(budget, 10);
    expect(budget.usedUnits).toBeLessThanOrEqual(100 * lineUnits);
    // Only the largest ring paid, from its oldest end; the others kept every line.
    expect(small.size).toBe(15);
    expect(other.size).toBe(10);
    expect(big.size).toBeLessThan(80);
    expect(big.firstSeq).toBe(80 - big.size);
    expect(big.page(0, 1000).lines[0]?.seq).toBe(big.firstSeq);
    expect(big.page(big.firstSeq, 5).nextSeq).toBe(big.firstSeq + 5);
  });

  it('trims the largest rings towards each other when all of them keep growing', () => {
    const budget = new LogMemoryBudget(60 * lineUnits);
    const rings = [new LogRing({ maxLines: 1000, maxChars: 1_000_000, budget }), new LogRing({ maxLines: 1000, maxChars: 1_000_000, budget })];
    for (let seq = 0; seq < 200; seq += 1) for (const ring of rings) ring.push(line(seq));
    expect(budget.usedUnits).toBeLessThanOrEqual(60 * lineUnits);
    const [a, b] = rings.map((ring) => ring.size);
    expect(Math.abs((a ?? 0) - (b ?? 0))).toBeLessThanOrEqual(1);
    for (const ring of rings) expect(ring.tail(1)[0]?.seq).toBe(199);
  });

  it('never takes the last line of a ring, and a released ring stops counting', () => {
    const budget = new LogMemoryBudget(1);
    const ring = ringWith(budget, 5);
    expect(ring.size).toBe(1);
    expect(ring.firstSeq).toBe(4);
    ring.release();
    expect(budget.usedUnits).toBe(0);
  });

  it('two hundred rings of the same size give up their oldest lines evenly, looking at each ring a bounded number of times', () => {
    // A ring of fixed-size lines that counts how often the budget reads its size.
    class CountingRing implements BudgetedRing {
      reads = 0;
      lines = 0;
      constructor(readonly budget: LogMemoryBudget) {}
      get budgetUnits(): number {
        this.reads += 1;
        return this.lines * 100;
      }
      push(): void {
        this.lines += 1;
        this.budget.charge(100);
      }
      dropOldestForBudget(): boolean {
        if (this.lines <= 1) return false;
        this.lines -= 1;
        this.budget.release(100);
        return true;
      }
    }
    const budget = new LogMemoryBudget(200 * 50 * 100);
    const rings = Array.from({ length: 200 }, () => new CountingRing(budget));
    for (const ring of rings) budget.add(ring);
    for (let round = 0; round < 50; round += 1) for (const ring of rings) ring.push();
    for (const ring of rings) ring.reads = 0;
    // One more line overflows the budget: about 10 % goes, from every ring alike.
    rings[0]?.push();
    expect(budget.usedUnits).toBeLessThanOrEqual(0.9 * budget.maxUnits);
    const sizes = rings.map((ring) => ring.lines);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    // Once each, then once per line dropped and once to stop: trimming the largest to the
    // runner-up and scanning them all again read about 200 sizes per line dropped (200,000 here).
    const dropped = 200 * 50 + 1 - sizes.reduce((total, size) => total + size, 0);
    const reads = rings.reduce((total, ring) => total + ring.reads, 0);
    expect(reads).toBeLessThanOrEqual(2 * 200 + dropped);
  });
});

describe('levelFreeing', () => {
  it.each<[number[], number, number]>([
    [[10, 10, 10], 3, 9],
    [[30, 10, 5], 10, 20],
    [[30, 10, 5], 25, 7.5],
    [[30, 10, 5], 45, 0],
    [[30, 10, 5], 60, 0],
    [[], 5, 0],
  ])('sizes %j, excess %d: level %d', (sizes, excess, level) => {
    expect(levelFreeing(sizes, excess)).toBe(level);
  });
});
