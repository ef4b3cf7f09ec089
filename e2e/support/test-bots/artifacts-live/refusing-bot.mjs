// @ts-check
/**
 * An e2e test bot for the run detail's live "not kept" list: it tries to attach a screenshot
 * (refused while screenshots are off) each time the test drops a file named `attach-<n>` into
 * TRIGGER_DIR, so each refusal comes while the run is running, then prints WORK_LINES ordinary
 * lines, and runs until it is stopped.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';
import { setTimeout as delay } from 'node:timers/promises';
import { attach } from '../../../../bots/sdk/index.mjs';

const triggerDir = process.env.TRIGGER_DIR ?? '';
const shots = Number(process.env.SHOTS ?? 2);
const workLines = Number(process.env.WORK_LINES ?? 0);
const png = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]);

for (let shot = 1; shot <= shots; shot += 1) {
  console.log(`waiting to attach shot ${shot}`);
  while (!existsSync(join(triggerDir, `attach-${shot}`))) await delay(50);
  try {
    await attach(`shot ${shot}.png`, png, { kind: 'screenshot' });
    console.log(`shot ${shot} attached`);
  } catch (error) {
    console.log(`shot ${shot} refused: ${/** @type {{ code?: string }} */ (error).code}`);
  }
}
for (let line = 1; line <= workLines; line += 1) {
  console.log(`working ${line} of ${workLines}`);
  await delay(20);
}
console.log('all done; running until stopped');
setInterval(() => undefined, 60_000);
