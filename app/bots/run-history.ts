import { closeSync, copyFileSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { RunCursor, RunView } from '../common/contract.js';
import type { Logger } from '../ports/logger.js';
import { isLiveRunStatus } from '../common/run-status.js';
import { RunArchive } from './run-archive.js';
import { sweepRunArchive } from './run-archive-sweep.js';
import { isOlder, newestFirst, runPageLimit, storedRunSchema, withLogDeleted, withoutPid, type StoredRun } from './stored-run.js';

export { withLogDeleted, withoutPid, type StoredRun } from './stored-run.js';

/** Archived runs looked up by id (a log opened from an older page) that readLog can still serve. */
const recalledRuns = 100;

const historyFileSchema = z.object({ version: z.literal(1), runs: z.array(z.unknown()) });

/**
 * Run history as one JSON file, rewritten atomically (temp file, fsync, rename) on every change,
 * so a crash mid-write leaves the previous version intact (S26) and live runs can be recognised as
 * `interrupted` after a restart.
 *
 * Writes are synchronous on purpose: a run changes status a handful of times, the file is small
 * (bounded by `maxRuns`), and the record of a starting run must be on disk before its process
 * exists, or a crash in between would leave an untracked bot.
 *
 * Runs pruned from it go to its archive (`<name>-archive.jsonl`, run-archive.ts) first, so pages
 * of history and logs reach back past `maxRuns`; only retention deletes logs, by age.
 */
export class RunHistory {
  readonly path: string;
  readonly archive: RunArchive;
  readonly #maxRuns: number;
  readonly #logger: Logger;
  /** Insertion-ordered, oldest first. */
  readonly #runs = new Map<string, StoredRun>();
  /** Archived runs looked up by id, newest lookup last. */
  readonly #recalled = new Map<string, StoredRun>();
  /** Archived runs whose logs are kept, as the last sweep found them: those retention may mark. */
  #archivedWithLogs = new Set<string>();

  constructor(options: { path: string; logger: Logger; maxRuns?: number; archivePath?: string }) {
    this.path = options.path;
    this.archive = new RunArchive(options.archivePath ?? `${options.path.replace(/\.json$/, '')}-archive.jsonl`);
    this.#logger = options.logger;
    this.#maxRuns = options.maxRuns ?? 1000;
    this.#load();
  }

  all(): StoredRun[] {
    return [...this.#runs.values()];
  }

  get(runId: string): StoredRun | undefined {
    return this.#runs.get(runId);
  }

  /** A run of runs.json, or an archived one already looked up (`lookUp`): what a log can be read for. */
  find(runId: string): StoredRun | undefined {
    return this.#runs.get(runId) ?? this.#recalled.get(runId);
  }

  /** `find`, then the archive: a run from an older page of history. */
  async lookUp(runId: string): Promise<StoredRun | undefined> {
    const known = this.find(runId);
    if (known) return known;
    const archived = await this.archive.find(runId);
    if (archived) this.#recall(archived);
    return this.find(runId) ?? archived;
  }

  /** A run's view as last stored (without the pid). */
  view(runId: string): RunView | undefined {
    const stored = this.#runs.get(runId);
    return stored ? withoutPid(stored) : undefined;
  }

  /** Views, newest first: at most `limit` (1 to 1000, default 100), of one bot if `botId` is given. */
  views(filter: { botId?: string | undefined; limit?: number | undefined } = {}): RunView[] {
    const limit = runPageLimit(filter.limit);
    const runs: RunView[] = [];
    const all = [...this.#runs.values()];
    for (let i = all.length - 1; i >= 0 && runs.length < limit; i -= 1) {
      const stored = all[i];
      if (!stored || (filter.botId !== undefined && stored.botId !== filter.botId)) continue;
      runs.push(withoutPid(stored));
    }
    return runs;
  }

  /**
   * A page of the whole history, runs.json and the archive together, in `newestFirst` order:
   * the newest `limit` runs older than `before`. Paging on with the last run as `before` lists
   * every run once, while runs move to the archive in between.
   */
  async page(filter: { botId?: string | undefined; limit?: number | undefined; before?: RunCursor | undefined } = {}): Promise<RunView[]> {
    const limit = runPageLimit(filter.limit);
    const held = this.#held(filter, limit);
    const last = held.at(-1);
    // The archive is read only when it could hold one of the runs of this page.
    if (held.length === limit && last !== undefined && last.startedAt > this.archive.maxStartedAt()) return held;
    const archived = await this.archive.page({ botId: filter.botId, before: filter.before, limit });
    // Read again: a run pruned while the archive was read is in `held`, one added since is here.
    const byId = new Map<string, RunView>();
    for (const run of [...archived, ...held, ...this.#held(filter, limit)]) byId.set(run.id, run);
    return [...byId.values()].sort(newestFirst).slice(0, limit);
  }

  /**
   * The retention pass's look at the archive: compacted (run-archive-sweep.ts), and its runs whose
   * logs are still kept, which `markArchivedLogsDeleted` may then mark.
   */
  async sweepArchive(at: number): Promise<StoredRun[]> {
    const { withLogs, rewriteError } = await sweepRunArchive(this.archive.path, at);
    if (rewriteError !== undefined) this.#logger.warn('Could not compact the run archive; the next pass tries again', { path: this.archive.path, error: String(rewriteError) });
    const archived = withLogs.filter((run) => !this.#runs.has(run.id));
    this.#archivedWithLogs = new Set(archived.map((run) => run.id));
    return archived;
  }

  /** Retention deleted these archived runs' files: noted in the archive. Returns the runs noted. */
  markArchivedLogsDeleted(runIds: readonly string[], at: number): string[] {
    const noted = runIds.filter((runId) => this.#archivedWithLogs.has(runId) && !this.#runs.has(runId));
    if (noted.length === 0) return [];
    try {
      this.archive.markLogsDeleted(noted, at);
    } catch (error) {
      // The files are gone either way; the next pass finds these runs again and notes them then.
      this.#logger.error('Could not note deleted logs in the run archive', { path: this.archive.path, error: String(error) });
      return [];
    }
    for (const runId of noted) {
      this.#archivedWithLogs.delete(runId);
      const recalled = this.#recalled.get(runId);
      if (recalled) this.#recalled.set(runId, withLogDeleted(recalled, at));
    }
    return noted;
  }

  upsert(run: StoredRun): void {
    this.#runs.set(run.id, { ...run });
    this.#prune();
    this.#save();
  }

  /** Applies several updates with one write (used for the restart sweep). */
  upsertMany(runs: StoredRun[]): void {
    if (runs.length === 0) return;
    for (const run of runs) this.#runs.set(run.id, { ...run });
    this.#prune();
    this.#save();
  }

  /** runs.json's runs of the filter, newest first, at most `limit`. */
  #held(filter: { botId?: string | undefined; before?: RunCursor | undefined }, limit: number): RunView[] {
    const runs: RunView[] = [];
    for (const stored of this.#runs.values()) {
      if ((filter.botId === undefined || stored.botId === filter.botId) && isOlder(stored, filter.before)) runs.push(withoutPid(stored));
    }
    return runs.sort(newestFirst).slice(0, limit);
  }

  #recall(run: RunView): void {
    this.#recalled.delete(run.id);
    this.#recalled.set(run.id, run);
    for (const runId of this.#recalled.keys()) {
      if (this.#recalled.size <= recalledRuns) break;
      this.#recalled.delete(runId);
    }
  }

  #load(): void {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch {
      return;
    }
    try {
      const file = historyFileSchema.parse(JSON.parse(text));
      let skipped = 0;
      for (const raw of file.runs) {
        const parsed = storedRunSchema.safeParse(raw);
        if (parsed.success) this.#runs.set(parsed.data.id, parsed.data);
        else skipped += 1;
      }
      // The next save rewrites the file without them (a run a newer version wrote, a hand edit):
      // a copy keeps them for support, as for a file that cannot be read at all.
      if (skipped > 0) this.#copyAside(skipped);
    } catch (error) {
      // A hand-edited or truncated file must not stop the app; keep a copy for support.
      const backup = `${this.path}.corrupt-${Date.now()}`;
      try {
        renameSync(this.path, backup);
      } catch {
        // Nothing more we can do; the next save replaces it.
      }
      this.#logger.warn('Run history was unreadable and has been set aside', { backup, error: String(error) });
    }
  }

  #copyAside(skipped: number): void {
    const backup = `${this.path}.corrupt-${Date.now()}`;
    try {
      copyFileSync(this.path, backup);
    } catch (error) {
      this.#logger.error('Runs in the run history were unreadable, and the file could not be copied aside', { skipped, error: String(error) });
      return;
    }
    this.#logger.warn('Runs in the run history were unreadable and are left out; the file was copied aside', { backup, skipped });
  }

  /**
   * Past `maxRuns`, the oldest finished runs go to the archive, a twentieth of `maxRuns` at a time
   * so a start pays for the archive's fsync once in fifty runs, not every time. A run leaves only
   * once its archive line is on disk; if that fails it stays, and the next change tries again.
   */
  #prune(): void {
    if (this.#runs.size <= this.#maxRuns) return;
    const target = this.#maxRuns - Math.floor(this.#maxRuns / 20);
    const leaving: StoredRun[] = [];
    for (const run of this.#runs.values()) {
      if (this.#runs.size - leaving.length <= target) break;
      if (!isLiveRunStatus(run.status)) leaving.push(run);
    }
    if (leaving.length === 0) return;
    try {
      this.archive.append(leaving.map(withoutPid));
    } catch (error) {
      this.#logger.error('Could not add runs to the run archive; they stay in the run history for now', { path: this.archive.path, error: String(error) });
      return;
    }
    for (const run of leaving) this.#runs.delete(run.id);
  }

  #save(): void {
    const temp = `${this.path}.${process.pid}.tmp`;
    try {
      mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 });
      const fd = openSync(temp, 'w', 0o600);
      try {
        writeSync(fd, JSON.stringify({ version: 1, runs: this.all() }));
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(temp, this.path);
    } catch (error) {
      this.#logger.error('Could not save run history', { path: this.path, error: String(error) });
    }
  }
}
