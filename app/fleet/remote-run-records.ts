import { markLogsDeleted } from '../bots/mark-logs-deleted.js';
import type { RunHistory, StoredRun } from '../bots/run-history.js';
import type { RunLogs } from '../bots/run-logs.js';
import type { Disposable, LogBatch, LogPage, RunCursor, RunView } from '../common/contract.js';
import { isLiveRunStatus } from '../common/run-status.js';

/**
 * What stays of remote runs on the desktop: their views in `fleet-runs.json` (apart from the
 * local history, so neither rewrites the other) and their logs in the same logs folder as local
 * runs, read back, exported and deleted by retention the same way.
 */
export class RemoteRunRecords {
  constructor(
    readonly history: RunHistory,
    readonly logs: RunLogs,
  ) {}

  /** A remote run of `fleet-runs.json`, or an archived one looked up (`lookUp`). */
  has(runId: string): boolean {
    return this.history.find(runId) !== undefined;
  }

  /** A page of remote runs, the archive (`fleet-runs-archive.jsonl`) included (RunHistory.page). */
  page(filter: { botId?: string; limit?: number; before?: RunCursor }): Promise<RunView[]> {
    return this.history.page(filter);
  }

  lookUp(runId: string): Promise<StoredRun | undefined> {
    return this.history.lookUp(runId);
  }

  readLog(runId: string, fromSeq?: number, limit = 500): LogPage {
    return this.logs.page(runId, fromSeq, limit);
  }

  async exportLog(runId: string): Promise<{ fileName: string; text: string }> {
    await this.history.lookUp(runId);
    return this.logs.export(runId);
  }

  onDidLog(listener: (batch: LogBatch) => void): Disposable {
    return this.logs.onDidLog(listener);
  }

  storedRuns(): readonly StoredRun[] {
    return this.history.all();
  }

  /** Archived remote runs whose logs are kept, the archive compacted first: what retention looks at. */
  archivedRuns(at: number): Promise<readonly StoredRun[]> {
    return this.history.sweepArchive(at);
  }

  /** Retention deleted these runs' files (mark-logs-deleted.ts); live runs are never touched. Returns the runs marked. */
  markLogsDeleted(runIds: readonly string[], at: number, isLive: (runId: string) => boolean): string[] {
    return markLogsDeleted(this.history, this.logs, runIds, at, isLive);
  }

  /** Runs the previous desktop left live: nobody followed them since, so they are `interrupted`. */
  recoverAtStart(endedAt: number): RunView[] {
    const left = this.history.all().filter((run) => isLiveRunStatus(run.status));
    const interrupted = left.map(({ since: _since, ...run }) => ({
      ...run,
      status: 'interrupted' as const,
      endedAt,
      reason: `RPA Supervisor closed while this run was ${run.worker ? `on ${run.worker.name}` : 'waiting for a worker'}; its sign-in lease lapsed. Check the worker, then use Run again if needed.`,
    }));
    this.history.upsertMany(interrupted);
    return interrupted;
  }
}
