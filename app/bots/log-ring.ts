import type { LogLine } from '../common/contract.js';
import { perLineOverheadUnits, type BudgetedRing, type LogMemoryBudget } from './log-memory-budget.js';

export interface LogRingPage {
  lines: LogLine[];
  nextSeq: number | null;
  firstSeq: number;
}

/**
 * The in-memory tail of one run's log, bounded by line count *and* by characters: 10,000 lines of
 * 8 KiB each would be 80 MB, which is not what "bounded" should mean for a desktop app.
 */
export class LogRing implements BudgetedRing {
  readonly #maxLines: number;
  readonly #maxChars: number;
  readonly #slots: (LogLine | undefined)[];
  #head = 0;
  #count = 0;
  #chars = 0;
  #nextSeq = 0;
  readonly #budget: LogMemoryBudget | undefined;

  /** `budget`, when given, is shared with other runs' rings and may take this ring's oldest lines. */
  constructor(options: { maxLines: number; maxChars: number; budget?: LogMemoryBudget | undefined }) {
    this.#maxLines = Math.max(1, options.maxLines);
    this.#maxChars = Math.max(1, options.maxChars);
    // Grows as lines arrive: most runs never fill their ring, and a preallocated one costs memory.
    this.#slots = [];
    this.#budget = options.budget;
    this.#budget?.add(this);
  }

  get budgetUnits(): number {
    return this.#chars + this.#count * perLineOverheadUnits;
  }

  dropOldestForBudget(): boolean {
    if (this.#count <= 1) return false;
    this.#dropOldest();
    return true;
  }

  /** Stops counting against the shared budget (the ring is being discarded). */
  release(): void {
    this.#budget?.remove(this);
  }

  /** The oldest sequence number still held; equals `nextSeq` when the ring is empty. */
  get firstSeq(): number {
    return this.#count === 0 ? this.#nextSeq : (this.#at(0)?.seq ?? this.#nextSeq);
  }

  /** The sequence number the next line will get. */
  get nextSeq(): number {
    return this.#nextSeq;
  }

  get size(): number {
    return this.#count;
  }

  push(line: LogLine): void {
    while (this.#count > 0 && (this.#count >= this.#maxLines || this.#chars + line.text.length > this.#maxChars)) {
      this.#dropOldest();
    }
    this.#slots[(this.#head + this.#count) % this.#maxLines] = line;
    this.#count += 1;
    this.#chars += line.text.length;
    this.#nextSeq = line.seq + 1;
    this.#budget?.charge(line.text.length + perLineOverheadUnits);
  }

  /**
   * Lines from `fromSeq` onwards (clamped to what is still held), at most `limit`. Without
   * `fromSeq` it returns the newest `limit` lines, which is what a log view opens on.
   */
  page(fromSeq: number | undefined, limit: number): LogRingPage {
    const firstSeq = this.firstSeq;
    const start = fromSeq === undefined ? Math.max(firstSeq, this.#nextSeq - limit) : Math.max(firstSeq, fromSeq);
    const lines: LogLine[] = [];
    for (let seq = start; seq < this.#nextSeq && lines.length < limit; seq += 1) {
      const line = this.#at(seq - firstSeq);
      if (line) lines.push(line);
    }
    const after = start + lines.length;
    return { lines, nextSeq: after < this.#nextSeq ? after : null, firstSeq };
  }

  tail(count: number): LogLine[] {
    return this.page(undefined, count).lines;
  }

  #at(offset: number): LogLine | undefined {
    if (offset < 0 || offset >= this.#count) return undefined;
    return this.#slots[(this.#head + offset) % this.#maxLines];
  }

  #dropOldest(): void {
    const oldest = this.#slots[this.#head];
    this.#slots[this.#head] = undefined;
    this.#head = (this.#head + 1) % this.#maxLines;
    this.#count -= 1;
    const chars = oldest?.text.length ?? 0;
    this.#chars -= chars;
    this.#budget?.release(chars + perLineOverheadUnits);
  }
}
