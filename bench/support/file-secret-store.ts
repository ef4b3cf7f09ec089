import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { SecretStore } from '../../app/ports/secret-store.js';

/**
 * A SecretStore in a plain 0600 JSON file, for the cold-start benchmark only: it lets a browser
 * host restore a session across a restart, as the desktop app does with the OS keychain. Never
 * used by the app.
 */
export class FileSecretStore implements SecretStore {
  readonly persistent = true;

  constructor(private readonly file: string) {}

  async get(key: string): Promise<string | undefined> {
    return this.#read()[key];
  }

  async set(key: string, value: string): Promise<void> {
    writeFileSync(this.file, JSON.stringify({ ...this.#read(), [key]: value }), { mode: 0o600 });
  }

  async delete(key: string): Promise<void> {
    const { [key]: _gone, ...rest } = this.#read();
    writeFileSync(this.file, JSON.stringify(rest), { mode: 0o600 });
  }

  #read(): Record<string, string> {
    return existsSync(this.file) ? (JSON.parse(readFileSync(this.file, 'utf8')) as Record<string, string>) : {};
  }
}
