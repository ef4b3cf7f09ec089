import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 32 random bytes in base64url, without padding, is always 43 characters. */
export const runSecretLength = 43;
const secretPattern = /^[A-Za-z0-9_-]{43}$/;

export type SecretLookup =
  | { kind: 'live'; runId: string; profileId: string; company?: string }
  | { kind: 'finished'; runId: string }
  | { kind: 'invalid' };

interface LiveEntry {
  runId: string;
  profileId: string;
  company?: string;
  /** Its own memory, not a slice of Node's shared pool: a kept slice would keep the whole 8 KB slab. */
  secret: Buffer;
}

/**
 * Per-run secrets and their state.
 *
 * A presented secret is found by its SHA-256 digest (so lookup time does not depend on how many
 * leading characters match a real secret), then confirmed with `timingSafeEqual`. The length and
 * alphabet are checked first: `timingSafeEqual` throws on unequal lengths, and an exception there
 * would have been a 500 (S31).
 *
 * Revoked secrets are remembered by digest alone (up to `maxRevoked`, as many runs as the run
 * history keeps) so a finished run gets the precise `run_finished` answer (S34) rather than
 * `invalid_secret`. A digest match is all that answer needs: it grants nothing. Keeping only the
 * digest and the run id holds what a long day of short runs leaves behind to a few hundred bytes a
 * run, within a fixed bound.
 */
export class RunSecrets {
  readonly #live = new Map<string, LiveEntry>();
  readonly #digestByRun = new Map<string, string>();
  /** Digest → run id of revoked secrets; a Map keeps insertion order, so the first is the oldest. */
  readonly #revoked = new Map<string, string>();
  readonly #maxRevoked: number;

  constructor(options: { maxRevoked?: number } = {}) {
    this.#maxRevoked = options.maxRevoked ?? 1000;
  }

  issue(runId: string, profileId: string, company?: string): string {
    this.revoke(runId);
    const secret = randomBytes(32).toString('base64url');
    const digest = digestOf(secret);
    const bytes = Buffer.alloc(secret.length);
    bytes.write(secret, 'ascii');
    this.#live.set(digest, { runId, profileId, ...(company !== undefined ? { company } : {}), secret: bytes });
    this.#digestByRun.set(runId, digest);
    return secret;
  }

  /** Returns true when a live secret was revoked. */
  revoke(runId: string): boolean {
    const digest = this.#digestByRun.get(runId);
    if (digest === undefined) return false;
    this.#digestByRun.delete(runId);
    this.#live.delete(digest);
    this.#revoked.set(digest, runId);
    for (const oldest of this.#revoked.keys()) {
      if (this.#revoked.size <= this.#maxRevoked) break;
      this.#revoked.delete(oldest);
    }
    return true;
  }

  /** How many revoked secrets are remembered (for tests of the bound). */
  get revokedCount(): number {
    return this.#revoked.size;
  }

  isLive(runId: string): boolean {
    return this.#digestByRun.has(runId);
  }

  liveRunIds(): string[] {
    return [...this.#digestByRun.keys()];
  }

  lookup(presented: string | undefined): SecretLookup {
    if (presented === undefined || presented.length !== runSecretLength || !secretPattern.test(presented)) return { kind: 'invalid' };
    const digest = digestOf(presented);
    const entry = this.#live.get(digest);
    if (!entry) {
      const finished = this.#revoked.get(digest);
      return finished === undefined ? { kind: 'invalid' } : { kind: 'finished', runId: finished };
    }
    const candidate = Buffer.from(presented, 'ascii');
    if (candidate.length !== entry.secret.length || !timingSafeEqual(candidate, entry.secret)) return { kind: 'invalid' };
    return { kind: 'live', runId: entry.runId, profileId: entry.profileId, ...(entry.company !== undefined ? { company: entry.company } : {}) };
  }
}

function digestOf(secret: string): string {
  return createHash('sha256').update(secret, 'ascii').digest('base64url');
}
