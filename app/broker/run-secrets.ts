import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 32 random bytes in base64url, without padding, is always 43 characters. */
export const runSecretLength = 43;
const secretPattern = /^[A-Za-z0-9_-]{43}$/;

export type SecretLookup =
  | { kind: 'live'; runId: string; profileId: string; company?: string }
  | { kind: 'finished'; runId: string }
  | { kind: 'invalid' };

interface Entry {
  runId: string;
  profileId: string;
  company?: string;
  secret: Buffer;
  live: boolean;
}

/**
 * Per-run secrets and their state.
 *
 * A presented secret is found by its SHA-256 digest (so lookup time does not depend on how many
 * leading characters match a real secret), then confirmed with `timingSafeEqual`. The length and
 * alphabet are checked first: `timingSafeEqual` throws on unequal lengths, and an exception there
 * would have been a 500 (S31).
 *
 * Revoked secrets are remembered (up to `maxRevoked`) so a finished run gets the precise
 * `run_finished` answer (S34) rather than `invalid_secret`.
 */
export class RunSecrets {
  readonly #byDigest = new Map<string, Entry>();
  readonly #digestByRun = new Map<string, string>();
  readonly #revokedOrder: string[] = [];
  readonly #maxRevoked: number;

  constructor(options: { maxRevoked?: number } = {}) {
    this.#maxRevoked = options.maxRevoked ?? 10_000;
  }

  issue(runId: string, profileId: string, company?: string): string {
    this.revoke(runId);
    const secret = randomBytes(32).toString('base64url');
    const digest = digestOf(secret);
    this.#byDigest.set(digest, { runId, profileId, ...(company !== undefined ? { company } : {}), secret: Buffer.from(secret, 'ascii'), live: true });
    this.#digestByRun.set(runId, digest);
    return secret;
  }

  /** Returns true when a live secret was revoked. */
  revoke(runId: string): boolean {
    const digest = this.#digestByRun.get(runId);
    const entry = digest === undefined ? undefined : this.#byDigest.get(digest);
    if (!entry?.live || digest === undefined) return false;
    entry.live = false;
    this.#revokedOrder.push(digest);
    while (this.#revokedOrder.length > this.#maxRevoked) {
      const oldest = this.#revokedOrder.shift() as string;
      const old = this.#byDigest.get(oldest);
      this.#byDigest.delete(oldest);
      if (old && this.#digestByRun.get(old.runId) === oldest) this.#digestByRun.delete(old.runId);
    }
    return true;
  }

  isLive(runId: string): boolean {
    const digest = this.#digestByRun.get(runId);
    return digest !== undefined && this.#byDigest.get(digest)?.live === true;
  }

  liveRunIds(): string[] {
    return [...this.#digestByRun.entries()].filter(([, digest]) => this.#byDigest.get(digest)?.live).map(([runId]) => runId);
  }

  lookup(presented: string | undefined): SecretLookup {
    if (presented === undefined || presented.length !== runSecretLength || !secretPattern.test(presented)) return { kind: 'invalid' };
    const entry = this.#byDigest.get(digestOf(presented));
    if (!entry) return { kind: 'invalid' };
    const candidate = Buffer.from(presented, 'ascii');
    if (candidate.length !== entry.secret.length || !timingSafeEqual(candidate, entry.secret)) return { kind: 'invalid' };
    if (!entry.live) return { kind: 'finished', runId: entry.runId };
    return { kind: 'live', runId: entry.runId, profileId: entry.profileId, ...(entry.company !== undefined ? { company: entry.company } : {}) };
  }
}

function digestOf(secret: string): string {
  return createHash('sha256').update(secret, 'ascii').digest('base64url');
}
