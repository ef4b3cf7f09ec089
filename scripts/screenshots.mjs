// `npm run screenshots`: rebuilds the renderer and regenerates docs/screenshots/*.png from an e2e
// run against the Local sandbox (e2e/screenshots*.spec.ts, tagged @screenshots), then checks that
// each picture stays small enough to commit (under 300 KB). `npm run screenshots -- <spec>…` makes
// only those specs' pictures.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const outDir = join('docs', 'screenshots');
const maxBytes = 300 * 1024;

function run(args, env = {}) {
  const result = spawnSync(npx, args, { stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0', ...env } });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

run(['electron-vite', 'build']);
const specs = process.argv.length > 2 ? process.argv.slice(2) : ['e2e/screenshots'];
run(['playwright', 'test', ...specs, '--project=browser-host', '--grep', '@screenshots', '--workers=1'], { RPA_SCREENSHOTS: '1' });

let tooBig = false;
for (const name of readdirSync(outDir).filter((file) => file.endsWith('.png')).sort()) {
  const bytes = statSync(join(outDir, name)).size;
  const kib = Math.round(bytes / 1024);
  console.log(`${join(outDir, name)}  ${kib} KiB${bytes > maxBytes ? '  (over 300 KB)' : ''}`);
  if (bytes > maxBytes) tooBig = true;
}
process.exit(tooBig ? 1 : 0);
