import { renameSync } from 'node:fs';
import type { Logger } from '../../app/ports/logger.js';
import type { SettingsStore } from '../../app/ports/settings-store.js';

/** The part of an electron-store instance this adapter uses; tests pass a plain JSON file. */
export interface JsonFileStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  readonly path: string;
}

/**
 * SettingsStore over electron-store. electron-store re-reads its JSON file on every access and
 * throws when the file is not JSON (hand-edited, disk trouble), which would crash the app. Here a
 * corrupt file is moved aside to `<file>.corrupt-<time>.bak` (nothing lost, S27), a fresh one is
 * started, and the event is logged with code `settings_corrupt`; the core's zod validation then
 * falls back to defaults and tells the user.
 *
 * Open electron-store with `accessPropertiesByDotNotation: false` so a key containing a dot
 * (a profile id) is stored as one key, not a nested path.
 */
export class ElectronStoreSettingsStore implements SettingsStore {
  readonly #open: () => JsonFileStore;
  readonly #logger: Logger;
  readonly #now: () => number;
  #store: JsonFileStore;
  /** Where the last corrupt file was moved, for a notice; undefined when none was found. */
  recoveredBackupPath: string | undefined;

  constructor(options: { open: () => JsonFileStore; logger: Logger; now?: () => number; filePath: string }) {
    this.#open = options.open;
    this.#logger = options.logger;
    this.#now = options.now ?? Date.now;
    // The constructor reads the file too, so a corrupt file must be handled before we have a store.
    try {
      this.#store = this.#open();
    } catch (error) {
      if (!isCorruption(error)) throw error;
      this.#moveAside(options.filePath);
      this.#store = this.#open();
    }
  }

  get path(): string {
    return this.#store.path;
  }

  get(key: string): unknown {
    return this.#withRecovery(() => this.#store.get(key));
  }

  set(key: string, value: unknown): void {
    this.#withRecovery(() => this.#store.set(key, value));
  }

  #withRecovery<T>(operation: () => T): T {
    try {
      return operation();
    } catch (error) {
      if (!isCorruption(error)) throw error;
      this.#moveAside(this.#store.path);
      return operation();
    }
  }

  #moveAside(filePath: string): void {
    const backupPath = `${filePath}.corrupt-${this.#now()}.bak`;
    renameSync(filePath, backupPath);
    this.recoveredBackupPath = backupPath;
    this.#logger.warn('the settings file was not valid and was moved aside; defaults are used', { code: 'settings_corrupt', backupPath });
  }
}

function isCorruption(error: unknown): boolean {
  return error instanceof SyntaxError || (error instanceof Error && error.message.startsWith('Config schema violation'));
}
