import type { Disposable } from '../common/contract.js';
import { SecretWindows, secretWindowLength } from './secret-windows.js';

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
 * A secret made only of these lies inside one maximal run of them in any text, so one scan
 * finds every place worth checking, however many secrets are live.
 */
const tokenCharTable = (() => {
  const table = new Uint8Array(128);
  for (const char of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-.~+/=%') table[char.charCodeAt(0)] = 1;
  return table;
})();

function isTokenChar(code: number): boolean {
  return code < 128 && tokenCharTable[code] === 1;
}

/**
 * Each maximal run of token characters at least `minRun` long, redacted inside by `redactRun`; the
 * rest copied as it is. It looks at every `minRun`-th character only: a character that cannot be
 * in a token rules out every run of `minRun` through it, so most of an ordinary line is skipped.
 * (A regex with a `{24,}` quantifier visits every character, and was the costliest step of capture.)
 */
function redactRuns(text: string, minRun: number, redactRun: (run: string) => string): string {
  let result = '';
  let copiedTo = 0;
  let at = minRun - 1;
  while (at < text.length) {
    if (!isTokenChar(text.charCodeAt(at))) {
      at += minRun;
      continue;
    }
    let start = at;
    while (start > 0 && isTokenChar(text.charCodeAt(start - 1))) start -= 1;
    let end = at + 1;
    while (end < text.length && isTokenChar(text.charCodeAt(end))) end += 1;
    if (end - start >= minRun) {
      const run = text.slice(start, end);
      const redacted = redactRun(run);
      if (redacted !== run) {
        result += text.slice(copiedTo, start) + redacted;
        copiedTo = end;
      }
    }
    at = end + minRun;
  }
  return copiedTo === 0 ? text : result + text.slice(copiedTo);
}
const onlyTokenChars = /^[A-Za-z0-9_\-.~+/=%]+$/;

/**
 * Replaces known secrets (access tokens, run secrets), any piece of 24 or more characters of one,
 * each segment of a known JWT, and anything JWT-shaped with `[REDACTED]`.
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
   * token characters (`redactRuns`), and only for a run long enough to hold a secret look inside
   * it: for any piece of 24 or more characters of a known secret (rolling-hash windows, S64), then
   * for the short secrets and the short segments of known JWTs. Secrets with other characters
   * fall back to a scan each. `counter.secret` grows by the number of redactions.
   */
  redact(text: string, counter?: { secret: number }): string {
    const index = (this.#index ??= buildIndex(this.#secrets.keys()));
    const count = counter ?? { secret: 0 };
    let result = text;
    if (index.minRun !== undefined) result = redactRuns(result, index.minRun, (run) => redactRun(run, index, count));
    for (const secret of index.others) {
      if (!result.includes(secret)) continue;
      const parts = result.split(secret);
      count.secret += parts.length - 1;
      result = parts.join(redactedMarker);
    }
    if (!result.includes('eyJ')) return result;
    return result.replace(jwtPattern, () => {
      count.secret += 1;
      return redactedMarker;
    });
  }
}

interface SecretIndex {
  /** Token-character secrets shorter than a window, and the short segments of known JWTs. */
  exact: Set<string>;
  /** Their distinct lengths, longest first, so a longer secret wins over one it contains. */
  lengths: number[];
  /** Every token-character secret of 24 or more characters, piece by piece. */
  windows: SecretWindows;
  /** How long a run of token characters must be to hold an exact secret or a window. */
  minRun: number | undefined;
  others: string[];
}

/** A JWS (three segments) or JWE (five): each segment printed alone is redacted too (S64). */
const jwtShape = /^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]*){2}(?:(?:\.[A-Za-z0-9_-]*){2})?$/;

function buildIndex(secrets: Iterable<string>): SecretIndex {
  const exact = new Set<string>();
  const long: string[] = [];
  const others: string[] = [];
  const addTokenSecret = (secret: string) => {
    if (secret.length >= secretWindowLength) long.push(secret);
    else if (secret.length >= minimumSecretLength) exact.add(secret);
  };
  for (const secret of secrets) {
    if (!onlyTokenChars.test(secret)) {
      others.push(secret);
      continue;
    }
    addTokenSecret(secret);
    // Long segments are pieces of the whole token already; short ones (a header) need their own entry.
    if (jwtShape.test(secret)) for (const segment of secret.split('.')) if (segment.length < secretWindowLength) addTokenSecret(segment);
  }
  const lengths = [...new Set([...exact].map((secret) => secret.length))].sort((a, b) => b - a);
  // Longest first, as for the literal scans, so a secret that contains another is redacted whole.
  others.sort((a, b) => b.length - a.length);
  const windows = new SecretWindows(long);
  const minLength = Math.min(lengths.at(-1) ?? Infinity, windows.isEmpty ? Infinity : secretWindowLength);
  return { exact, lengths, windows, minRun: Number.isFinite(minLength) ? minLength : undefined, others };
}

function redactRun(run: string, index: SecretIndex, count: { secret: number }): string {
  if (index.exact.size > 0 && index.exact.has(run)) {
    count.secret += 1;
    return redactedMarker;
  }
  const spans = index.windows.spans(run);
  if (spans.length === 0) return redactExact(run, index, count);
  let result = '';
  let copiedTo = 0;
  for (const [start, end] of spans) {
    result += redactExact(run.slice(copiedTo, start), index, count) + redactedMarker;
    count.secret += 1;
    copiedTo = end;
  }
  return result + redactExact(run.slice(copiedTo), index, count);
}

function redactExact(run: string, index: SecretIndex, count: { secret: number }): string {
  if (index.lengths.length === 0 || run.length < (index.lengths.at(-1) ?? 0)) return run;
  let result = '';
  let copiedTo = 0;
  let at = 0;
  outer: while (at < run.length) {
    for (const length of index.lengths) {
      if (at + length <= run.length && index.exact.has(run.slice(at, at + length))) {
        result += run.slice(copiedTo, at) + redactedMarker;
        count.secret += 1;
        at += length;
        copiedTo = at;
        continue outer;
      }
    }
    at += 1;
  }
  return copiedTo === 0 ? run : result + run.slice(copiedTo);
}
