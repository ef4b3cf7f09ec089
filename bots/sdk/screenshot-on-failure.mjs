// @ts-check
/**
 * For Playwright bots: runs a step and, if it throws, attaches a screenshot of the page before
 * rethrowing, so the run detail shows what the bot saw. Screenshots are off unless the profile or
 * the machine policy allows them (they may show patient data): then the step's error is rethrown
 * alone, and one line says the screenshot was not kept. Its lines go to the bot's output, not its
 * error output: what the run says went wrong must stay the step's own error.
 */
import { attach } from './attach.mjs';

/**
 * @template T
 * @param {{ screenshot(options?: { fullPage?: boolean }): Promise<Uint8Array> }} page  A Playwright page.
 * @param {() => Promise<T>} step
 * @param {{ name?: string; fullPage?: boolean }} [options]
 * @returns {Promise<T>}
 */
export async function withScreenshotOnFailure(page, step, options = {}) {
  try {
    return await step();
  } catch (error) {
    try {
      const image = await page.screenshot({ fullPage: options.fullPage ?? false });
      await attach(options.name ?? `failure-${Date.now()}.png`, image, { kind: 'screenshot' });
      console.log('A screenshot of the failure was attached to the run.');
    } catch (screenshotError) {
      const code = /** @type {{ code?: string }} */ (screenshotError).code;
      console.log(code === 'screenshots_not_allowed' ? 'No screenshot was kept: screenshots are turned off for this profile.' : `No screenshot was kept (${code ?? 'error'}).`);
    }
    throw error;
  }
}
