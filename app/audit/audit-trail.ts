import { mkdir, open, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { auditRecordMatches } from '../common/audit-match.js';
import type { AuditListOptions, AuditPage, AuditVerification } from '../common/contract.js';
import { supervisorError } from '../error-catalogue.js';
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import { appendCheckpoint, latestCheckpoint, readCheckpoint, signCheckpoint, type AuditCheckpoint } from './audit-checkpoint.js';
import { auditCsv, auditExportStem, type AuditCsvNames } from './audit-csv.js';
import { cutFailedWrite, findTail, linkFrom, parseRecord, repairTail, syncDirectory, type Tail } from './audit-file.js';
import { macOf, type AuditKeys } from './audit-keys.js';
import { linkOf, sealRecord, serializeRecord, toView, type AuditEvent, type StoredAuditRecord } from './audit-record.js';
import { readLinesBackward, readLinesForward } from './read-lines.js';
import { verifyAuditChain } from './verify-audit-chain.js';

/** Something the user should hear about; the facade turns it into a notice. */
export type AuditProblem = { kind: 'repaired'; bytes: number; quarantinedTo: string } | { kind: 'writeFailed'; dropped: number };

export interface AuditTrailDeps {
  /** The JSONL file, e.g. `<dataDir>/audit/audit.jsonl`. */
  path: string;
  clock: Clock;
  logger: Logger;
  onProblem?: (problem: AuditProblem) => void;
  /** The chain and checkpoint keys; without them the chain is plain SHA-256 (file-handling tests only). */
  keys?: AuditKeys;
  /** Told of records once they are on disk, in order (the syslog forwarder's outbox). */
  onWritten?: (records: readonly StoredAuditRecord[]) => void;
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
 * last record known to be on disk, and what a failed write left is cut before the retry
 * (`cutFailedWrite`). A crash mid-write can leave only a partial last line (no `\n`); `open`
 * moves it aside to a `.torn-<time>` file, truncates back to the last complete record and records
 * that it did, so the chain stays whole (see docs/bots.md, "Audit trail").
 *
 * Keys (audit-keys.ts): each record also carries an HMAC-SHA-256 with a key from the SecretStore,
 * so rewriting the file with recomputed plain hashes fails `verify`; signed checkpoints (daily and
 * on export) kept by an auditor show records cut off the end. A trail written before it was keyed
 * gets an `auditKeyChanged` record; its older part stays verifiable as a plain chain.
 */
export class AuditTrail {
  readonly #deps: AuditTrailDeps;
  readonly #handle: FileHandle;
  #tail: Tail;
  #tailEnd: number;
  #pending: { event: AuditEvent; at: number }[] = [];
  #writing: Promise<void> = Promise.resolve();
  #queued = false;
  #dropped = 0;
  #closed = false;

  private constructor(deps: AuditTrailDeps, handle: FileHandle, tail: Tail, end: number) {
    this.#deps = deps;
    this.#handle = handle;
    this.#tail = tail;
    this.#tailEnd = end;
  }

  /** Opens (or creates) the trail, repairing a torn last line. */
  static async open(deps: AuditTrailDeps): Promise<AuditTrail> {
    await mkdir(dirname(deps.path), { recursive: true, mode: 0o700 });
    const handle = await open(deps.path, 'a+', 0o600);
    try {
      if ((await handle.stat()).size === 0) await syncDirectory(dirname(deps.path));
      const repair = await repairTail(handle, deps);
      const trail = new AuditTrail(deps, handle, await findTail(handle), (await handle.stat()).size);
      await trail.#startKeyIfNeeded();
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

  /** Newest first, only what `match` selects; pass the returned `nextBeforeSeq` as `beforeSeq` for the next page. */
  async list(options: AuditListOptions = {}): Promise<Omit<AuditPage, 'facets'>> {
    const limit = Math.min(Math.max(Math.floor(options.limit ?? 100), 1), 1000);
    await this.flush();
    const size = (await this.#handle.stat()).size;
    const records: StoredAuditRecord[] = [];
    let more = false;
    for await (const line of readLinesBackward(this.#handle, size)) {
      const record = parseRecord(line.text);
      if (!record || (options.beforeSeq !== undefined && record.seq >= options.beforeSeq) || (options.match && !auditRecordMatches(record, options.match))) continue;
      if (records.length === limit) {
        more = true;
        break;
      }
      records.push(record);
    }
    const last = records.at(-1);
    return { records: records.map(toView), nextBeforeSeq: more && last ? last.seq : null };
  }

  /**
   * Walks the whole chain (plain hashes and keyed MACs) and reports the first line that breaks it
   * (1-based), then checks the trail still reaches the newest local checkpoint and, when given,
   * the text of a checkpoint file an auditor kept.
   */
  async verify(options: { checkpoint?: string } = {}): Promise<AuditVerification> {
    await this.flush();
    const checkpoints: { checkpoint: AuditCheckpoint; source: string }[] = [];
    let given: { checkpoint: AuditCheckpoint; fingerprint: string } | undefined;
    if (options.checkpoint !== undefined) {
      const read = readCheckpoint(options.checkpoint);
      if (!read.ok) throw supervisorError('audit_checkpoint_invalid', read.why);
      given = read;
      checkpoints.push({ checkpoint: read.checkpoint, source: `the checkpoint of ${new Date(read.checkpoint.at).toISOString()}` });
    }
    const local = await latestCheckpoint(this.checkpointsPath);
    if (local && this.#deps.keys && local.publicKey === this.#deps.keys.publicKey) checkpoints.push({ checkpoint: local, source: "this computer's newest checkpoint" });
    const result = await verifyAuditChain(readLinesForward(this.#handle), { ...(this.#deps.keys ? { keys: this.#deps.keys } : {}), checkpoints });
    if (!given) return result;
    const signedHere = given.checkpoint.publicKey === this.#deps.keys?.publicKey;
    return { ...result, checkpoint: { seq: given.checkpoint.seq, at: given.checkpoint.at, fingerprint: given.fingerprint, signedHere } };
  }

  /** Where the checkpoints made on this computer are kept, one JSON line each. */
  get checkpointsPath(): string {
    return join(dirname(this.#deps.path), 'checkpoints.jsonl');
  }

  /** Signs a checkpoint of the trail's end as it is on disk, keeps a copy and records that it did. */
  async checkpoint(reason: 'daily' | 'export'): Promise<AuditCheckpoint | undefined> {
    const keys = this.#deps.keys;
    if (!keys) return undefined;
    await this.flush();
    const checkpoint = signCheckpoint(keys, this.#tail, this.#deps.clock.now());
    await appendCheckpoint(this.checkpointsPath, checkpoint);
    this.record({ type: 'auditCheckpoint', detail: `Signed checkpoint (${reason}) at record ${checkpoint.seq}; key ${keys.fingerprint}.` });
    return checkpoint;
  }

  /** The newest checkpoint kept on this computer. */
  latestCheckpoint(): Promise<AuditCheckpoint | undefined> {
    return latestCheckpoint(this.checkpointsPath);
  }

  /** Records with `seq > afterSeq`, oldest first, at most `limit` (the forwarder's backlog). */
  async readAfter(afterSeq: number, limit: number): Promise<StoredAuditRecord[]> {
    await this.flush();
    const records: StoredAuditRecord[] = [];
    for await (const line of readLinesForward(this.#handle)) {
      const record = parseRecord(line.text);
      if (!record || record.seq <= afterSeq) continue;
      records.push(record);
      if (records.length >= limit) break;
    }
    return records;
  }

  /**
   * The whole trail as RFC 4180 CSV (formula-safe) with a signed checkpoint of its end; the
   * export is then recorded, naming the person (`actor`) who asked for it.
   */
  async exportCsv(actor?: AuditEvent['actor'], names?: AuditCsvNames): Promise<{ fileName: string; csv: string; checkpoint: { fileName: string; json: string } }> {
    const checkpoint = await this.checkpoint('export');
    await this.flush();
    const { csv, count } = await auditCsv(readLinesForward(this.#handle), names);
    const stem = auditExportStem(this.#deps.clock.now());
    const fileName = `${stem}.csv`;
    this.record({ type: 'auditExported', ...(actor ? { actor } : {}), detail: `${count === 1 ? '1 record' : `${count} records`} exported as ${fileName}.` });
    return { fileName, csv, checkpoint: { fileName: `${stem}.checkpoint.json`, json: checkpoint ? JSON.stringify(checkpoint, null, 2) : '{}' } };
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
      batch.unshift({ event: { type: 'auditGap', detail: `${dropped === 1 ? '1 record' : `${dropped} records`} could not be written and ${dropped === 1 ? 'is' : 'are'} missing here.` }, at: batch[0]?.at ?? this.#deps.clock.now() });
    }
    try {
      await this.#append(batch);
      this.#dropped = 0;
    } catch (firstError) {
      this.#deps.logger.error('Could not write the audit trail; retrying once', { error: errorCode(firstError) });
      try {
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

  /**
   * A trail without a key of this computer gets one, announced by a key-change record sealed
   * with it: the first start after the trail was keyed, and every start of a memory-only host.
   */
  async #startKeyIfNeeded(): Promise<void> {
    const keys = this.#deps.keys;
    if (!keys || keys.current) return;
    const fromSeq = this.#tail.seq + 1;
    const key = await keys.startKey(fromSeq);
    const before = fromSeq > 1 ? ` Records 1 to ${fromSeq - 1} keep their plain hash chain.` : '';
    const scope = keys.persistent ? '' : ' Secrets are kept in memory only on this computer, so the key lasts for this session.';
    this.record({ type: 'auditKeyChanged', detail: `A new audit key (${key.kid}) seals records from ${fromSeq}.${before}${scope}` });
  }

  async #append(batch: { event: AuditEvent; at: number }[]): Promise<void> {
    let tail = this.#tail;
    const lines: string[] = [];
    const records: StoredAuditRecord[] = [];
    for (const { event, at } of batch) {
      const key = this.#deps.keys?.current;
      const previous = tail;
      const keyed = key ? { kid: key.kid, mac: (hash: string) => macOf(key.key, linkOf(previous), hash) } : undefined;
      const record = sealRecord(event, tail.seq + 1, at, tail.hash, keyed);
      lines.push(serializeRecord(record));
      records.push(record);
      tail = linkFrom(record);
    }
    const data = Buffer.from(`${lines.join('\n')}\n`, 'utf8');
    const start = await cutFailedWrite(this.#handle, this.#deps.path, this.#tailEnd);
    let written = 0;
    while (written < data.length) {
      const { bytesWritten } = await this.#handle.write(data, written, data.length - written);
      written += bytesWritten;
    }
    await this.#handle.datasync();
    this.#tailEnd = start + data.length;
    this.#tail = tail;
    this.#deps.onWritten?.(records);
  }
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException | undefined)?.code ?? (error instanceof Error ? error.name : String(error));
}
