import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import type { Logger } from '../ports/logger.js';
import type { SettingsStore } from '../ports/settings-store.js';

/** The part of an electron-store or conf instance the settings adapters use. */
export interface JsonFileStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  readonly path: string;
}

/**
 * A SettingsStore over a JSON-file library (electron-store, conf) that survives a corrupt file
 * (S27). Both libraries re-read their file on every access and throw when it is not JSON
 * (hand-edited, disk trouble), at construction and later, which would crash the app. Here the
 * corrupt file is moved aside to `<file>.corrupt-<time>.bak` (nothing lost), a fresh one is
 * started, the event is logged with code `settings_corrupt`, and `recovered` is set so the core
 * tells the user; its zod validation then falls back to defaults.
 *
 * A file that is JSON behind a byte-order mark (UTF-8 or UTF-16, as Notepad and Windows PowerShell
 * 5 save it when an administrator edits or deploys it) is not corrupt: both libraries read it as
 * UTF-8 and throw at the mark, so it is rewritten as plain UTF-8 and read, every setting kept (S122).
 *
 * Shared by the Electron and browser hosts so they recover the same way; it needs Node's fs,
 * never Electron.
 */
export class RecoveringSettingsStore implements SettingsStore {
  readonly #open: () => JsonFileStore;
  readonly #logger: Logger;
  readonly #now: () => number;
  #store: JsonFileStore;
  #recovered: { backupPath: string } | undefined;

  constructor(options: { open: () => JsonFileStore; logger: Logger; now?: () => number; filePath: string }) {
    this.#open = options.open;
    this.#logger = options.logger;
    this.#now = options.now ?? Date.now;
    // The libraries read the file in their constructor, so a corrupt file must be handled before we have a store.
    try {
      this.#store = this.#open();
    } catch (error) {
      if (!isCorruption(error)) throw error;
      if (!rewriteWithoutByteOrderMark(options.filePath)) this.#moveAside(options.filePath);
      this.#store = this.#openOrMoveAside(options.filePath);
    }
  }

  get path(): string {
    return this.#store.path;
  }

  /** Where the last corrupt file was moved; undefined when none was found. */
  get recovered(): { backupPath: string } | undefined {
    return this.#recovered;
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
      if (rewriteWithoutByteOrderMark(this.#store.path)) {
        try {
          return operation();
        } catch (again) {
          if (!isCorruption(again)) throw again;
        }
      }
      this.#moveAside(this.#store.path);
      return operation();
    }
  }

  #openOrMoveAside(filePath: string): JsonFileStore {
    try {
      return this.#open();
    } catch (error) {
      // Rewritten, yet still refused (a schema violation behind the mark): moved aside as any other.
      if (!isCorruption(error)) throw error;
      this.#moveAside(filePath);
      return this.#open();
    }
  }

  #moveAside(filePath: string): void {
    const backupPath = `${filePath}.corrupt-${this.#now()}.bak`;
    renameSync(filePath, backupPath);
    this.#recovered = { backupPath };
    this.#logger.warn('the settings file was not valid and was moved aside; defaults are used', { code: 'settings_corrupt', backupPath });
  }
}

function isCorruption(error: unknown): boolean {
  return error instanceof SyntaxError || (error instanceof Error && error.message.startsWith('Config schema violation'));
}

/**
 * Rewrites a file that is JSON behind a byte-order mark as plain UTF-8 JSON, through a temporary
 * file and a rename so a crash midway leaves the original; false (nothing written) for anything else.
 */
function rewriteWithoutByteOrderMark(filePath: string): boolean {
  let bytes: Buffer;
  let mode: number;
  try {
    bytes = readFileSync(filePath);
    mode = statSync(filePath).mode & 0o777;
  } catch {
    return false;
  }
  const text = textBehindByteOrderMark(bytes);
  if (text === undefined) return false;
  try {
    JSON.parse(text);
  } catch {
    return false;
  }
  const temporary = `${filePath}.${process.pid}.tmp`;
  writeFileSync(temporary, text, { mode });
  renameSync(temporary, filePath);
  return true;
}

function textBehindByteOrderMark(bytes: Buffer): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.subarray(3).toString('utf8');
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return Buffer.from(bytes.subarray(2)).swap16().toString('utf16le');
  return undefined;
}
