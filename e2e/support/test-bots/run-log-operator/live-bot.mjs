// @ts-check
/** An e2e test bot: 3,000 lines at once, then a line every 100 ms until stopped. */
import process from 'node:process';
import { setTimeout as delay } from 'node:timers/promises';

let out = '';
for (let n = 1; n <= 3000; n += 1) out += `tick ${n}${n % 500 === 0 ? ' checkpoint' : ''}\n`;
process.stdout.write(out);
for (let n = 3001; ; n += 1) {
  await delay(100);
  process.stdout.write(`tick ${n}${n % 50 === 0 ? ' checkpoint' : ''}\n`);
}
