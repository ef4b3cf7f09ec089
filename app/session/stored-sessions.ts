import { z } from 'zod';
import type { Logger } from '../ports/logger.js';
import type { SecretStore } from '../ports/secret-store.js';
import type { Session } from './session.js';

const storedSessionSchema = z.object({
  profileId: z.string(),
  issuer: z.string(),
  accessToken: z.string().min(1),
  tokenType: z.literal('Bearer'),
  expiresAt: z.number(),
  receivedAt: z.number(),
  subject: z.string(),
  name: z.string().optional(),
  scopes: z.array(z.string()),
  company: z.string().optional(),
  refreshToken: z.string().optional(),
  idToken: z.string().optional(),
});

export type StoredSession = { kind: 'none' } | { kind: 'unreadable' } | { kind: 'found'; session: Session };

/**
 * Sessions in the SecretStore, one entry per profile. Failures never lose a sign-in: a session
 * that cannot be written still works in memory, and one that cannot be read or decrypted (S25)
 * is reported as unreadable so the caller can delete it and ask for a sign-in. A profile's
 * operations run one after another in the order they were asked for: otherwise a sign-out's
 * delete could land before the slower write of the sign-in it ends, and the token would come
 * back at the next start (S103).
 */
export class StoredSessions {
  /** Per profile, the end of its last queued operation (never rejects). */
  readonly #queues = new Map<string, Promise<void>>();

  constructor(private readonly deps: { secrets: SecretStore; logger: Logger }) {}

  read(profileId: string): Promise<StoredSession> {
    return this.#inTurn(profileId, () => this.#read(profileId));
  }

  write(session: Session): Promise<void> {
    return this.#inTurn(session.profileId, () => this.#write(session));
  }

  /** Sign-out: a failure to delete must reach the user, so it is not swallowed here. */
  delete(profileId: string): Promise<void> {
    return this.#inTurn(profileId, () => this.deps.secrets.delete(keyOf(profileId)));
  }

  /** Discarding an unusable entry: a failure is logged, and the entry stays unusable anyway. */
  discard(profileId: string): Promise<void> {
    return this.#inTurn(profileId, () => this.#discard(profileId));
  }

  #inTurn<T>(profileId: string, operation: () => Promise<T>): Promise<T> {
    const result = (this.#queues.get(profileId) ?? Promise.resolve()).then(operation);
    const done = result.then(
      () => undefined,
      () => undefined,
    );
    this.#queues.set(profileId, done);
    void done.then(() => {
      if (this.#queues.get(profileId) === done) this.#queues.delete(profileId);
    });
    return result;
  }

  async #read(profileId: string): Promise<StoredSession> {
    let raw: string | undefined;
    try {
      raw = await this.deps.secrets.get(keyOf(profileId));
    } catch (error) {
      // S25: the keyring was reset or the entry is damaged.
      this.deps.logger.warn('a stored session could not be decrypted', { profileId, error: errorName(error) });
      return { kind: 'unreadable' };
    }
    if (raw === undefined) return { kind: 'none' };
    const parsed = safeJson(raw);
    return parsed?.profileId === profileId ? { kind: 'found', session: parsed } : { kind: 'unreadable' };
  }

  async #write(session: Session): Promise<void> {
    try {
      await this.deps.secrets.set(keyOf(session.profileId), JSON.stringify(session));
    } catch (error) {
      // The session still works in memory; losing persistence must not lose the sign-in.
      this.deps.logger.warn('could not store session', { profileId: session.profileId, error: errorName(error) });
    }
  }

  async #discard(profileId: string): Promise<void> {
    try {
      await this.deps.secrets.delete(keyOf(profileId));
    } catch (error) {
      this.deps.logger.warn('could not delete a stored session', { profileId, error: errorName(error) });
    }
  }
}

function keyOf(profileId: string): string {
  return `session:${profileId}`;
}

function safeJson(raw: string): Session | undefined {
  try {
    const result = storedSessionSchema.safeParse(JSON.parse(raw));
    return result.success ? result.data : undefined;
  } catch {
    return undefined;
  }
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}
