/**
 * Sealing and writing a lease takes a while (key agreement, a Redis round trip). A run's lease
 * withdrawn meanwhile (revoked at sign-out, suspended while the supervisor is away, the run ended)
 * must not come back when that write lands: each lease being sealed asks here, before and after
 * its write, whether its run was withdrawn since it began. Counts are kept only while a lease is
 * being sealed, so nothing grows over a long day.
 */
export class LeaseWithdrawals {
  readonly #counts = new Map<string, number>();
  #sealing = 0;

  /** A lease for `runId` starts being sealed; `withdrawn()` says whether its run's lease was withdrawn since; `end()` exactly once when done. */
  begin(runId: string): { withdrawn: () => boolean; end: () => void } {
    this.#sealing += 1;
    const at = this.#counts.get(runId) ?? 0;
    return {
      withdrawn: () => (this.#counts.get(runId) ?? 0) !== at,
      end: () => {
        if ((this.#sealing -= 1) === 0) this.#counts.clear();
      },
    };
  }

  withdraw(runId: string): void {
    if (this.#sealing > 0) this.#counts.set(runId, (this.#counts.get(runId) ?? 0) + 1);
  }
}

/** Runs `work` for one key after the work already queued for that key, one at a time per key. */
export function oneAtATimePerKey(): (key: string, work: () => Promise<void>) => void {
  const tails = new Map<string, Promise<void>>();
  return (key, work) => {
    const next = (tails.get(key) ?? Promise.resolve()).then(work).catch(() => undefined);
    tails.set(key, next);
    void next.then(() => tails.get(key) === next && tails.delete(key));
  };
}
