/**
 * Non-secret settings and profiles. Hosts back it with electron-store (Electron) or conf (Node);
 * the core validates every value it reads with zod, so a hand-edited file cannot crash it.
 */
export interface SettingsStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  /** Where the settings live, for messages and backups; undefined for memory stores. */
  readonly path?: string;
  /**
   * Set when the settings file could not be read (not JSON, or failed its schema) and was moved
   * aside to `backupPath`, so defaults are in use (S27). The core tells the user.
   */
  readonly recovered?: { backupPath: string };
}

export class MemorySettingsStore implements SettingsStore {
  readonly #values = new Map<string, unknown>();

  get(key: string): unknown {
    return this.#values.get(key);
  }

  set(key: string, value: unknown): void {
    this.#values.set(key, value);
  }
}
