/** What the budget needs of a ring: its size and a way to give memory back. */
export interface BudgetedRing {
  /** Estimated memory held, in the budget's units. */
  readonly budgetUnits: number;
  /** Drops the oldest line (never the last one); returns false when there is nothing to drop. */
  dropOldestForBudget(): boolean;
}

/** Estimated cost of one held line beyond its text: the LogLine object, its fields, the slot. */
export const perLineOverheadUnits = 64;

/**
 * One memory budget shared by the in-memory rings of all runs, so fifty flooding bots cannot hold
 * fifty full rings. Each ring still has its own line and character limits; on top of that, when
 * the total passes `maxUnits` (characters of text plus a per-line overhead, about bytes for ASCII),
 * the oldest lines of the largest rings go first, down to 90 % of the budget so eviction runs in
 * batches rather than on every line. Evicted lines remain in the run's log file.
 */
export class LogMemoryBudget {
  readonly maxUnits: number;
  readonly #rings = new Set<BudgetedRing>();
  #used = 0;
  #evicting = false;

  constructor(maxUnits: number) {
    this.maxUnits = Math.max(1, maxUnits);
  }

  get usedUnits(): number {
    return this.#used;
  }

  add(ring: BudgetedRing): void {
    this.#rings.add(ring);
  }

  /** The ring is no longer held by anyone: its lines stop counting. */
  remove(ring: BudgetedRing): void {
    if (this.#rings.delete(ring)) this.#used -= ring.budgetUnits;
  }

  charge(units: number): void {
    this.#used += units;
    if (this.#used > this.maxUnits && !this.#evicting) this.#evict();
  }

  release(units: number): void {
    this.#used -= units;
  }

  #evict(): void {
    this.#evicting = true;
    try {
      const target = this.maxUnits * 0.9;
      while (this.#used > target) {
        const [largest, runnerUp] = this.#twoLargest();
        if (!largest) return;
        // Trim the largest ring down to the runner-up before looking again: one scan per batch.
        const floor = Math.max(runnerUp?.budgetUnits ?? 0, largest.budgetUnits - (this.#used - target));
        let dropped = false;
        while (this.#used > target && largest.budgetUnits > floor && largest.dropOldestForBudget()) dropped = true;
        if (!dropped && !largest.dropOldestForBudget()) return;
      }
    } finally {
      this.#evicting = false;
    }
  }

  #twoLargest(): [BudgetedRing | undefined, BudgetedRing | undefined] {
    let first: BudgetedRing | undefined;
    let second: BudgetedRing | undefined;
    for (const ring of this.#rings) {
      if (!first || ring.budgetUnits > first.budgetUnits) {
        second = first;
        first = ring;
      } else if (!second || ring.budgetUnits > second.budgetUnits) {
        second = ring;
      }
    }
    return [first, second];
  }
}
