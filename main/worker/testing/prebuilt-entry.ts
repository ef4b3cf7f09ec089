import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { buildSync } from 'esbuild';
import { repoRoot } from '../../../app/fleet/testing/worker-process.js';

const built = new Map<string, string>();

/**
 * The file `node` runs for `entry` (a .ts path from the repository root): its source compiled by
 * esbuild, the compiler tsx itself uses, into one ES module whose packages load from node_modules
 * as under tsx. A test that starts the worker program a dozen times then compiles it once instead
 * of in every process (tsx's loader is about half of each start's CPU). Named by its content under
 * node_modules/.cache, so test processes running side by side share it and an edit builds anew.
 */
export function prebuiltEntry(entry: string): string {
  const known = built.get(entry);
  if (known !== undefined) return known;
  const result = buildSync({ entryPoints: [join(repoRoot, entry)], bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', write: false, outfile: 'entry.mjs', logLevel: 'error' });
  const code = result.outputFiles[0]?.contents;
  if (code === undefined) throw new Error(`esbuild wrote nothing for ${entry}`);
  // Under the repository: the module's packages resolve from its node_modules.
  const dir = join(repoRoot, 'node_modules', '.cache', 'rpa-prebuilt-entries');
  const file = join(dir, `${basename(entry, '.ts')}-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.mjs`);
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    // Written whole, then renamed: another test process never runs half a file.
    const partial = `${file}.${String(process.pid)}.partial`;
    writeFileSync(partial, code);
    renameSync(partial, file);
  }
  built.set(entry, file);
  return file;
}
