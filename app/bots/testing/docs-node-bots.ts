import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { codeBlockAfter } from '../../test-support/markdown-code-block.js';
import { botsDoc } from './docs-example-bots.js';

/**
 * Node bots written the way a stranger writes them from docs/bots.md: the page's js blocks copied
 * verbatim into `<bots folder>/<id>/<id>.mjs` beside the SDK (`../sdk/index.mjs`, as the examples
 * import it), registered with the manifest of section 2.
 */
const repoSdk = fileURLToPath(new URL('../../../bots/sdk', import.meta.url));

/** The section 2 manifest, verbatim. */
export const manifestExample = codeBlockAfter(botsDoc, '## 2. Register a bot: the manifest', 'json');

/** A temporary bots folder whose `sdk` is the repository's SDK, as in the shipped bots folder. */
export async function nodeBotsFolder(prefix: string): Promise<string> {
  const botsDir = await mkdtemp(join(tmpdir(), prefix));
  await symlink(repoSdk, join(botsDir, 'sdk'), 'dir');
  return botsDir;
}

/**
 * A fragment made into a bot: `before` supplies what the fragment takes as given (a `page`, the
 * `items`), `after` uses what it made. Each part is marked, so a failing test shows which is whose.
 */
export function wrapFragment(parts: { before?: string; example: string; after?: string }): string {
  return [
    '// --- test wrapper: what the example takes as given ---',
    parts.before ?? '',
    '// --- docs/bots.md, verbatim ---',
    parts.example,
    '// --- test wrapper: after the example ---',
    parts.after ?? '',
  ].join('\n');
}

/**
 * Writes `<id>/<id>.mjs` and `<id>.bot.json`: the section 2 manifest with this bot's id, name and
 * script, plus `extra` fields and `env`.
 */
export async function writeNodeBot(botsDir: string, options: { id: string; source: string; env?: Record<string, string>; extra?: Record<string, unknown> }): Promise<void> {
  const manifest = JSON.parse(manifestExample) as { env: Record<string, string> };
  await mkdir(join(botsDir, options.id), { recursive: true });
  await writeFile(join(botsDir, options.id, `${options.id}.mjs`), options.source);
  const args = [`./${options.id}/${options.id}.mjs`];
  await writeFile(join(botsDir, `${options.id}.bot.json`), JSON.stringify({ ...manifest, id: options.id, name: options.id, args, env: { ...manifest.env, ...options.env }, ...options.extra }));
}

/** A bot started by hand (not by RPA Supervisor), with only `env`; its stdin stays open until `endStdin`. */
export function startByHand(script: string, env: Record<string, string>) {
  const bot = spawn(process.execPath, [script], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  bot.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  bot.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolveExit) => bot.once('exit', (code) => resolveExit(code)));
  return { exited, endStdin: () => bot.stdin.end(), output: () => ({ stdout, stderr }) };
}
