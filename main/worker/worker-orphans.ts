import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { killRunLeftovers } from '../../app/bots/kill-process-tree.js';
import { OrphanReaper } from '../../app/bots/orphan-reaper.js';
import type { Logger } from '../../app/ports/logger.js';
import { fileProblem } from '../../app/common/file-problem.js';

/** The worker's list of live runs in its data folder; what a restart reads to find its leftovers. */
export const liveRunsFileName = 'live-runs.json';

/**
 * A worker's bots never outlive it, as on the desktop (S38): while it runs, the orphan reaper (a
 * detached `node -e` process) kills the bots of a worker that dies, even by SIGKILL; and because
 * the reaper can die with it (a power cut, the whole session killed), the live runs are also kept
 * in a file, and a restarted worker kills whatever still carries their RPA_RUN_ID before it takes
 * new work.
 */
export class WorkerOrphans {
  readonly #file: string;
  readonly #reaper: OrphanReaper;
  readonly #live = new Set<string>();
  readonly #logger: Logger;

  constructor(options: { dataDir: string; logger: Logger; nodeExecutable?: string }) {
    this.#file = join(options.dataDir, liveRunsFileName);
    this.#logger = options.logger;
    this.#reaper = new OrphanReaper({ nodeExecutable: options.nodeExecutable ?? process.execPath, logger: options.logger });
  }

  /** The reaper's pid while it runs (for tests). */
  get reaperPid(): number | undefined {
    return this.#reaper.pid;
  }

  /**
   * Once, at start: the runs a previous instance left live, after killing every process still
   * carrying their run id. The list is then cleared, so each is reported once.
   */
  async recover(): Promise<{ runId: string; killed: number }[]> {
    const left = readLiveRuns(this.#file);
    const recovered = await Promise.all(left.map(async (runId) => ({ runId, killed: await killRunLeftovers(runId) })));
    rmSync(this.#file, { force: true });
    return recovered;
  }

  /** A bot process exists for this run. */
  started(runId: string, pid: number | undefined): void {
    // The reaper first: it alone covers a crash of this process, whatever happens to the file.
    this.#reaper.start();
    if (pid !== undefined) this.#reaper.track(runId, pid);
    this.#live.add(runId);
    this.#save(runId);
  }

  /** The run's bot has exited and its group was dealt with. */
  ended(runId: string): void {
    this.#reaper.untrack(runId);
    if (this.#live.delete(runId)) this.#save(runId);
  }

  /** Normal shutdown, after the bots were stopped. */
  close(): void {
    this.#reaper.close();
  }

  /**
   * A list that cannot be written (a full disk, a folder made read-only) must not take the run
   * down with it: its bot is already running, and failing here would leave it running unwatched
   * and its end unreported. Said, and the run goes on under the reaper.
   */
  #save(runId: string): void {
    // Written whole then renamed, so a crash mid-write never leaves half a list.
    const temp = `${this.#file}.tmp`;
    try {
      writeFileSync(temp, JSON.stringify([...this.#live]), { mode: 0o600 });
      renameSync(temp, this.#file);
    } catch (error) {
      this.#logger.warn(`Could not save this worker's live runs in ${this.#file} (${fileProblem(error)}): the run goes on, but if this computer loses power while it runs, restart the worker to stop its bot. Free space in the data folder or let the worker's user write to it.`, { runId });
    }
  }
}

function readLiveRuns(file: string): string[] {
  try {
    const value: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string' && /^[A-Za-z0-9_-]{1,128}$/.test(id)) : [];
  } catch {
    // No file (a clean stop) or an unreadable one: nothing to reap by name.
    return [];
  }
}
