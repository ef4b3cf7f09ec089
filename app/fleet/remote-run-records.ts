import { withLogDeleted, type RunHistory, type StoredRun } from '../bots/run-history.js';
import type { RunLogs } from '../bots/run-logs.js';
import type { Disposable, LogBatch, LogPage, RunView } from '../common/contract.js';
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

  has(runId: string): boolean {
    return this.history.get(runId) !== undefined;
  }

  readLog(runId: string, fromSeq?: number, limit = 500): LogPage {
    return this.logs.page(runId, fromSeq, limit);
  }

  async exportLog(runId: string): Promise<{ fileName: string; text: string }> {
    return this.logs.export(runId);
  }

  onDidLog(listener: (batch: LogBatch) => void): Disposable {
    return this.logs.onDidLog(listener);
  }

  storedRuns(): readonly StoredRun[] {
    return this.history.all();
  }

  /** Retention deleted these runs' files (see RunManager.markLogsDeleted); live runs are never touched. */
  markLogsDeleted(runIds: readonly string[], at: number, isLive: (runId: string) => boolean): StoredRun[] {
    const updated = runIds.flatMap((runId) => {
      const stored = this.history.get(runId);
      if (stored === undefined || isLive(runId)) return [];
      this.logs.forget(runId);
      return [withLogDeleted(stored, at)];
    });
    this.history.upsertMany(updated);
    return updated;
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
