// @ts-check
/**
 * Benchmark bot: writes log lines as fast as it can until it is stopped (or BENCH_FLOOD_MAX_MS
 * passes, a safety net). Lines are built once and written in ~24 KB blocks, so the bot spends its
 * CPU on writing, and the supervisor's capture, not the bot, is what the benchmark measures.
 * stdout to a pipe is synchronous on Linux: when the reader falls behind, the bot blocks.
 */
import process from 'node:process';

const maxMs = Number(process.env.BENCH_FLOOD_MAX_MS ?? 60_000);
const lines = [];
for (let i = 0; i < 256; i += 1) {
  const at = new Date(Date.UTC(2025, 0, 6, 9, 0, i % 60, i)).toISOString();
  lines.push(`${at} INFO claim ${100_000 + i} submitted for practice P-${String(i % 97).padStart(4, '0')}: 3 items, ${i % 50} ms\n`);
}
const block = Buffer.from(lines.join(''));
const stopAt = Date.now() + maxMs;
while (Date.now() < stopAt) {
  if (!process.stdout.write(block)) await new Promise((resolve) => process.stdout.once('drain', resolve));
}
