import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { maxLoggedRefusals } from '../common/artifact-log-limits.js';
import type { RefusedArtifactsView } from '../common/artifact-views.js';

export type RefusalCode = RefusedArtifactsView['code'];

/** A file the bot attached and the store refused. */
export interface ArtifactRefusal {
  /** Cleaned and redacted as a kept file's name is. */
  name: string;
  code: RefusalCode;
  message: string;
  /** Refusals in this run so far, this one included. */
  count: number;
}

const refusedFile = 'refused.json';
/** A bot refused in a loop must not grow the run's folder or its log without bound. */
const maxReasons = 20;
const maxNamesPerReason = 10;

export function refusalCodeOf(error: unknown): RefusalCode | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  return code === 'screenshots_not_allowed' || code === 'artifact_too_large' ? code : undefined;
}

export async function readRefusals(runDir: string): Promise<RefusedArtifactsView[]> {
  try {
    const parsed: unknown = JSON.parse(await readFile(join(runDir, refusedFile), 'utf8'));
    return Array.isArray(parsed) ? (parsed as RefusedArtifactsView[]) : [];
  } catch {
    return [];
  }
}

/** Adds one refusal to the run's record (a 0600 file beside its artifacts); returns the run's count so far. */
export async function recordRefusal(runDir: string, refusal: Pick<ArtifactRefusal, 'name' | 'code' | 'message'>, at: number): Promise<number> {
  const reasons = await readRefusals(runDir);
  let reason = reasons.find((entry) => entry.code === refusal.code && entry.message === refusal.message);
  // Past the bound (the room left differs at each file too large), counted with the last reason of the same code.
  if (reason === undefined && reasons.length >= maxReasons) reason = reasons.findLast((entry) => entry.code === refusal.code);
  if (reason === undefined) {
    reason = { code: refusal.code, message: refusal.message, count: 0, names: [], lastAt: at };
    reasons.push(reason);
  }
  reason.count += 1;
  reason.lastAt = at;
  if (reason.names.length < maxNamesPerReason && !reason.names.includes(refusal.name)) reason.names.push(refusal.name);
  await writeFile(join(runDir, `.${refusedFile}.tmp`), JSON.stringify(reasons), { mode: 0o600 });
  await rename(join(runDir, `.${refusedFile}.tmp`), join(runDir, refusedFile));
  return reasons.reduce((sum, entry) => sum + entry.count, 0);
}

/**
 * The run's system line for a refused file: its name and the reason in the catalogue's words.
 * After `maxLoggedRefusals`, one line says the rest are only counted; then nothing.
 */
export function refusalLogLine(refusal: Pick<ArtifactRefusal, 'name' | 'message' | 'count'>): string | undefined {
  if (refusal.count <= maxLoggedRefusals) return `The bot attached "${refusal.name}", which was not kept: ${refusal.message}`;
  if (refusal.count === maxLoggedRefusals + 1) return 'The bot attached more files that were not kept; the run detail counts them under its files.';
  return undefined;
}
