// @ts-check
/**
 * An e2e test bot for the run log: a tqdm-like progress bar redrawn with carriage returns every
 * 100 ms for about fourteen seconds, never ending its line until it is done, then one long line
 * (a summary with no spaces to break at) and a last line.
 */
import process from 'node:process';
import { setTimeout as delay } from 'node:timers/promises';

process.stdout.write('Connecting to the claims portal\n');
const total = 140;
for (let done = 0; done <= total; done += 1) {
  process.stdout.write(`\rUploading claims ${done}/${total}`);
  if (done < total) await delay(100);
}
process.stdout.write('\n');
process.stdout.write(`Summary:${'claim-accepted;'.repeat(120)}end\n`);
process.stdout.write('Finished the upload\n');
