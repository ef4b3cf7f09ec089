/** A run's log as the window reads it: live batches and pages. Re-exported by views.ts. */

export type LogStream = 'stdout' | 'stderr' | 'system';

export interface LogLine {
  /** Monotonic per run, starting at 0. */
  seq: number;
  at: number;
  stream: LogStream;
  /** Redacted, ANSI-stripped, bounded text. Render as text only. */
  text: string;
}

export interface LogBatch {
  runId: string;
  lines: LogLine[];
}

export interface LogPage {
  runId: string;
  lines: LogLine[];
  /** Sequence number to pass as `fromSeq` for the next page, or null at the live end. */
  nextSeq: number | null;
  /** The oldest sequence number still held in memory. */
  firstSeq: number;
}
