// @ts-check
/**
 * An e2e test bot for the run log: writes the awkward output real bots produce, then fails with
 * exit code 2 and a last stderr line without a trailing newline.
 */
import { once } from 'node:events';
import process from 'node:process';

/** @param {NodeJS.WriteStream} stream @param {string | Uint8Array} data */
async function write(stream, data) {
  if (!stream.write(data)) await once(stream, 'drain');
}

await write(process.stdout, '\u001b[32mPASS\u001b[0m step 1 \u001b[1;31mred bold\u001b[0m\n');
// A short progress bar, then a long one (a tqdm-like redraw of a whole line, many times).
await write(process.stdout, 'Downloading 0%\rDownloading 50%\rDownloading 100%\n');
let bar = '';
for (let percent = 0; percent <= 100; percent += 1) bar += `\rUploading claims |${'#'.repeat(Math.floor(percent / 2)).padEnd(50, '.')}| ${percent}% (${percent * 12}/1200)`;
await write(process.stdout, `${bar}\n`);
await write(process.stdout, Buffer.from([0x62, 0x61, 0x64, 0x20, 0xff, 0xfe, 0x20, 0x62, 0x79, 0x74, 0x65, 0x73, 0x0a]));
await write(process.stdout, `long ${'x'.repeat(300_000)} end\n`);
await write(process.stdout, 'Patient 943 476 5919 checked\n');
await write(process.stderr, 'Error: Healthcode refused the claim batch (HTTP 409)\n    at submit (claims.mjs:12:3)\n');
await write(process.stderr, 'Giving up after 3 attempts');
process.exitCode = 2;
