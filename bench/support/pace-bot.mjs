// @ts-check
/**
 * Benchmark bot: prints one short log line every BENCH_PACE_MS (10 ms) until it is stopped,
 * its stdin closes, or BENCH_PACE_MAX_MS passes (a safety net). A steady, modest talker: many
 * of them at once test the core's per-line overhead, not its throughput.
 */
import process from 'node:process';

const paceMs = Number(process.env.BENCH_PACE_MS ?? 10);
const maxMs = Number(process.env.BENCH_PACE_MAX_MS ?? 60_000);
let n = 0;
const timer = setInterval(() => {
  n += 1;
  process.stdout.write(`${new Date().toISOString()} INFO item ${n} checked for practice P-${String(n % 97).padStart(4, '0')}\n`);
}, paceMs);
const stop = () => {
  clearInterval(timer);
  process.exit(0);
};
setTimeout(stop, maxMs).unref();
process.stdin.on('end', stop);
process.stdin.on('error', stop);
process.stdin.resume();
