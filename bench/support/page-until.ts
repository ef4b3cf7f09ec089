import type { Page } from 'playwright-core';

const defaultTimeoutMs = 60_000;

/**
 * Resolves with the value of `expression` (JavaScript, evaluated in the page) once it is truthy,
 * checking on every frame. Playwright's waitForFunction would compile the expression inside the
 * page, which the app's Content-Security-Policy forbids; an evaluated script is exempt from it.
 */
export async function pageUntil<T>(page: Page, expression: string, what: string, timeoutMs = defaultTimeoutMs): Promise<T> {
  const script = `new Promise((resolve, reject) => {
    const deadline = performance.now() + ${timeoutMs};
    const check = () => {
      const value = (${expression});
      if (value) return resolve(value);
      if (performance.now() > deadline) return reject(new Error('still not so'));
      requestAnimationFrame(check);
    };
    check();
  })`;
  try {
    return (await page.evaluate(script)) as T;
  } catch (error) {
    throw new Error(`${what}: not so within ${timeoutMs} ms (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`);
  }
}
