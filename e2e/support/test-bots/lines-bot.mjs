// @ts-check
/**
 * Prints LINES_TOTAL numbered lines ("line 1 of 100000" …), every thousandth on stderr and the
 * last one on stdout, at about 20,000 lines a second (within what the supervisor's live log
 * batches carry), then exits 0. The pace keeps the test about the view, not about the core
 * skipping a flood's oldest pending lines.
 */
import { once } from 'node:events';
import process from 'node:process';
import { setTimeout as delay } from 'node:timers/promises';

const total = Number(process.env.LINES_TOTAL ?? 100_000);
const chunk = 500;

for (let first = 1; first <= total; first += chunk) {
  let out = '';
  let err = '';
  for (let n = first; n < first + chunk && n <= total; n += 1) {
    if (n % 1000 === 0 && n !== total) err += `line ${n} of ${total} (stderr)\n`;
    else out += `line ${n} of ${total}\n`;
  }
  if (!process.stdout.write(out)) await once(process.stdout, 'drain');
  if (err !== '' && !process.stderr.write(err)) await once(process.stderr, 'drain');
  await delay(25);
}
