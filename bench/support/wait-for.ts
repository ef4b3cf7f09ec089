/**
 * Resolves with the first value `subscribe` delivers that satisfies `predicate`, or rejects after
 * `timeoutMs`. Subscribing happens synchronously, so call it *before* the action that causes the
 * event, and no event can slip past.
 */
export function waitFor<T>(
  subscribe: (listener: (value: T) => void) => { dispose(): void },
  predicate: (value: T) => boolean,
  timeoutMs: number,
  what: string,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`${what} did not happen within ${timeoutMs} ms`));
    }, timeoutMs);
    const subscription = subscribe((value) => {
      if (!predicate(value)) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve(value);
    });
  });
}
