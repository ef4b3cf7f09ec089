import { mkdir, open, type FileHandle } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import type { AuditPage, AuditVerification } from '../common/contract.js';
import { supervisorError } from '../error-catalogue.js';
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import { auditCsvHeader, auditCsvRow, csvRow, unreadableCsvRow } from './audit-csv.js';
import { findTail, parseRecord, repairTail, syncDirectory, type Tail } from './audit-file.js';
import { checkLine, sealRecord, serializeRecord, toView, type AuditEvent, type StoredAuditRecord } from './audit-record.js';
import { readLinesBackward, readLinesForward } from './read-lines.js';

/** Something the user should hear about; the facade turns it into a notice. */
export type AuditProblem = { kind: 'repaired'; bytes: number; quarantinedTo: string } | { kind: 'writeFailed'; dropped: number };

export interface AuditTrailDeps {
  /** The JSONL file, e.g. `<dataDir>/audit/audit.jsonl`. */
  path: string;
  clock: Clock;
  logger: Logger;
  onProblem?: (problem: AuditProblem) => void;
}

/** Records written per write+fsync; a burst is split so one batch stays small. */
const maxBatch = 500;
/** Records held while the disk refuses writes, before the oldest are dropped (and counted). */
const maxPending = 10_000;

/**
 * The append-only, hash-chained audit trail: one JSON record per line, each carrying the SHA-256
 * of the record before it, so an edited, removed or inserted line breaks the chain at that line.
 *
 * Durability: `record` is synchronous and cheap; records are written in order by one writer, as a
 * batch per write followed by fdatasync. Hashes are computed only when a batch is written, from the
 * last record known to be on disk, so a failed write never leaves the chain pointing at a record
 * that does not exist. A crash mid-write can leave only a partial last line (no `\n`); `open`
 * moves it aside to a `.torn-<time>` file, truncates back to the last complete record and records
 * that it did, so the chain stays whole (see docs/bots.md, "Audit trail").
 *
 * What the chain cannot show: someone who rewrites the whole file, or cuts records off its end.
 * Regular exports kept elsewhere are the answer to that; the export is itself audited.
 */
export class AuditTrail {
  readonly #deps: AuditTrailDeps;
  readonly #handle: FileHandle;
  #tail: Tail;
  #pending: { event: AuditEvent; at: number }[] = [];
  #writing: Promise<void> = Promise.resolve();
  #queued = false;
  #dropped = 0;
  #closed = false;

  private constructor(deps: AuditTrailDeps, handle: FileHandle, tail: Tail) {
    this.#deps = deps;
    this.#handle = handle;
    this.#tail = tail;
  }

  /** Opens (or creates) the trail, repairing a torn last line. */
  static async open(deps: AuditTrailDeps): Promise<AuditTrail> {
    await mkdir(dirname(deps.path), { recursive: true, mode: 0o700 });
    const handle = await open(deps.path, 'a+', 0o600);
    try {
      const size = (await handle.stat()).size;
      if (size === 0) await syncDirectory(dirname(deps.path));
      const repair = await repairTail(handle, deps);
      const trail = new AuditTrail(deps, handle, await findTail(handle));
      if (repair) {
        trail.record({
          type: 'auditRepaired',
          detail: `A partly written record (${repair.bytes} bytes) at the end of the file was moved to ${basename(repair.quarantinedTo)}.`,
        });
        deps.onProblem?.({ kind: 'repaired', ...repair });
      }
      return trail;
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  get path(): string {
    return this.#deps.path;
  }

  /** Queues a record; it is on disk once `flush()` resolves. Never throws. */
  record(event: AuditEvent): void {
    if (this.#closed) {
      this.#deps.logger.warn('Audit record after close was not written', { type: event.type });
      return;
    }
    this.#pending.push({ event, at: this.#deps.clock.now() });
    if (this.#pending.length > maxPending) {
      const excess = this.#pending.length - maxPending;
      this.#pending.splice(0, excess);
      this.#dropped += excess;
    }
    this.#schedule();
  }

  /** Resolves when every record queued so far has been written and synced (or given up on). */
  async flush(): Promise<void> {
    while (this.#queued || this.#pending.length > 0) {
      this.#schedule();
      await this.#writing;
    }
    await this.#writing;
  }

  /** Newest first; pass the returned `nextBeforeSeq` as `beforeSeq` for the next page. */
  async list(options: { beforeSeq?: number; limit?: number } = {}): Promise<AuditPage> {
    const limit = Math.min(Math.max(Math.floor(options.limit ?? 100), 1), 1000);
    await this.flush();
    const size = (await this.#handle.stat()).size;
    const records: StoredAuditRecord[] = [];
    let more = false;
    for await (const line of readLinesBackward(this.#handle, size)) {
      const record = parseRecord(line.text);
      if (!record || (options.beforeSeq !== undefined && record.seq >= options.beforeSeq)) continue;
      if (records.length === limit) {
        more = true;
        break;
      }
      records.push(record);
    }
    const last = records.at(-1);
    return { records: records.map(toView), nextBeforeSeq: more && last ? last.seq : null };
  }

  /** Walks the whole chain and reports the first line that breaks it (1-based). */
  async verify(): Promise<AuditVerification> {
    await this.flush();
    let previous: Tail | undefined;
    let lines = 0;
    let broken: { line: number; why: string } | undefined;
    for await (const line of readLinesForward(this.#handle)) {
      lines += 1;
      if (broken) continue;
      const check = checkLine(line.text, previous);
      if (!check.ok) {
        broken = { line: line.number, why: check.why };
        continue;
      }
      previous = { seq: check.record.seq, hash: check.record.hash };
    }
    if (broken) {
      return { ok: false, records: lines, brokenAtLine: broken.line, message: supervisorError('audit_chain_broken', broken.line, broken.why).message };
    }
    const message =
      lines === 0 ? 'The audit trail is empty.' : `All ${lines} record${lines === 1 ? ' is' : 's are'} intact: every record follows the one before it.`;
    return { ok: true, records: lines, message };
  }

  /** The whole trail as RFC 4180 CSV (formula-safe); the export itself is then recorded. */
  async exportCsv(): Promise<{ fileName: string; csv: string }> {
    await this.flush();
    const rows = [csvRow(auditCsvHeader)];
    let count = 0;
    for await (const line of readLinesForward(this.#handle)) {
      const record = parseRecord(line.text);
      rows.push(record ? auditCsvRow(record) : unreadableCsvRow(line.number, line.text));
      count += 1;
    }
    const now = this.#deps.clock.now();
    const fileName = `rpa-supervisor-audit-${new Date(now).toISOString().slice(0, 10)}.csv`;
    this.record({ type: 'auditExported', detail: `${count} records exported as ${fileName}.` });
    return { fileName, csv: rows.join('') };
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    await this.flush();
    this.#closed = true;
    await this.#handle.close();
  }

  #schedule(): void {
    if (this.#queued || this.#pending.length === 0) return;
    this.#queued = true;
    // Chained on the promise so records recorded in the same tick share one write and fsync.
    this.#writing = this.#writing
      .then(async () => {
        this.#queued = false;
        await this.#writeBatch();
        this.#schedule();
      })
      .catch((error: unknown) => this.#deps.logger.error('The audit writer failed', { error: errorCode(error) }));
  }

  async #writeBatch(): Promise<void> {
    if (this.#pending.length === 0) return;
    const batch = this.#pending.splice(0, maxBatch);
    if (this.#dropped > 0) {
      const dropped = this.#dropped;
      batch.unshift({ event: { type: 'auditGap', detail: `${dropped} records could not be written and are missing here.` }, at: batch[0]?.at ?? this.#deps.clock.now() });
    }
    try {
      await this.#append(batch);
      this.#dropped = 0;
    } catch (firstError) {
      this.#deps.logger.error('Could not write the audit trail; repairing and retrying once', { error: errorCode(firstError) });
      try {
        // A failed write may have left part of a line; cut it off and recompute from the disk.
        await repairTail(this.#handle, this.#deps);
        this.#tail = await findTail(this.#handle);
        await this.#append(batch);
        this.#dropped = 0;
      } catch (secondError) {
        const lost = batch.filter((entry) => entry.event.type !== 'auditGap').length;
        this.#dropped += lost;
        this.#deps.logger.error('Audit records were dropped', { error: errorCode(secondError), dropped: lost });
        this.#deps.onProblem?.({ kind: 'writeFailed', dropped: this.#dropped });
      }
    }
  }

  async #append(batch: { event: AuditEvent; at: number }[]): Promise<void> {
    let tail = this.#tail;
    const lines: string[] = [];
    for (const { event, at } of batch) {
      const record = sealRecord(event, tail.seq + 1, at, tail.hash);
      lines.push(serializeRecord(record));
      tail = { seq: record.seq, hash: record.hash };
    }
    const data = Buffer.from(`${lines.join('\n')}\n`, 'utf8');
    let written = 0;
    while (written < data.length) {
      const { bytesWritten } = await this.#handle.write(data, written, data.length - written);
      written += bytesWritten;
    }
    await this.#handle.datasync();
    this.#tail = tail;
  }
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException | undefined)?.code ?? (error instanceof Error ? error.name : String(error));
}
