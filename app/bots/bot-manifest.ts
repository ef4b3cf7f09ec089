import { readdir, readFile, stat } from 'node:fs/promises';
import { isAbsolute, join, resolve, sep } from 'node:path';
import { z } from 'zod';
import { isAllowedBotPath } from '../policy/bot-folders.js';
import { fileProblem } from '../common/file-problem.js';
import { isPlainName, unsafeNameMessage } from '../common/plain-name.js';
import { runPriorities, type RunPriority } from '../common/run-priority.js';
import { cronProblem } from '../schedules/cron-schedule.js';
import { decodePolicyBytes, parsePolicyJson } from '../policy/policy-json.js';
import { describeManifestIssues } from './bot-manifest-problems.js';
import { reservedEnvNames } from './child-env.js';

const identifier = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'must start with a letter or digit and use only letters, digits, ".", "_" and "-"');

const envName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be a valid environment variable name');

const dayMs = 24 * 60 * 60 * 1000;

/** The OS cannot pass a NUL byte in argv or the environment; catch it here, not at spawn. */
const noNul = (max: number) => z.string().max(max).refine((value) => !value.includes('\0'), 'must not contain a NUL character');

/** A bot's `*.bot.json` file. Unknown keys are rejected so a typo ("timeoutMS") is not silently ignored. */
export const botManifestSchema = z
  .object({
    $schema: z.string().optional(),
    id: identifier,
    name: z
      .string()
      .trim()
      .min(1)
      .max(120)
      .refine(isPlainName, unsafeNameMessage),
    description: z.string().max(2000).default(''),
    command: noNul(4096).pipe(z.string().min(1)),
    args: z.array(noNul(4096)).max(200).default([]),
    cwd: noNul(4096).pipe(z.string().min(1)).optional(),
    env: z
      .record(envName, noNul(32_768))
      .optional()
      .superRefine((env, context) => {
        for (const name of Object.keys(env ?? {}).filter((key) => reservedEnvNames.includes(key.toUpperCase()))) {
          // The one a newcomer sets on purpose: the token has its own, opt-in way into the environment.
          const hint = name.toUpperCase() === 'RPA_ACCESS_TOKEN' ? '; to get the token in the environment, set "tokenDelivery": "env" instead' : '';
          context.addIssue({ code: 'custom', path: [name], message: `is set by RPA Supervisor itself, so a manifest may not set it${hint}` });
        }
      }),
    profileId: identifier,
    company: z.string().min(1).max(200).optional(),
    tokenDelivery: z.enum(['broker', 'env']).default('broker'),
    // A run cannot usefully outlive the 24-hour token it works under.
    timeoutMs: z.number().int().positive().max(dayMs).optional(),
    expectedDurationMs: z.number().int().min(0).max(dayMs).optional(),
    concurrency: z.number().int().min(1).max(20).default(1),
    /**
     * A sample that works only against the Local sandbox. Listed only in demo mode (development
     * runs, the browser host, or a packaged build whose machine policy turns demo mode on).
     */
    demo: z.boolean().optional(),
    // Where its runs wait in the queue; a start may override it.
    priority: z.enum(runPriorities).default('normal'),
    // Uses the screen (keyboard, mouse, a visible browser): one exclusive run at a time, across all bots.
    exclusive: z.boolean().default(false),
    // Starts runs by itself on this cron pattern (croner syntax, local time), when it may.
    schedule: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .superRefine((pattern, context) => {
        const problem = cronProblem(pattern);
        if (problem !== undefined) context.addIssue({ code: 'custom', message: `is not a cron pattern (${problem})` });
      })
      .optional(),
    /**
     * The bot calls the SDK's `checkpoint()` between steps, so it can be paused at a safe point and
     * stopped at one (on every platform). A bot that calls it without saying so is recognised at
     * its first checkpoint.
     */
    checkpoints: z.boolean().optional(),
    /** Each run's first token request waits until the supervisor approves the run. */
    requiresApproval: z.boolean().optional(),
    /** Fleet mode: its runs go to a worker of this pool (docs/fleet.md); ignored when fleet mode is off. */
    pool: z.string().regex(/^[a-z0-9-]{1,40}$/, 'pool names are lower-case letters, digits and dashes').optional(),
  })
  .strict();

/**
 * A parsed manifest. `priority` and `exclusive` always come out of the schema, but stay optional
 * here so manifests built in code (tests, hosts) need not name them: read them with
 * `bot.priority ?? 'normal'` and `bot.exclusive === true`.
 */
export type BotManifest = Omit<z.output<typeof botManifestSchema>, '$schema' | 'priority' | 'exclusive'> & { priority?: RunPriority; exclusive?: boolean };

export interface BotManifestError {
  file: string;
  message: string;
}

const maxManifestBytes = 256 * 1024;

/**
 * Loads every `*.bot.json` in `dir` (not recursive). One bad file never stops the others; each
 * error names the file and the field at fault.
 *
 * Paths are made absolute against the manifest's own folder, so a bot folder can be moved or
 * shipped inside the app bundle without editing its manifest.
 */
export async function loadBotManifests(dir: string, options: ManifestPathOptions = {}): Promise<{ manifests: BotManifest[]; errors: BotManifestError[] }> {
  const manifests: BotManifest[] = [];
  const errors: BotManifestError[] = [];
  let names: string[];
  const links = new Set<string>();
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    // Not only regular files: a linked manifest is read through its link, and anything else with
    // the name (a folder, a device) is reported rather than left out without a word.
    names = entries.filter((entry) => entry.name.endsWith('.bot.json')).map((entry) => entry.name);
    for (const entry of entries) if (entry.isSymbolicLink()) links.add(entry.name);
  } catch (error) {
    return { manifests, errors: [{ file: dir, message: fileProblem(error) }] };
  }
  const owners = new Map<string, string>();
  for (const name of names.sort()) {
    const file = join(dir, name);
    const result = await loadOne(file, dir, options);
    // A link to nothing is no manifest: editors leave such links as lock files (Emacs's `.#name`).
    if (!result.ok && result.missing && links.has(name)) continue;
    if (!result.ok) {
      errors.push({ file, message: result.message });
      continue;
    }
    const owner = owners.get(result.manifest.id);
    if (owner !== undefined) {
      errors.push({ file, message: `id: "${result.manifest.id}" is already used by ${owner}` });
      continue;
    }
    owners.set(result.manifest.id, file);
    manifests.push(result.manifest);
  }
  return { manifests, errors };
}

export interface ManifestPathOptions {
  /**
   * The machine policy's `bots.allowedFolders`: the manifest's working folder and every path it
   * gives relative to its own folder must stay inside them, so a manifest in an allowed folder
   * cannot run a script from anywhere else with `../..`.
   */
  allowedFolders?: readonly string[] | undefined;
}

/** Validates one parsed manifest and resolves its paths against `baseDir`. */
export function parseBotManifest(
  value: unknown,
  baseDir: string,
  options: ManifestPathOptions = {},
): { ok: true; manifest: BotManifest } | { ok: false; message: string } {
  const parsed = botManifestSchema.safeParse(value);
  if (!parsed.success) return { ok: false, message: describeManifestIssues(parsed.error.issues, value, Object.keys(botManifestSchema.shape)) };
  // Drop `$schema`: it is only for editors.
  const { $schema: _schema, ...manifest } = parsed.data;
  const resolved: BotManifest = {
    ...manifest,
    command: manifest.command === 'node' ? 'node' : resolveBotCommand(manifest.command, baseDir),
    args: manifest.args.map((arg) => (isRelativePath(arg) ? resolveRelative(baseDir, arg) : arg)),
    cwd: manifest.cwd === undefined ? baseDir : isAbsolute(manifest.cwd) ? manifest.cwd : resolveRelative(baseDir, manifest.cwd),
  };
  const outside = pathsOutside(manifest, resolved, options.allowedFolders);
  if (outside.length > 0) {
    return { ok: false, message: outside.map((field) => `${field}: resolves outside the folders your administrator allows bots to come from`).join('; ') };
  }
  return { ok: true, manifest: resolved };
}

/** The fields whose paths leave the allowed folders: `cwd`, and what was relative to the manifest. */
function pathsOutside(raw: z.output<typeof botManifestSchema>, resolved: BotManifest, allowedFolders: readonly string[] | undefined): string[] {
  if (allowedFolders === undefined) return [];
  const fields: string[] = [];
  const cwd = resolved.cwd ?? '';
  if (!isAllowedBotPath(cwd, allowedFolders)) fields.push('cwd');
  if (leavesAllowedFolders(raw.command, resolved.command, cwd, allowedFolders)) fields.push('command');
  raw.args.forEach((arg, index) => {
    if (leavesAllowedFolders(arg, resolved.args[index] ?? '', cwd, allowedFolders)) fields.push(`args.${index}`);
  });
  return fields;
}

/**
 * A `./` or `../` path is checked as resolved against the manifest's folder. A bare path that
 * climbs (`bot/../../x.mjs`) is resolved by the bot against its working folder, so it is checked
 * from there: otherwise `../..` behind a folder name would lead anywhere. Absolute paths, words
 * and URLs are left alone.
 */
function leavesAllowedFolders(raw: string, resolved: string, cwd: string, allowedFolders: readonly string[]): boolean {
  if (isRelativePath(raw)) return !isAllowedBotPath(resolved, allowedFolders);
  if (isAbsolute(raw) || /^[A-Za-z][A-Za-z0-9+.-]*:/.test(raw) || !raw.split(/[\\/]/).includes('..')) return false;
  return !isAllowedBotPath(resolveRelative(cwd, raw), allowedFolders);
}

/**
 * `node` means the Node.js that RPA Supervisor provides (`nodeExecutable`): clinic PCs often have
 * no Node on PATH, or an old one, while the app's runtime is always present and is the version the
 * SDK is tested with. It stays the word `node` in a parsed manifest and is resolved at spawn time,
 * because only the host knows the binary (Electron passes a real Node, never itself).
 */
export function resolveBotCommand(command: string, baseDir: string, nodeExecutable: string = process.execPath): string {
  if (command === 'node') return nodeExecutable;
  return isRelativePath(command) ? resolveRelative(baseDir, command) : command;
}

/** Only explicit `./` or `../` paths are resolved: a bare word is a flag, a URL or a PATH lookup. */
function isRelativePath(value: string): boolean {
  return /^\.{1,2}[\\/]/.test(value);
}

/**
 * A relative path written Windows-style (`.\bot\bot.mjs`) means the same folders on macOS and
 * Linux, where a backslash would otherwise be part of a file name: the same manifest works on
 * every clinic PC.
 */
function resolveRelative(baseDir: string, path: string): string {
  return resolve(baseDir, sep === '/' ? path.replaceAll('\\', '/') : path);
}

async function loadOne(file: string, baseDir: string, options: ManifestPathOptions): Promise<{ ok: true; manifest: BotManifest } | { ok: false; message: string; missing?: boolean }> {
  try {
    const info = await stat(file);
    // Never read a device or a pipe (`/dev/zero` behind a link would never end).
    if (!info.isFile()) return { ok: false, message: 'it is not a file' };
    if (info.size > maxManifestBytes) return { ok: false, message: `it is larger than ${maxManifestBytes / 1024} KiB` };
    // Hand-written on clinic PCs, like the machine policy: the same reading of Windows encodings,
    // and the same line-and-column wording for broken JSON.
    const text = decodePolicyBytes(await readFile(file));
    if (!text.ok) return { ok: false, message: text.detail };
    const json = parsePolicyJson(text.text);
    if (!json.ok) return { ok: false, message: json.detail };
    return parseBotManifest(json.json, baseDir, options);
  } catch (error) {
    return { ok: false, message: `it could not be read (${errorCode(error)})`, missing: errorCode(error) === 'ENOENT' };
  }
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException | undefined)?.code ?? String(error);
}
