/**
 * Checks `condition` until it holds, or fails naming `what` after `timeoutMs`: for a state that
 * only polling can see (a port starting to listen, a line reaching a file), never as a fixed wait.
 */
export async function pollUntil(condition: () => Promise<boolean> | boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, pollIntervalMs));
  }
}

const pollIntervalMs = 25;
