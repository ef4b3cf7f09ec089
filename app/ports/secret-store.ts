/**
 * Stores small secrets (session tokens, client secrets) encrypted at rest where the host can.
 * Implementations write atomically and treat an undecryptable entry as absent (S25).
 */
export interface SecretStore {
  /** False when secrets live in memory only (no OS keychain, or Linux `basic_text`). */
  readonly persistent: boolean;
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
}

/** Memory-only store: the fallback when no safe encryption exists, and the unit-test fake. */
export class MemorySecretStore implements SecretStore {
  readonly persistent = false;
  readonly #values = new Map<string, string>();

  async get(key: string): Promise<string | undefined> {
    return this.#values.get(key);
  }

  async set(key: string, value: string): Promise<void> {
    this.#values.set(key, value);
  }

  async delete(key: string): Promise<void> {
    this.#values.delete(key);
  }
}
