import type { Page } from 'playwright-core';

// Plain strings, not functions: tsx (esbuild keepNames) would wrap inner functions in a `__name`
// helper that does not exist in the page.
const startProbe = `(() => {
  const probe = { deltas: [], last: 0, running: true };
  window.__benchFrames = probe;
  const tick = (at) => {
    if (probe.last > 0) probe.deltas.push(at - probe.last);
    probe.last = at;
    if (probe.running) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})()`;

const stopProbe = `(() => {
  const probe = window.__benchFrames;
  if (!probe) return [];
  probe.running = false;
  return probe.deltas;
})()`;

/**
 * Starts recording the time between consecutive animation frames in the page: the frame time
 * the user sees. A frame that takes longer than the display interval shows up as a longer delta.
 */
export async function startFrameProbe(page: Page): Promise<void> {
  await page.evaluate(startProbe);
}

/** Stops the probe and returns the frame deltas in ms. */
export async function stopFrameProbe(page: Page): Promise<number[]> {
  return (await page.evaluate(stopProbe)) as number[];
}
