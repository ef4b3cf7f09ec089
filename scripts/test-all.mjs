// `npm test`: typecheck, lint, build, unit + integration (vitest), then e2e (Playwright).
// Every step runs even when an earlier one fails, so one run shows everything that is wrong.
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { summarize } from './summarize-reports.mjs';

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
// The checks that read the sources side by side: each is one single-threaded process, so on a
// two-core machine two at once take about half the time. Their output is shown when each ends.
const checks = [
  ['typecheck', ['tsc', '-p', 'tsconfig.node.json', '--noEmit']],
  ['lint', ['eslint', '.']],
  ['typecheck (renderer)', ['tsc', '-p', 'tsconfig.web.json', '--noEmit']],
  ['typecheck (e2e)', ['tsc', '-p', 'tsconfig.e2e.json', '--noEmit']],
];
const steps = [
  ['build', ['electron-vite', 'build']],
  ['vitest', ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile.json=reports/vitest.json']],
  ['playwright', ['playwright', 'test']],
];
const env = { ...process.env, FORCE_COLOR: '0' };
const failedSteps = [];

function seconds(startedAt) {
  return `${Math.round((Date.now() - startedAt) / 1000)} s`;
}

/** Runs one step; `buffered` holds its output back and prints it whole when it ends. */
function run([name, args], buffered) {
  return new Promise((resolve) => {
    const startedAt = Date.now();
    if (!buffered) console.log(`\n=== ${name}: ${npx} ${args.join(' ')}`);
    const child = spawn(npx, args, { stdio: buffered ? ['ignore', 'pipe', 'pipe'] : 'inherit', env });
    const output = [];
    child.stdout?.on('data', (chunk) => output.push(chunk));
    child.stderr?.on('data', (chunk) => output.push(chunk));
    child.on('error', (error) => output.push(Buffer.from(`${error.message}\n`)));
    child.on('close', (status) => {
      if (buffered) {
        console.log(`\n=== ${name}: ${npx} ${args.join(' ')}`);
        process.stdout.write(Buffer.concat(output));
      }
      console.log(`=== ${name}: ${status === 0 ? 'passed' : 'FAILED'} in ${seconds(startedAt)}`);
      if (status !== 0) failedSteps.push(name);
      resolve();
    });
  });
}

async function runChecks() {
  const queue = [...checks];
  const lanes = Math.max(1, Math.min(2, availableParallelism()));
  await Promise.all(Array.from({ length: lanes }, async () => {
    for (let check = queue.shift(); check; check = queue.shift()) await run(check, true);
  }));
}

const startedAt = Date.now();
rmSync('reports', { recursive: true, force: true });
mkdirSync('reports', { recursive: true });
await runChecks();
for (const step of steps) await run(step, false);
const { passed, failed, skipped, missing } = summarize('reports');
console.log(`\nnpm test took ${seconds(startedAt)}`);
if (failedSteps.length > 0) console.log(`failed steps: ${failedSteps.join(', ')}`);
if (missing.length > 0) console.log(`missing reports: ${missing.join(', ')}`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failedSteps.length > 0 || failed > 0 ? 1 : 0);
