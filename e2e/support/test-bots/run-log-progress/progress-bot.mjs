// @ts-check
/**
 * An e2e test bot for the run log: a tqdm-like progress bar redrawn with carriage returns every
 * 100 ms, never ending its line until it is done, then one long line (a summary with no spaces to
 * break at) and a last line. It keeps redrawing until the test makes DONE_FILE (once it has seen
 * the bar in the log while the run runs), so the bar lasts as long as the test needs to look,
 * however busy the machine; a minute at most, should the test never say so.
 */
import { existsSync } from 'node:fs';
import process from 'node:process';
import { setTimeout as delay } from 'node:timers/promises';

const doneFile = process.env.DONE_FILE ?? '';
const total = 140;
const giveUpAt = Date.now() + 60_000;

process.stdout.write('Connecting to the claims portal\n');
// The bar moves to its last step but one and stays there, redrawn, until the upload is done. It
// looks for DONE_FILE as it redraws, which it does every 100 ms anyway.
for (let done = 0; !existsSync(doneFile) && Date.now() < giveUpAt; done = Math.min(done + 1, total - 1)) {
  process.stdout.write(`\rUploading claims ${done}/${total}`);
  await delay(100);
}
process.stdout.write(`\rUploading claims ${total}/${total}\n`);
process.stdout.write(`Summary:${'claim-accepted;'.repeat(120)}end\n`);
process.stdout.write('Finished the upload\n');
