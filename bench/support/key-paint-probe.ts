import type { Page } from 'playwright-core';
import { pageUntil } from './page-until.js';

/** Event Timing's smallest threshold: a key shown within a frame is never reported, and counts as this. */
export const keyPaintFloorMs = 16;

/**
 * Pressed after each measured key. Its keydown is held past the threshold, so its entry is always
 * reported; entries arrive in the order of their events, so once the witness's has arrived, the
 * measured key's has too, or never will (it was shown within a frame).
 */
const witnessKey = 'Shift';
const stepTimeoutMs = 60_000;

// Plain strings, not functions: tsx (esbuild keepNames) would wrap inner functions in a `__name`
// helper that does not exist in the page.
const installProbe = `(() => {
  if (window.__benchKeyPaint) return;
  const probe = { keydowns: [], entries: [] };
  window.__benchKeyPaint = probe;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (entry.name === 'keydown') probe.entries.push({ startTime: entry.startTime, duration: entry.duration });
  }).observe({ type: 'event', durationThreshold: ${keyPaintFloorMs} });
  addEventListener('keydown', (event) => {
    probe.keydowns.push({ key: event.key, at: event.timeStamp });
    if (event.key !== ${JSON.stringify(witnessKey)}) return;
    const until = performance.now() + ${keyPaintFloorMs + 8};
    while (performance.now() < until);
  }, true);
})()`;

const keydownCount = '(() => window.__benchKeyPaint.keydowns.length)()';

/** The witness's entry has arrived; then the measured key's duration, or null when it was not reported. */
const readKeyPaint = (index: number) => `(() => {
  const probe = window.__benchKeyPaint;
  const pressed = probe.keydowns[${index}];
  const witness = probe.keydowns[${index + 1}];
  const entryOf = (keydown) => probe.entries.find((entry) => Math.abs(entry.startTime - keydown.at) < 0.5);
  if (!pressed || !witness || !entryOf(witness)) return false;
  return { pressed: pressed.key, witness: witness.key, durationMs: entryOf(pressed)?.duration ?? null };
})()`;

/**
 * Starts watching the page's key presses with Event Timing (`event` entries for keydown): from
 * the key press to the next paint after its handlers ran, which is the paint that shows the key.
 */
export async function installKeyPaintProbe(page: Page): Promise<void> {
  await page.evaluate(installProbe);
}

/**
 * Presses `key` in the focused field, waits for `shown` (the page's answer to it, so no work of
 * this key spills into the next one's measurement), and returns its key press to paint in ms.
 */
export async function keyPaintMs(page: Page, key: string, shown: () => Promise<void>): Promise<number> {
  const index = (await page.evaluate(keydownCount)) as number;
  await page.keyboard.press(key);
  await shown();
  await page.keyboard.press(witnessKey);
  const result = await pageUntil<{ pressed: string; witness: string; durationMs: number | null }>(page, readKeyPaint(index), `the Event Timing entry of the ${witnessKey} pressed after "${key}"`, stepTimeoutMs);
  if (result.pressed !== key || result.witness !== witnessKey) {
    throw new Error(`the key paint probe saw "${result.pressed}" then "${result.witness}", not "${key}" then "${witnessKey}": another key press reached the page`);
  }
  return result.durationMs ?? keyPaintFloorMs;
}
