import { open, type FileHandle } from 'node:fs/promises';
import { supervisorError } from '../error-catalogue.js';
import { isSupervisorError, type SupervisorError } from '../errors.js';

/**
 * The most a full-log download may hold. A run's two files stay under about 10 MB by design
 * (two of 5 MB); the margin covers older files written with other limits, and the cap keeps one
 * answer from holding the core's memory or the transport hostage.
 */
export const runLogExportMaxBytes = 16 * 1024 * 1024;

const megabyte = 1024 * 1024;

interface OpenLogFile {
  handle: FileHandle;
  size: number;
  /** Exact (bigint), so two different files can never compare equal. */
  inode: bigint;
}

/**
 * Reads a run's whole log from its files, `<path>.1` (older) then `<path>`, as the text they
 * hold. Resolves to undefined when neither file exists; throws `log_too_large` beyond `maxBytes`
 * and `run_log_unreadable` when a file exists but cannot be read.
 *
 * The run may still be writing (and rotating) while this reads. Both files are opened before
 * anything is read, newest first: an open file keeps its content across a rename, so a rotation
 * after the opens changes nothing, and one between them leaves both handles on the same file,
 * which is then read once. Each file is read up to the size it had when opened, and a line still
 * being written at that moment is left out, so the text is always whole lines.
 */
export async function readRunLogFiles(options: { runId: string; path: string; maxBytes?: number }): Promise<string | undefined> {
  const { runId, path } = options;
  const maxBytes = options.maxBytes ?? runLogExportMaxBytes;
  const opened: OpenLogFile[] = [];
  try {
    const newer = await openLogFile(runId, path);
    if (newer) opened.push(newer);
    const older = await openLogFile(runId, `${path}.1`);
    // The same file under both names means a rotation ran between the opens: read it once.
    if (older && older.inode === newer?.inode) await older.handle.close();
    else if (older) opened.unshift(older);
    if (opened.length === 0) return undefined;

    const totalBytes = opened.reduce((sum, file) => sum + file.size, 0);
    if (totalBytes > maxBytes) {
      throw supervisorError('log_too_large', Math.ceil(totalBytes / megabyte), Math.floor(maxBytes / megabyte));
    }
    const parts: Buffer[] = [];
    for (const file of opened) parts.push(wholeLines(await readUpTo(runId, file)));
    return Buffer.concat(parts).toString('utf8');
  } finally {
    await Promise.all(opened.map((file) => file.handle.close().catch(() => undefined)));
  }
}

async function openLogFile(runId: string, path: string): Promise<OpenLogFile | undefined> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw unreadable(runId, error);
  }
  try {
    const stats = await handle.stat({ bigint: true });
    if (!stats.isFile()) throw supervisorError('run_log_unreadable', runId, 'not a file');
    return { handle, size: Number(stats.size), inode: stats.ino };
  } catch (error) {
    await handle.close().catch(() => undefined);
    throw unreadable(runId, error);
  }
}

/** Reads the bytes the file had when opened; appends made since then are the next export's. */
async function readUpTo(runId: string, file: OpenLogFile): Promise<Buffer> {
  const buffer = Buffer.alloc(file.size);
  let filled = 0;
  try {
    while (filled < file.size) {
      const { bytesRead } = await file.handle.read(buffer, filled, file.size - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
  } catch (error) {
    throw unreadable(runId, error);
  }
  return buffer.subarray(0, filled);
}

/** Every line in the file ends with a newline; a tail without one was still being written. */
function wholeLines(bytes: Buffer): Buffer {
  const end = bytes.lastIndexOf(0x0a);
  return end === -1 ? bytes.subarray(0, 0) : bytes.subarray(0, end + 1);
}

function unreadable(runId: string, error: unknown): SupervisorError {
  if (isSupervisorError(error)) return error;
  const detail = (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.name : 'unknown error');
  return supervisorError('run_log_unreadable', runId, detail, { cause: error });
}
