import { formatBytes } from '../common/format-bytes.js';

/** What one retention pass deleted, in counts (never content). */
export interface RetentionPassCounts {
  runs: number;
  runLogFiles: number;
  artifactFiles: number;
  diagnosticFiles: number;
  bytes: number;
  /** Runs whose files could not all be deleted: left as they are, for the next pass. */
  failedRuns: number;
}

function counted(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** The audit record's sentence for a pass, as a practice manager reads it in the audit trail. */
export function retentionPassDetail({ runs, runLogFiles, artifactFiles, diagnosticFiles, bytes, failedRuns }: RetentionPassCounts): string {
  const failed = failedRuns === 0 ? '' : ` The files of ${counted(failedRuns, 'run', 'runs')} could not be deleted; the next pass tries again.`;
  return (
    `Retention deleted the logs of ${counted(runs, 'run', 'runs')} (${counted(runLogFiles, 'log file', 'log files')}, ${counted(artifactFiles, 'artifact file', 'artifact files')}) ` +
    `and ${counted(diagnosticFiles, 'diagnostic log file', 'diagnostic log files')}, ${formatBytes(bytes, 'up')} in all.${failed}`
  );
}
