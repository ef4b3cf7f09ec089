import type { RunHistory } from './run-history.js';
import type { RunLogs } from './run-logs.js';
import { withLogDeleted, type StoredRun } from './stored-run.js';

/**
 * Retention deleted these runs' files: their history entries, in runs.json or the archive, keep
 * the summary and say when, and nothing of their logs stays in memory. Live runs are never
 * touched (S68). Returns the runs marked.
 */
export function markLogsDeleted(history: RunHistory, logs: Pick<RunLogs, 'forget'>, runIds: readonly string[], at: number, isLive: (runId: string) => boolean): string[] {
  const updated: StoredRun[] = [];
  const archived: string[] = [];
  for (const runId of runIds) {
    if (isLive(runId)) continue;
    const stored = history.get(runId);
    if (stored) updated.push(withLogDeleted(stored, at));
    else archived.push(runId);
  }
  history.upsertMany(updated);
  const marked = [...updated.map((run) => run.id), ...history.markArchivedLogsDeleted(archived, at)];
  for (const runId of marked) logs.forget(runId);
  return marked;
}
