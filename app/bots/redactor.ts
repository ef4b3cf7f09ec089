import type { Disposable } from '../common/contract.js';

export const redactedMarker = '[REDACTED]';

/**
 * Shapes that look like a JWT: base64url JSON header (`eyJ`), then a payload, then an optional
 * signature. Two segments are enough, so a JWT cut short by line truncation is still caught.
 */
const jwtPattern = /eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}(?:\.[A-Za-z0-9_-]*)?/g;

/** Secrets shorter than this are not redacted literally: they would shred ordinary text. */
const minimumSecretLength = 8;

/**
 * Characters tokens and run secrets are made of (base64url, base64, JWT dots, percent-encoding).
 * A secret made only of these lies inside one maximal run of them in any text, so one regex scan
 * finds every place worth checking, however many secrets are live.
 */
const tokenChars = '[A-Za-z0-9_\\-.~+/=%]';
const onlyTokenChars = /^[A-Za-z0-9_\-.~+/=%]+$/;

/**
 * Replaces known secrets (access tokens, run secrets) and anything JWT-shaped with `[REDACTED]`.
 *
 * Shared by every run so that a token printed by one bot is redacted even if another bot asked
 * for it. Each `add` returns a Disposable so a run can withdraw its own secret when it ends, which
 * keeps the list short however many runs the app has seen.
 */
export class Redactor {
  readonly #secrets = new Map<string, number>();
  /** Derived from #secrets on first use after a change. */
  #index: SecretIndex | undefined;

  add(secret: string): Disposable {
    if (secret.length < minimumSecretLength) return { dispose: () => undefined };
    this.#secrets.set(secret, (this.#secrets.get(secret) ?? 0) + 1);
    this.#index = undefined;
    let disposed = false;
    return {
      dispose: () => {
        if (disposed) return;
        disposed = true;
        const count = (this.#secrets.get(secret) ?? 1) - 1;
        if (count <= 0) this.#secrets.delete(secret);
        else this.#secrets.set(secret, count);
        this.#index = undefined;
      },
    };
  }

  get size(): number {
    return this.#secrets.size;
  }

  /**
   * One pass for all secrets made of token characters (the normal case): find each maximal run of
   * token characters with one regex, and only for a run at least as long as the shortest secret
   * look for secrets inside it. Secrets with other characters fall back to a scan each.
   */
  redact(text: string): string {
    const index = (this.#index ??= buildIndex(this.#secrets.keys()));
    let result = text;
    if (index.runs) result = result.replace(index.runs, (run) => redactRun(run, index));
    for (const secret of index.others) {
      if (result.includes(secret)) result = result.split(secret).join(redactedMarker);
    }
    return result.includes('eyJ') ? result.replace(jwtPattern, redactedMarker) : result;
  }
}

interface SecretIndex {
  /** Secrets made only of token characters. */
  exact: Set<string>;
  /** Their distinct lengths, longest first, so a longer secret wins over one it contains. */
  lengths: number[];
  /** Runs of token characters at least as long as the shortest such secret. */
  runs: RegExp | undefined;
  others: string[];
}

function buildIndex(secrets: Iterable<string>): SecretIndex {
  const exact = new Set<string>();
  const others: string[] = [];
  for (const secret of secrets) {
    if (onlyTokenChars.test(secret)) exact.add(secret);
    else others.push(secret);
  }
  const lengths = [...new Set([...exact].map((secret) => secret.length))].sort((a, b) => b - a);
  // Longest first, as for the literal scans, so a secret that contains another is redacted whole.
  others.sort((a, b) => b.length - a.length);
  const minLength = lengths.at(-1);
  const runs = minLength === undefined ? undefined : new RegExp(`${tokenChars}{${minLength},}`, 'g');
  return { exact, lengths, runs, others };
}

function redactRun(run: string, index: SecretIndex): string {
  if (index.exact.has(run)) return redactedMarker;
  let result = '';
  let copiedTo = 0;
  let at = 0;
  outer: while (at < run.length) {
    for (const length of index.lengths) {
      if (at + length <= run.length && index.exact.has(run.slice(at, at + length))) {
        result += run.slice(copiedTo, at) + redactedMarker;
        at += length;
        copiedTo = at;
        continue outer;
      }
    }
    at += 1;
  }
  return copiedTo === 0 ? run : result + run.slice(copiedTo);
}
