import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Disposable, LogBatch, LogPage } from '../common/contract.js';
import { defaultRedactionSettings, type RedactionSettings } from '../common/patient-data.js';
import { ListenerSet } from '../common/listener-set.js';
import { supervisorError } from '../error-catalogue.js';
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { BotProcessOptions } from './bot-process.js';
import { LogBatcher } from './log-batcher.js';
import { LogMemoryBudget } from './log-memory-budget.js';
import { PatientRedactor } from './patient-redactor.js';
import { readRunLogFiles } from './read-run-log-files.js';
import type { LiveRunLogs } from './live-run-logs.js';
import type { Redactor } from './redactor.js';
import { RotatingLogFile } from './rotating-log-file.js';
import type { StoredRun } from './run-history.js';
import { defaultLogMemoryBudgetUnits, defaultRunLogLimits, RunLog, type RunLogLimits } from './run-log.js';

/** Finished runs' logs kept in memory for readLog; older ones are read back from their files. */
const finishedLogCacheSize = 20;
/** File backlog beyond which a bot's output is paused until the disk catches up. */
const fileBacklogLimitBytes = 128 * 1024;

export interface RunLogsDeps {
  /** `<dataDir>/logs`: `<runId>.log` and its rotated `.log.1`. */
  logsDir: string;
  clock: Clock;
  logger: Logger;
  redactor: Redactor;
  /** `redrawSnapshotMs`: how often a line still being redrawn is shown as drawn (default 5 s; tests shorten it). */
  limits?: (Partial<RunLogLimits> & { fileMaxBytes?: number; redrawSnapshotMs?: number | undefined }) | undefined;
  /** Whether anybody wants a run's live lines; others stay in the ring and the file for readLog. */
  isLogFollowed: (runId: string) => boolean;
  /** Which runs exist, and their bots (a run is in the history from the moment it is created). */
  history: { get(runId: string): StoredRun | undefined };
  onListenerError: (error: unknown) => void;
  /** Which patient identifiers a profile's runs have redacted from their output. Default: the defaults. */
  redactionFor?: ((profileId: string) => RedactionSettings) | undefined;
  /** Where the live runs' logs are found by id, for lines written about a run from elsewhere. */
  live?: LiveRunLogs | undefined;
}

/**
 * The log side of runs: one RunLog per live run (ring, rotating file, live batches), the capture
 * settings a bot process writes through, a cache of finished runs' logs, and reading a log back
 * as a page or as its whole files.
 */
export class RunLogs {
  readonly #deps: RunLogsDeps;
  readonly #limits: RunLogLimits;
  readonly #fileMaxBytes: number;
  readonly #batcher: LogBatcher;
  readonly #listeners: ListenerSet<LogBatch>;
  readonly #live = new Map<string, RunLog>();
  readonly #finished = new Map<string, RunLog>();
  /** Shared by every run's in-memory ring (live and cached finished ones). */
  readonly #budget = new LogMemoryBudget(defaultLogMemoryBudgetUnits);

  constructor(deps: RunLogsDeps) {
    this.#deps = deps;
    this.#limits = { ...defaultRunLogLimits, ...deps.limits };
    this.#fileMaxBytes = deps.limits?.fileMaxBytes ?? 5 * 1024 * 1024;
    this.#listeners = new ListenerSet(deps.onListenerError);
    this.#batcher = new LogBatcher({ clock: deps.clock, emit: (batch) => this.#listeners.emit(batch) });
    mkdirSync(deps.logsDir, { recursive: true, mode: 0o700 });
  }

  /** A profile's patient-identifier settings as they are now (a fleet ticket carries them to its worker). */
  redactionOf(profileId: string | undefined): RedactionSettings {
    return profileId === undefined ? defaultRedactionSettings : (this.#deps.redactionFor?.(profileId) ?? defaultRedactionSettings);
  }

  /**
   * A new run's log, written to its file and, while somebody follows the run, batched live. Its
   * patient-identifier settings are the profile's as the run starts.
   */
  open(runId: string, profileId?: string): RunLog {
    const settings = this.redactionOf(profileId);
    const log = new RunLog({
      runId,
      clock: this.#deps.clock,
      redactor: this.#deps.redactor,
      patient: new PatientRedactor(settings),
      limits: this.#limits,
      budget: this.#budget,
      file: new RotatingLogFile({
        path: this.#path(runId),
        maxBytes: this.#fileMaxBytes,
        onError: (error) => this.#deps.logger.error('Could not write a run log', { runId, error: String(error) }),
      }),
      onLine: (line) => {
        if (this.#deps.isLogFollowed(runId)) this.#batcher.add(runId, line);
      },
    });
    this.#live.set(runId, log);
    this.#deps.live?.add(log);
    return log;
  }

  /** How a bot's process feeds its run's log, pausing the bot while the disk falls behind. */
  capture(log: RunLog): Pick<BotProcessOptions, 'keepLineBytes' | 'prepareLines' | 'redrawSnapshotMs' | 'onLine' | 'backpressure'> {
    return {
      keepLineBytes: log.keepBytes,
      redrawSnapshotMs: this.#deps.limits?.redrawSnapshotMs,
      prepareLines: (wholeLines) => log.prepare(wholeLines),
      onLine: (stream, line) => log.write(stream, line.text, line.droppedBytes, line.prepared === true),
      backpressure: () => (log.fileBacklogBytes > fileBacklogLimitBytes ? log.whenFileDrained() : undefined),
    };
  }

  /** The run ended: its last live lines go out now, and its log joins the finished cache. */
  finish(runId: string): void {
    this.#batcher.flush(runId);
    this.#deps.live?.remove(runId);
    const log = this.#live.get(runId);
    if (!log) return;
    this.#live.delete(runId);
    this.#remember(log);
    void log.close();
  }

  /** A page of a run's log; without `fromSeq`, the newest `limit` lines. */
  page(runId: string, fromSeq: number | undefined, limit: number): LogPage {
    const bounded = Math.min(Math.max(Math.floor(limit), 1), 5000);
    return this.#logFor(runId).page(fromSeq, bounded);
  }

  /**
   * The run's whole log as its files hold it (`.log.1`, then `.log`), in the file format: every
   * line, where `page` has only what the ring buffer still holds. For a live run, the lines
   * written before the call are included.
   */
  async export(runId: string): Promise<{ fileName: string; text: string }> {
    const run = this.#deps.history.get(runId);
    if (!run) throw supervisorError('unknown_run', runId);
    // Lines already shown may still be on their way to the disk.
    await (this.#live.get(runId) ?? this.#finished.get(runId))?.whenFileWritten();
    const text = await readRunLogFiles({ runId, path: this.#path(runId) });
    if (text === undefined) throw supervisorError('run_log_missing', runId);
    return { fileName: `${run.botId}-${runId}.full-log.txt`, text };
  }

  /**
   * Retention deleted the run's files: the in-memory copy goes too, so nothing of the log stays
   * readable. A live run is never forgotten (S68); the caller checks, and so does this.
   */
  forget(runId: string): void {
    if (this.#live.has(runId)) return;
    const log = this.#finished.get(runId);
    if (!log) return;
    this.#finished.delete(runId);
    log.release();
    void log.close();
  }

  /** Whether the run's log is still being written (the run is live). */
  isLive(runId: string): boolean {
    return this.#live.has(runId);
  }

  /** Live lines, batched per run and flushed at most every 50 ms. */
  onDidLog(listener: (batch: LogBatch) => void): Disposable {
    return this.#listeners.add(listener);
  }

  /** After every run has finished: closes the cached logs' files. */
  async dispose(): Promise<void> {
    this.#batcher.dispose();
    await Promise.all([...this.#finished.values()].map((log) => log.close()));
    this.#listeners.clear();
  }

  #logFor(runId: string): RunLog {
    const known = this.#live.get(runId) ?? this.#finished.get(runId);
    if (known) return known;
    if (!this.#deps.history.get(runId)) throw supervisorError('unknown_run', runId);
    const log = RunLog.fromFile({
      runId,
      path: this.#path(runId),
      clock: this.#deps.clock,
      redactor: this.#deps.redactor,
      limits: this.#limits,
      budget: this.#budget,
    });
    this.#remember(log);
    return log;
  }

  #remember(log: RunLog): void {
    this.#finished.delete(log.runId);
    this.#finished.set(log.runId, log);
    for (const runId of this.#finished.keys()) {
      if (this.#finished.size <= finishedLogCacheSize) break;
      this.#finished.get(runId)?.release();
      this.#finished.delete(runId);
    }
  }

  #path(runId: string): string {
    return join(this.#deps.logsDir, `${runId}.log`);
  }
}
