// `npm test`: typecheck, lint, build, unit + integration (vitest), then e2e (Playwright).
// Every step runs even when an earlier one fails, so one run shows everything that is wrong.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { summarize } from './summarize-reports.mjs';

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const steps = [
  ['typecheck', npx, ['tsc', '-p', 'tsconfig.node.json', '--noEmit']],
  ['typecheck (renderer)', npx, ['tsc', '-p', 'tsconfig.web.json', '--noEmit']],
  ['typecheck (e2e)', npx, ['tsc', '-p', 'tsconfig.e2e.json', '--noEmit']],
  ['lint', npx, ['eslint', '.']],
  ['build', npx, ['electron-vite', 'build']],
  ['vitest', npx, ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile.json=reports/vitest.json']],
  ['playwright', npx, ['playwright', 'test']],
];

rmSync('reports', { recursive: true, force: true });
mkdirSync('reports', { recursive: true });
const failedSteps = [];
for (const [name, command, args] of steps) {
  console.log(`\n=== ${name}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } });
  if (result.status !== 0) failedSteps.push(name);
}
const { passed, failed, skipped, missing } = summarize('reports');
if (failedSteps.length > 0) console.log(`failed steps: ${failedSteps.join(', ')}`);
if (missing.length > 0) console.log(`missing reports: ${missing.join(', ')}`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failedSteps.length > 0 || failed > 0 ? 1 : 0);
