// @ts-check
/**
 * An e2e test bot for the run detail's live "not kept" list: it tries to attach a screenshot
 * (refused while screenshots are off) each time the test drops a file named `attach-<n>` into
 * TRIGGER_DIR, so each refusal comes while the run is running, then attaches the text file
 * KEEP_NOTE names (kept), prints WORK_LINES ordinary lines, and runs until it is stopped. With
 * KEEP_MORE=n it then keeps n - 1 more text files at the test's `keep-more` file and the last one at
 * its `keep-last` file, saying nothing of them itself.
 */
import { existsSync, watch } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';
import { setTimeout as delay } from 'node:timers/promises';
import { attach } from '../../../../bots/sdk/index.mjs';

const triggerDir = process.env.TRIGGER_DIR ?? '';
const shots = Number(process.env.SHOTS ?? 2);
const workLines = Number(process.env.WORK_LINES ?? 0);
const png = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]);

/** Resolves once `name` exists in TRIGGER_DIR: watched first, then looked for, so a file made in between is not missed. */
function triggered(name) {
  return new Promise((resolve) => {
    const watcher = watch(triggerDir, () => {
      if (!existsSync(join(triggerDir, name))) return;
      watcher.close();
      resolve(undefined);
    });
    if (existsSync(join(triggerDir, name))) {
      watcher.close();
      resolve(undefined);
    }
  });
}

for (let shot = 1; shot <= shots; shot += 1) {
  console.log(`waiting to attach shot ${shot}`);
  await triggered(`attach-${shot}`);
  try {
    await attach(`shot ${shot}.png`, png, { kind: 'screenshot' });
    console.log(`shot ${shot} attached`);
  } catch (error) {
    console.log(`shot ${shot} refused: ${/** @type {{ code?: string }} */ (error).code}`);
  }
}
// A file kept while the run runs (text files are kept with screenshots off), when KEEP_NOTE names it.
if (process.env.KEEP_NOTE) {
  await attach(process.env.KEEP_NOTE, 'made while the run ran\n');
  console.log('note kept');
}
for (let line = 1; line <= workLines; line += 1) {
  console.log(`working ${line} of ${workLines}`);
  // The bot's pace, not a wait for anything: its lines reach the page over many state updates.
  await delay(20);
}
console.log('all done; running until stopped');
setInterval(() => undefined, 60_000);
const keepMore = Number(process.env.KEEP_MORE ?? 0);
if (keepMore > 0) {
  await triggered('keep-more');
  for (let file = 1; file < keepMore; file += 1) await attach(`more-${file}.txt`, `file ${file}\n`);
  console.log(`kept ${keepMore - 1} more`);
  await triggered('keep-last');
  await attach(`more-${keepMore}.txt`, `file ${keepMore}\n`);
  console.log('kept the last one');
}
