import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Disposable, UserView } from '../common/contract.js';
import { dayMs } from '../common/patient-data.js';
import { isLiveRunStatus } from '../common/run-status.js';
import type { AuditEvent } from '../audit/audit-record.js';
import { isKeptArtifactFile } from '../artifacts/artifact-room.js';
import { automaticActor } from '../audit/current-person.js';
import type { StoredRun } from '../bots/run-history.js';
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import { retentionPassDetail, type RetentionPassCounts } from './retention-pass-detail.js';

/** What retention needs from the runs: their history, which are live, and where their files are. */
export interface RetentionRuns {
  readonly logsDir: string;
  readonly artifactsDir: string;
  storedRuns(): readonly StoredRun[];
  /** Runs pruned from the history to its archive whose logs are still kept (the archive compacted first). */
  archivedRuns?(at: number): Promise<readonly StoredRun[]>;
  isLive(runId: string): boolean;
  markLogsDeleted(runIds: readonly string[], at: number): void;
}

export interface RetentionDeps {
  clock: Clock;
  logger: Logger;
  runs: RetentionRuns;
  /** Days a profile's run logs and artifacts are kept (the profile's setting, or the policy's). */
  retentionDaysFor(profileId: string): number;
  /** Days diagnostic logs, and the files of runs no longer in the history, are kept. */
  diagnosticRetentionDays(): number;
  /** The audit trail's append: a pass that deleted anything is recorded with counts, never content. */
  audit: { record(event: AuditEvent): void };
  /** Told about each run whose files a pass deleted (the artifact store forgets their bytes). */
  onRunFilesDeleted?: (runId: string) => void;
  /** Who a pass is recorded as: by default the computer account, marked as automatic (`automaticActor`). */
  actor?: () => UserView;
  /** Files deleted between yields to the event loop. Default 25. */
  batchSize?: number;
}

/** What one pass removed: counts only. */
export interface RetentionPassResult extends RetentionPassCounts {
  at: number;
}

/** Between passes: once a day, and once shortly after start-up. */
export const retentionIntervalMs = dayMs;
const firstPassDelayMs = 60_000;

const runLogFile = /^(?<runId>[^.]+)\.log(?:\.\d+)?$/;
/** Run ids the app makes (`run-<base36>-<hex>`): one plain folder name, never `..` or a path. */
const runIdPattern = /^[A-Za-z0-9_-]{1,128}$/;

/**
 * Deletes run logs, run artifacts and diagnostic logs older than their retention period
 * (docs/providers.md, "Retention"). Run history entries stay, marked "log deleted by retention".
 *
 * A pass never blocks the UI: it is asynchronous, deletes in small batches with a yield between
 * them, and runs on a timer, never on a command's path. Nothing of a live run is touched (S68):
 * the run's history entry says it is live, or the run manager does. A run whose files cannot be
 * deleted is left whole for the next pass, and the pass goes on with the others. The audit trail
 * has its own retention and is never deleted here.
 */
export class RetentionService {
  readonly #deps: RetentionDeps;
  #timer: Disposable | undefined;
  #running: Promise<RetentionPassResult> | undefined;
  #disposed = false;

  constructor(deps: RetentionDeps) {
    this.#deps = deps;
  }

  /** Arms the first pass (a minute after start-up, off the start-up path) and then one a day. */
  start(firstDelayMs = firstPassDelayMs): void {
    this.#arm(firstDelayMs);
  }

  /** One pass now (or the one already under way). */
  runPass(): Promise<RetentionPassResult> {
    this.#running ??= this.#pass().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  dispose(): void {
    this.#disposed = true;
    this.#timer?.dispose();
    this.#timer = undefined;
  }

  /** Stops the timer and waits for a pass under way, so shutdown never cuts one in half. */
  async close(): Promise<void> {
    this.dispose();
    await this.#running?.catch(() => undefined);
  }

  #arm(delayMs: number): void {
    if (this.#disposed) return;
    this.#timer?.dispose();
    this.#timer = this.#deps.clock.setTimer(() => {
      void this.runPass()
        .catch((error: unknown) => this.#deps.logger.error('Retention pass failed', { error: String(error) }))
        .finally(() => this.#arm(retentionIntervalMs));
    }, delayMs);
  }

  async #pass(): Promise<RetentionPassResult> {
    const { clock, runs, logger } = this.#deps;
    const at = clock.now();
    const result: RetentionPassResult = { at, runs: 0, runLogFiles: 0, artifactFiles: 0, diagnosticFiles: 0, bytes: 0, failedRuns: 0 };
    const known = new Set<string>();
    const expired: string[] = [];
    for (const run of [...runs.storedRuns(), ...((await runs.archivedRuns?.(at)) ?? [])]) {
      known.add(run.id);
      if (run.logDeletedAt !== undefined || isLiveRunStatus(run.status) || runs.isLive(run.id)) continue;
      // A damaged or edited history must not aim the recursive delete outside the artifacts folder.
      if (!runIdPattern.test(run.id)) {
        logger.warn('Retention skipped a run whose id is not a plain name', { length: run.id.length });
        continue;
      }
      const endedAt = run.endedAt ?? run.startedAt;
      if (endedAt <= at - this.#deps.retentionDaysFor(run.profileId) * dayMs) expired.push(run.id);
    }
    // One listing for the whole pass: a listing per run is quadratic in the number of runs.
    const logFiles = groupRunLogFiles(await listNames(runs.logsDir));
    let batch: string[] = [];
    const flush = () => {
      if (batch.length > 0) runs.markLogsDeleted(batch, at);
      result.runs += batch.length;
      batch = [];
    };
    for (const runId of expired) {
      // Checked again at the moment of deletion: the pass yields, and nothing live is touched.
      if (runs.isLive(runId)) continue;
      try {
        // Artifacts first: if they cannot go, the log stays too and the run is still whole on screen.
        result.artifactFiles += await this.#removeTree(join(runs.artifactsDir, runId), result);
        for (const name of logFiles.get(runId) ?? []) result.runLogFiles += await this.#removeFile(join(runs.logsDir, name), result);
      } catch (error) {
        // A file another program holds (or a folder made read-only) must not stop the pass for every other run.
        result.failedRuns += 1;
        logger.warn('Retention could not delete a run\'s files; the next pass tries again', { runId, error: errorCode(error) });
        continue;
      }
      this.#deps.onRunFilesDeleted?.(runId);
      batch.push(runId);
      if (batch.length >= this.#batchSize) {
        flush();
        await yieldToEventLoop();
      }
    }
    flush();
    result.diagnosticFiles = await this.#sweepDiagnostics(known, at, result);
    this.#record(result);
    return result;
  }

  /** Diagnostic logs, and files of runs the history no longer holds, by their last write. */
  async #sweepDiagnostics(known: Set<string>, at: number, result: RetentionPassResult): Promise<number> {
    const cutoff = at - this.#deps.diagnosticRetentionDays() * dayMs;
    const { runs, logger } = this.#deps;
    let removed = 0;
    for (const name of await listNames(runs.logsDir)) {
      const runId = runLogFile.exec(name)?.groups?.runId;
      if (runId !== undefined && (known.has(runId) || runs.isLive(runId))) continue;
      const path = join(runs.logsDir, name);
      const info = await stat(path).catch(() => undefined);
      if (!info?.isFile() || info.mtimeMs > cutoff) continue;
      try {
        removed += await this.#removeFile(path, result, info.size);
      } catch (error) {
        logger.warn('Retention could not delete a diagnostic log; the next pass tries again', { error: errorCode(error) });
      }
      if (removed > 0 && removed % this.#batchSize === 0) await yieldToEventLoop();
    }
    for (const name of await listNames(runs.artifactsDir)) {
      if (known.has(name) || runs.isLive(name)) continue;
      const info = await stat(join(runs.artifactsDir, name)).catch(() => undefined);
      if (!info || info.mtimeMs > cutoff) continue;
      try {
        result.artifactFiles += await this.#removeTree(join(runs.artifactsDir, name), result);
        // Else the artifact store counts the deleted bytes against its cap for all runs until a restart.
        this.#deps.onRunFilesDeleted?.(name);
      } catch (error) {
        logger.warn('Retention could not delete the files of a run no longer in the history; the next pass tries again', { error: errorCode(error) });
      }
    }
    return removed;
  }

  /** Removes one file; returns 1, or 0 when it was already gone. */
  async #removeFile(path: string, result: RetentionPassResult, knownSize?: number): Promise<number> {
    const size = knownSize ?? (await stat(path).catch(() => undefined))?.size;
    if (size === undefined) return 0;
    await rm(path, { force: true });
    result.bytes += size;
    return 1;
  }

  /** Removes a run's artifact folder; returns how many of its files the bot attached (not the index or refusal record beside them). */
  async #removeTree(dir: string, result: RetentionPassResult): Promise<number> {
    const names = await listNames(dir);
    let files = 0;
    let bytes = 0;
    for (const name of names) {
      const info = await stat(join(dir, name)).catch(() => undefined);
      if (!info?.isFile()) continue;
      if (isKeptArtifactFile(name)) files += 1;
      bytes += info.size;
    }
    if (names.length > 0 || (await stat(dir).catch(() => undefined))) await rm(dir, { recursive: true, force: true });
    result.bytes += bytes;
    return files;
  }

  #record(result: RetentionPassResult): void {
    const { runs, runLogFiles, artifactFiles, diagnosticFiles, bytes, failedRuns } = result;
    if (runs + runLogFiles + artifactFiles + diagnosticFiles + failedRuns === 0) return;
    const detail = retentionPassDetail(result);
    const actor = this.#deps.actor?.() ?? automaticActor('retention pass');
    this.#deps.audit.record({ type: 'retentionPass', actor, detail });
    this.#deps.logger.info('Retention pass', { runs, runLogFiles, artifactFiles, diagnosticFiles, bytes, failedRuns });
  }

  get #batchSize(): number {
    return Math.max(1, this.#deps.batchSize ?? 25);
  }
}

async function listNames(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch {
    return [];
  }
}

/** A run's log files (`<runId>.log`, `<runId>.log.1`, …) by run id. */
function groupRunLogFiles(names: readonly string[]): Map<string, string[]> {
  const byRun = new Map<string, string[]>();
  for (const name of names) {
    const runId = runLogFile.exec(name)?.groups?.runId;
    if (runId === undefined) continue;
    const files = byRun.get(runId);
    if (files) files.push(name);
    else byRun.set(runId, [name]);
  }
  return byRun;
}

/** The reason for the diagnostic log (`EACCES`, `EPERM`, `EBUSY`…), without the message's path. */
function errorCode(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : error instanceof Error ? error.name : 'unknown';
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
