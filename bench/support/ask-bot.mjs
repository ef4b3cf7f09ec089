// @ts-check
/**
 * Benchmark bot: asks BENCH_ASK_COUNT questions in a row with the SDK's ask(), each stamped with
 * the moment it was sent (epoch ms, sub-millisecond), and waits for each answer. Against RPA
 * Supervisor the question goes through the broker to the page's state; against the bench's bare
 * server (the baseline) the same POST is answered at once.
 */
import process from 'node:process';
import { performance } from 'node:perf_hooks';
import { ask } from '../../bots/sdk/index.mjs';

const count = Number(process.env.BENCH_ASK_COUNT) || 1;
for (let i = 0; i < count; i += 1) {
  const sentAt = performance.timeOrigin + performance.now();
  await ask({ question: `Benchmark question ${i} sentAt=${sentAt.toFixed(3)}`, choices: ['Continue'], timeoutMs: 60_000 });
}
console.log(`BENCH_ASK done=${count}`);
