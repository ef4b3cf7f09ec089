import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { codeBlockAfter, readBotsDoc } from '../../test-support/markdown-code-block.js';
import { prerequisiteMissing } from '../../test-support/prerequisites.js';

/**
 * Bots written the way a stranger writes them: docs/bots.md's examples copied verbatim into a bots
 * folder, with the manifest the same page shows. Only the interpreter's path is filled in.
 */
export const botsDoc = readBotsDoc();

/** The interpreter `python3` on PATH runs (a pyenv shim resolves to it), or undefined without one. */
export function python3Executable(): string | undefined {
  try {
    return execFileSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8', timeout: 10_000 }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Whether `name` runs from PATH (`command -v`). */
export function onPath(name: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** True (after printing why) when a program the examples need is missing here; fails in CI. */
export function examplesCannotRun(programs: Record<string, boolean>): boolean {
  const missing = Object.entries(programs).filter(([, installed]) => !installed).map(([name]) => name);
  return prerequisiteMissing(missing.join(', ') || 'nothing', missing.length === 0, `apt-get install ${missing.join(' ')}`);
}

/**
 * Writes `<id>.bot.json` from the Python manifest in "In any other language", with `command` the
 * real interpreter, and `script` where its `args` put it (relative to the bots folder).
 */
export async function writePythonBot(botsDir: string, options: { id: string; python: string; script: string; env?: Record<string, string>; extra?: Record<string, unknown> }): Promise<void> {
  const manifest = JSON.parse(codeBlockAfter(botsDoc, '### In any other language', 'json')) as { args: string[]; env: Record<string, string> };
  const scriptArg = manifest.args.find((arg) => arg.startsWith('./'));
  if (scriptArg === undefined) throw new Error('The Python manifest in docs/bots.md names no ./script.');
  const scriptPath = join(botsDir, options.id, 'bot.py');
  await mkdir(join(botsDir, options.id), { recursive: true });
  await writeFile(scriptPath, options.script);
  const args = manifest.args.map((arg) => (arg === scriptArg ? `./${options.id}/bot.py` : arg));
  const env = { ...manifest.env, ...options.env };
  await writeFile(join(botsDir, `${options.id}.bot.json`), JSON.stringify({ ...manifest, id: options.id, name: options.id, command: options.python, args, env, ...options.extra }));
}
