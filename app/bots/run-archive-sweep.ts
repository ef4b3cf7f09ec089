import { closeSync, fsyncSync, openSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import type { RunView } from '../common/contract.js';
import { dayMs } from '../common/patient-data.js';
import { readLinesForward } from '../audit/read-lines.js';
import { parseArchiveLine, runLine } from './run-archive.js';
import { withLogDeleted } from './stored-run.js';

/**
 * How long the archive keeps a summary once retention deleted the run's log: over a year, so "the
 * same week last year" can still be looked up. The audit trail, which is never deleted, keeps every
 * run's start and end beyond that.
 */
export const archiveSummaryDays = 400;
/** The most summaries the archive keeps, oldest dropped first: over a year and a half at 150 runs a day. */
export const archiveMaxRuns = 100_000;

export interface ArchiveSweepResult {
  /** Archived runs whose logs retention has not deleted, oldest first: what the pass looks at. */
  withLogs: RunView[];
  /** Whether the file was rewritten. */
  compacted: boolean;
  /** Why a rewrite that was due failed (the file is left as it was, for the next pass). */
  rewriteError?: unknown;
}

/**
 * The retention pass's turn at the archive (off the UI's path): reads it whole, applies the notes
 * of deleted logs to their runs, drops summaries beyond the archive's bound, and rewrites it (temp
 * file, fsync, rename) if anything changed. Appends made while it reads are carried over: the copy
 * of what was appended since and the rename are one synchronous step, so no append falls between.
 * Throws only when the archive cannot be read: then the pass must not treat archived runs' logs as
 * nobody's.
 */
export async function sweepRunArchive(path: string, at: number, bound = { days: archiveSummaryDays, maxRuns: archiveMaxRuns }): Promise<ArchiveSweepResult> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { withLogs: [], compacted: false };
    throw error;
  }
  const runs = new Map<string, RunView>();
  let changed = false;
  let end: number;
  try {
    end = (await handle.stat()).size;
    for await (const line of readLinesForward(handle, end)) {
      const parsed = line.terminated ? parseArchiveLine(line.text) : undefined;
      if (parsed?.kind === 'run') {
        if (runs.has(parsed.run.id)) changed = true;
        runs.set(parsed.run.id, parsed.run);
        continue;
      }
      // A note is applied and goes; so does a torn or unreadable line.
      changed = true;
      if (parsed?.kind !== 'logDeleted') continue;
      for (const id of parsed.ids) {
        const run = runs.get(id);
        if (run && run.logDeletedAt === undefined) runs.set(id, withLogDeleted(run, parsed.at));
      }
    }
  } finally {
    await handle.close();
  }
  const cutoff = at - bound.days * dayMs;
  for (const [id, run] of runs) {
    if (run.logDeletedAt === undefined || (run.endedAt ?? run.startedAt) > cutoff) continue;
    runs.delete(id);
    changed = true;
  }
  for (const id of runs.keys()) {
    if (runs.size <= bound.maxRuns) break;
    runs.delete(id);
    changed = true;
  }
  const withLogs = [...runs.values()].filter((run) => run.logDeletedAt === undefined);
  if (!changed) return { withLogs, compacted: false };
  try {
    await rewrite(path, runs.values(), end);
  } catch (error) {
    return { withLogs, compacted: false, rewriteError: error };
  }
  return { withLogs, compacted: true };
}

async function rewrite(path: string, runs: Iterable<RunView>, readUpTo: number): Promise<void> {
  const temp = `${path}.${process.pid}.tmp`;
  try {
    const out = await open(temp, 'w', 0o600);
    try {
      let max = -Infinity;
      let chunk: string[] = [];
      for (const run of runs) {
        max = Math.max(max, run.startedAt);
        chunk.push(runLine(run, max));
        if (chunk.length < 500) continue;
        await out.write(`${chunk.join('\n')}\n`);
        chunk = [];
      }
      if (chunk.length > 0) await out.write(`${chunk.join('\n')}\n`);
      await out.sync();
    } finally {
      await out.close();
    }
    // From here on synchronous: nothing can append between the copy and the rename.
    carryOverAppends(path, temp, readUpTo);
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/** Copies what was appended to `path` after `from` to the end of `temp`, durably. */
function carryOverAppends(path: string, temp: string, from: number): void {
  const source = openSync(path, 'r');
  const target = openSync(temp, 'a');
  try {
    const buffer = Buffer.alloc(64 * 1024);
    let copied = 0;
    for (let position = from; ; ) {
      const read = readSync(source, buffer, 0, buffer.length, position);
      if (read === 0) break;
      for (let offset = 0; offset < read; ) offset += writeSync(target, buffer, offset, read - offset);
      position += read;
      copied += read;
    }
    if (copied > 0) fsyncSync(target);
  } finally {
    closeSync(source);
    closeSync(target);
  }
}
