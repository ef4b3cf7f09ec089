/**
 * Re-evaluates `check` every `intervalMs` until it returns a value other than undefined, or
 * rejects after `timeoutMs`. For conditions that raise no event (a process's output so far).
 */
export async function pollUntil<T>(check: () => Promise<T | undefined> | T | undefined, what: string, timeoutMs: number, intervalMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
