import { watch, type FSWatcher } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Disposable } from '../common/contract.js';
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import { loadBotManifests, type BotManifest, type BotManifestError, type ManifestPathOptions } from './bot-manifest.js';

export interface CatalogueScan {
  dir: string;
  manifests: BotManifest[];
  errors: BotManifestError[];
  /** Errors not reported by the previous scan of this folder, so each problem is announced once. */
  newErrors: BotManifestError[];
  /** Set when the folder itself could not be read (missing, not a folder, no permission). */
  folderError?: BotManifestError;
}

export interface BotCatalogueDeps {
  dir: string;
  clock: Clock;
  logger: Logger;
  onScan: (scan: CatalogueScan) => void;
  /** Quiet time after the last change before re-scanning; editors write in bursts. Default 150 ms. */
  debounceMs?: number;
  /** How often a missing or unwatchable folder is looked for again. Default 2 s. */
  retryMs?: number;
  /** The machine policy's allowed folders, which every manifest's paths must stay inside. */
  paths?: ManifestPathOptions;
}

/**
 * The bot catalogue: every `*.bot.json` in one folder, kept current. The folder is watched
 * (fs.watch, debounced) and re-scanned whole on any change, which is simpler and more robust than
 * applying individual events: editors save through temp files and renames, and fs.watch event
 * details differ per platform. When the folder is missing or its watch breaks (it was deleted or
 * replaced), the catalogue looks for it again every `retryMs` and resumes watching when it returns.
 */
export class BotCatalogue {
  readonly #deps: BotCatalogueDeps;
  readonly #debounceMs: number;
  readonly #retryMs: number;
  #dir: string;
  #watcher: FSWatcher | undefined;
  #watchedIno: number | undefined;
  #debounce: Disposable | undefined;
  #retry: Disposable | undefined;
  #reported = new Set<string>();
  #scanning: Promise<void> = Promise.resolve();
  #generation = 0;
  #disposed = false;

  constructor(deps: BotCatalogueDeps) {
    this.#deps = deps;
    this.#dir = deps.dir;
    this.#debounceMs = deps.debounceMs ?? 150;
    this.#retryMs = deps.retryMs ?? 2000;
  }

  get dir(): string {
    return this.#dir;
  }

  /** The first scan; resolves once the catalogue has been reported. */
  async start(): Promise<void> {
    await this.rescan();
  }

  /** Switches to another folder (a preference change) and scans it at once. */
  async setDir(dir: string): Promise<void> {
    if (dir === this.#dir) return;
    this.#dir = dir;
    this.#generation += 1;
    this.#unwatch();
    this.#reported = new Set();
    await this.rescan();
  }

  /** Scans now; scans never overlap, and a scan of a folder since switched away from is dropped. */
  rescan(): Promise<void> {
    this.#scanning = this.#scanning.then(() => this.#scan()).catch((error: unknown) => {
      this.#deps.logger.error('Scanning the bots folder failed', { error: String(error) });
    });
    return this.#scanning;
  }

  dispose(): void {
    this.#disposed = true;
    this.#unwatch();
    this.#debounce?.dispose();
    this.#retry?.dispose();
  }

  async #scan(): Promise<void> {
    if (this.#disposed) return;
    const generation = this.#generation;
    const dir = this.#dir;
    const { manifests, errors } = await loadBotManifests(dir, this.#deps.paths);
    if (this.#disposed || generation !== this.#generation) return;
    const folderError = errors.find((error) => error.file === dir);
    if (folderError) {
      this.#unwatch();
      this.#scheduleRetry();
    } else {
      await this.#ensureWatching(dir, generation);
    }
    const keyOf = (error: BotManifestError) => `${error.file}\u0000${error.message}`;
    const newErrors = errors.filter((error) => !this.#reported.has(keyOf(error)));
    this.#reported = new Set(errors.map(keyOf));
    this.#deps.onScan({ dir, manifests, errors, newErrors, ...(folderError ? { folderError } : {}) });
  }

  async #ensureWatching(dir: string, generation: number): Promise<void> {
    let ino: number;
    try {
      ino = (await stat(dir)).ino;
    } catch {
      this.#unwatch();
      this.#scheduleRetry();
      return;
    }
    if (this.#disposed || generation !== this.#generation) return;
    // A folder deleted and re-created in between has a new inode; the old watch sees nothing.
    if (this.#watcher && this.#watchedIno === ino) return;
    this.#unwatch();
    try {
      const watcher = watch(dir, { persistent: false }, () => this.#changed());
      watcher.on('error', (error) => {
        this.#deps.logger.warn('Watching the bots folder stopped', { error: String(error) });
        this.#unwatch();
        this.#changed();
      });
      this.#watcher = watcher;
      this.#watchedIno = ino;
      this.#retry?.dispose();
      this.#retry = undefined;
    } catch (error) {
      // Some file systems (network shares) cannot be watched; look again from time to time.
      this.#deps.logger.warn('The bots folder cannot be watched; re-scanning periodically', { error: String(error) });
      this.#scheduleRetry();
    }
  }

  #changed(): void {
    if (this.#disposed) return;
    this.#debounce?.dispose();
    this.#debounce = this.#deps.clock.setTimer(() => {
      this.#debounce = undefined;
      void this.rescan();
    }, this.#debounceMs);
  }

  #scheduleRetry(): void {
    if (this.#disposed || this.#retry) return;
    this.#retry = this.#deps.clock.setTimer(() => {
      this.#retry = undefined;
      void this.rescan();
    }, this.#retryMs);
  }

  #unwatch(): void {
    this.#watcher?.close();
    this.#watcher = undefined;
    this.#watchedIno = undefined;
  }
}
