import { open, type FileHandle } from 'node:fs/promises';
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import { checkLine, genesisHash, isStoredRecord, type ChainLink, type StoredAuditRecord } from './audit-record.js';
import { readLinesBackward } from './read-lines.js';

/**
 * The audit trail's file on disk: finding the last good record, repairing a torn end after a
 * crash, and making a new file's directory entry durable. AuditTrail (audit-trail.ts) owns the
 * writing; this is what it needs to open and recover the file.
 */

/** The last record on disk: where the hash chain continues. */
export type Tail = ChainLink;

/** How far back `findTail` looks for the last good record when the end of the file is damaged. */
const maxTailScanLines = 1000;

export function parseRecord(text: string): StoredAuditRecord | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return isStoredRecord(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A crash mid-append leaves bytes after the last `\n`. If they happen to be a whole, valid record
 * that follows the chain (the newline was all that was lost), the newline is added; otherwise they
 * are copied to a quarantine file and cut off. Returns what was moved, if anything.
 */
export async function repairTail(handle: FileHandle, deps: { path: string; clock: Clock; logger: Logger }): Promise<{ bytes: number; quarantinedTo: string } | undefined> {
  const size = (await handle.stat()).size;
  if (size === 0) return undefined;
  const lastNewline = await findLastNewline(handle, size);
  const keep = lastNewline + 1;
  if (keep === size) return undefined;
  const torn = Buffer.alloc(size - keep);
  await handle.read(torn, 0, torn.length, keep);

  let previous: Tail | undefined;
  for await (const line of readLinesBackward(handle, keep)) {
    const record = parseRecord(line.text);
    if (record) previous = linkFrom(record);
    break;
  }
  if (checkLine(torn.toString('utf8'), previous).ok) {
    await handle.write('\n');
    await handle.datasync();
    return undefined;
  }

  const quarantinedTo = `${deps.path}.torn-${deps.clock.now()}`;
  const quarantine = await open(quarantinedTo, 'wx', 0o600);
  try {
    await quarantine.writeFile(torn);
    await quarantine.sync();
  } finally {
    await quarantine.close();
  }
  await truncateFile(deps.path, keep);
  deps.logger.warn('Moved a torn record off the end of the audit trail', { bytes: torn.length, quarantinedTo });
  return { bytes: torn.length, quarantinedTo };
}

/**
 * A failed append can leave whole lines (an fsync error after the write) or part of one (a disk
 * that filled up) that nothing counted as written. They are cut back to `end`, the length up to the
 * last record counted, before the batch is written again: else it would be in the trail twice, or
 * glued to a torn line. Returns where the next write starts.
 */
export async function cutFailedWrite(handle: FileHandle, path: string, end: number): Promise<number> {
  const size = (await handle.stat()).size;
  if (size > end) await truncateFile(path, end);
  return Math.min(size, end);
}

/** Cuts the file to `length` bytes, durably; needs no free space, so it works on a full disk. */
export async function truncateFile(path: string, length: number): Promise<void> {
  // Through a separate read-write handle: an append-only handle may not truncate (Windows).
  const cutter = await open(path, 'r+');
  try {
    await cutter.truncate(length);
    await cutter.sync();
  } finally {
    await cutter.close();
  }
}

/** The last record that parses, searching back a bounded distance; genesis when there is none. */
export async function findTail(handle: FileHandle): Promise<Tail> {
  const size = (await handle.stat()).size;
  let scanned = 0;
  for await (const line of readLinesBackward(handle, size)) {
    const record = parseRecord(line.text);
    if (record) return linkFrom(record);
    scanned += 1;
    if (scanned >= maxTailScanLines) break;
  }
  return { seq: 0, hash: genesisHash };
}

export function linkFrom(record: StoredAuditRecord): ChainLink {
  return record.mac === undefined ? { seq: record.seq, hash: record.hash } : { seq: record.seq, hash: record.hash, mac: record.mac };
}

async function findLastNewline(handle: FileHandle, size: number): Promise<number> {
  const chunk = Buffer.alloc(64 * 1024);
  let end = size;
  while (end > 0) {
    const start = Math.max(0, end - chunk.length);
    const { bytesRead } = await handle.read(chunk, 0, end - start, start);
    const index = chunk.subarray(0, bytesRead).lastIndexOf(0x0a);
    if (index !== -1) return start + index;
    end = start;
  }
  return -1;
}

/** A new file's directory entry must be durable too; some platforms cannot open a folder. */
export async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Windows cannot fsync a directory; NTFS journals the entry itself.
  }
}
