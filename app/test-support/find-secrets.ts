import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** A literal secret a leak check looks for, with a label that is safe to print. */
export interface KnownSecret {
  /** e.g. "access token 2", "authorization code 1": printed instead of the secret itself. */
  what: string;
  value: string;
}

/** Text to search and where it came from (a file path, "WebSocket frames", "the DOM"…). */
export interface TextSource {
  where: string;
  text: string;
}

export interface Leak {
  where: string;
  what: string;
}

/** Shorter than this, a literal match would prove nothing (it could occur by chance). */
const minimumSecretLength = 16;

/**
 * Every place a known secret occurs literally. This is the one leak check every test uses
 * (S30, S44, S45): it looks for the exact strings the provider issued, so it catches an opaque
 * token as surely as a JWT, where a "looks like a JWT" pattern would miss it.
 *
 * It refuses to run with nothing to look for, or with a secret too short to mean anything, so a
 * leak check can never pass because the test forgot to collect the secrets.
 */
export function findSecrets(sources: Iterable<TextSource>, secrets: Iterable<KnownSecret>): Leak[] {
  const wanted = uniqueSecrets(secrets);
  const leaks: Leak[] = [];
  for (const source of sources) {
    for (const secret of wanted) if (source.text.includes(secret.value)) leaks.push({ where: source.where, what: secret.what });
  }
  return leaks;
}

/** `findSecrets` over files, read as UTF-8. */
export async function findSecretsInFiles(files: Iterable<string>, secrets: Iterable<KnownSecret>): Promise<Leak[]> {
  const sources: TextSource[] = [];
  for (const file of files) sources.push({ where: file, text: await readFile(file, 'utf8') });
  return findSecrets(sources, secrets);
}

/** Every file under `dir`, recursively. */
export async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(entries.map((entry) => (entry.isDirectory() ? filesUnder(join(dir, entry.name)) : Promise.resolve([join(dir, entry.name)]))));
  return nested.flat();
}

/** Labels a list of secret values of one kind: "access token 1", "access token 2", … */
export function labelled(kind: string, values: Iterable<string>): KnownSecret[] {
  return [...values].map((value, index) => ({ what: `${kind} ${index + 1}`, value }));
}

function uniqueSecrets(secrets: Iterable<KnownSecret>): KnownSecret[] {
  const byValue = new Map<string, KnownSecret>();
  for (const secret of secrets) {
    if (secret.value.length < minimumSecretLength) {
      throw new Error(`The leak check was given ${secret.what}, which is only ${secret.value.length} characters: too short to search for.`);
    }
    if (!byValue.has(secret.value)) byValue.set(secret.value, secret);
  }
  if (byValue.size === 0) throw new Error('The leak check was given no secrets to look for, so it would prove nothing.');
  return [...byValue.values()];
}
