import { vi } from 'vitest';

/** Waits until `check` gives a value (vitest's own polling of a condition), then returns it. */
export function until<T>(check: () => Promise<T | undefined> | T | undefined, timeoutMs = 15_000): Promise<T> {
  return vi.waitFor(
    async () => {
      const value = await check();
      if (value === undefined) throw new Error('condition not met in time');
      return value;
    },
    { timeout: timeoutMs, interval: 20 },
  );
}
