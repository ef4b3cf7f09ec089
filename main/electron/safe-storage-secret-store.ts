import { createHash } from 'node:crypto';
import { mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { supervisorError } from '../../app/error-catalogue.js';
import type { Logger } from '../../app/ports/logger.js';
import type { SecretStore } from '../../app/ports/secret-store.js';
import { writeFileAtomic, type AtomicWriteFs } from '../../app/storage/write-file-atomic.js';

/** The slice of Electron's `safeStorage` this store uses; tests pass a fake. */
export interface StringCipher {
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

/**
 * SecretStore over Electron `safeStorage` (DPAPI, Keychain, libsecret/KWallet): one encrypted
 * file per key under `userData/secrets`. Only use it when `decideSecretStorage` says
 * `persistent`; otherwise the host uses the core's MemorySecretStore.
 */
export class SafeStorageSecretStore implements SecretStore {
  readonly persistent = true;
  readonly #dir: string;
  readonly #cipher: StringCipher;
  readonly #logger: Logger;
  readonly #fsOps: AtomicWriteFs | undefined;

  constructor(options: { dir: string; cipher: StringCipher; logger: Logger; fsOps?: AtomicWriteFs }) {
    this.#dir = options.dir;
    this.#cipher = options.cipher;
    this.#logger = options.logger;
    this.#fsOps = options.fsOps;
  }

  async get(key: string): Promise<string | undefined> {
    const file = this.#fileFor(key);
    let encrypted: Buffer;
    try {
      encrypted = await readFile(file);
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
    try {
      return this.#cipher.decryptString(encrypted);
    } catch {
      // The keyring was reset or the file came from another machine (S25): the secret is gone
      // for good, so drop it and tell the caller, which asks the user to sign in again (the
      // session manager turns this into the session_unreadable notice).
      await rm(file, { force: true });
      this.#logger.warn('a stored secret could not be decrypted and was discarded', { code: 'secret_undecryptable', key });
      throw supervisorError('secret_undecryptable');
    }
  }

  async set(key: string, value: string): Promise<void> {
    await mkdir(this.#dir, { recursive: true, mode: 0o700 });
    await writeFileAtomic(this.#fileFor(key), this.#cipher.encryptString(value), { mode: 0o600, ...(this.#fsOps ? { fsOps: this.#fsOps } : {}) });
  }

  async delete(key: string): Promise<void> {
    await rm(this.#fileFor(key), { force: true });
  }

  /** Hashing the key keeps any character (`/`, `..`, `:`) out of the file name. */
  #fileFor(key: string): string {
    return path.join(this.#dir, `${createHash('sha256').update(key).digest('hex')}.secret`);
  }
}

function isNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'ENOENT';
}
