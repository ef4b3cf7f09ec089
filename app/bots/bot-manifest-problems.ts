import type { z } from 'zod';
import { editDistance } from '../common/edit-distance.js';

/**
 * How a bad `*.bot.json` is described to the person who wrote it, often in Notepad on a clinic
 * PC: the field at fault in the manifest's own words, and the field a misspelt key was probably
 * meant to be.
 */

/** Most issues named per file: the first few are enough to fix, and the notice stays readable. */
const maxIssues = 5;

/** One sentence per issue, `field: what is wrong`, joined with "; ". */
export function describeManifestIssues(issues: readonly z.core.$ZodIssue[], value: unknown, knownKeys: readonly string[]): string {
  return issues
    .flatMap((issue) => describeIssue(issue, value, knownKeys))
    .slice(0, maxIssues)
    .join('; ');
}

function describeIssue(issue: z.core.$ZodIssue, value: unknown, knownKeys: readonly string[]): string[] {
  const field = issue.path.map(String).join('.') || '(file)';
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => {
      const meant = closestKey(key, knownKeys);
      return `${key}: is not a manifest field${meant === undefined ? '' : ` (did you mean "${meant}"?)`}`;
    });
  }
  if (issue.code === 'invalid_type' && valueAt(value, issue.path) === undefined) return [`${field}: is required`];
  // A bad key in `env`: zod says only "Invalid key in record"; the reason is in the inner issue.
  if (issue.code === 'invalid_key') return [`${field}: ${issue.issues[0]?.message ?? issue.message}`];
  return [`${field}: ${issue.message}`];
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/** The known field a misspelt key was probably meant to be: the same but for case, or at most two edits away. */
export function closestKey(key: string, knownKeys: readonly string[]): string | undefined {
  const sameButCase = knownKeys.find((known) => known.toLowerCase() === key.toLowerCase());
  if (sameButCase !== undefined) return sameButCase;
  let best: { key: string; distance: number } | undefined;
  for (const known of knownKeys) {
    const distance = editDistance(key.toLowerCase(), known.toLowerCase());
    if (distance <= 2 && (best === undefined || distance < best.distance)) best = { key: known, distance };
  }
  return best?.key;
}
