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
      // Largest first, each trimmed to one common level: with two hundred rings of about the same
      // size, trimming the largest to the runner-up and looking again would scan them all per line.
      const rings = [...this.#rings].map((ring) => ({ ring, units: ring.budgetUnits })).sort((a, b) => b.units - a.units);
      const level = levelFreeing(rings.map(({ units }) => units), this.#used - target);
      for (const { ring, units } of rings) {
        if (units <= level || this.#used <= target) break;
        // A ring down to its last line gives no more; the rest wait for their runs to end.
        while (ring.budgetUnits > level && this.#used > target && ring.dropOldestForBudget());
      }
    } finally {
      this.#evicting = false;
    }
  }
}

/**
 * The level L for sizes sorted largest first: cutting every size above L down to L frees at
 * least `excess` (water-filling from the top). 0 when even that would not free enough.
 */
export function levelFreeing(sizes: readonly number[], excess: number): number {
  let sum = 0;
  for (let k = 0; k < sizes.length; k += 1) {
    sum += sizes[k] ?? 0;
    const next = sizes[k + 1] ?? 0;
    if (sum - (k + 1) * next >= excess) return Math.max(next, (sum - excess) / (k + 1));
  }
  return 0;
}
