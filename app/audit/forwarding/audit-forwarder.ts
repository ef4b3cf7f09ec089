import { readFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import type { AuditForwardingView, Disposable } from '../../common/contract.js';
import { supervisorError } from '../../error-catalogue.js';
import type { Clock } from '../../ports/clock.js';
import type { Logger } from '../../ports/logger.js';
import type { NoticeBoard } from '../../notice-board.js';
import { writeFileAtomic } from '../../storage/write-file-atomic.js';
import type { StoredAuditRecord } from '../audit-record.js';
import type { AuditLog } from '../open-audit-trail.js';
import { ForwardingTrouble } from './forwarding-trouble.js';
import { sendBatch, type SyslogTarget } from './syslog-connection.js';
import { describeSyslogFailure } from './syslog-failure.js';
import { octetCountedFrame, syslogMessage } from './syslog-message.js';

export interface AuditForwarderDeps {
  audit: Pick<AuditLog, 'readAfter' | 'onDidWrite' | 'record'>;
  clock: Clock;
  logger: Logger;
  /** The outbox cursor: the highest seq the collector has taken, kept across restarts. */
  cursorPath: string;
  hostname?: string;
  /** Per batch: connect, send, and the collector's orderly close. */
  timeoutMs?: number;
  /** How long after a batch a later connection must begin to confirm it (default 1 s). */
  settleMs?: number;
  /** How long a batch's connection stays open before our end of stream (see sendBatch). */
  holdMs?: number;
  /** The wait after a first failure, doubling at each failure in a row (default 500 ms). */
  backoffMs?: number;
  /** The longest wait between attempts (default 30 s). */
  maxBackoffMs?: number;
  /** Where an outage of the collector is said once (forwarding-trouble.ts). */
  notices?: Pick<NoticeBoard, 'post' | 'list' | 'dismiss'>;
  noticeAfterMs?: number;
  onDidChange?: () => void;
}

const batchSize = 200;
const defaultBackoffMs = 500;
const defaultMaxBackoffMs = 30_000;
/** Records kept in memory for the next batch; beyond this the trail file is read instead. */
const maxQueued = 5000;

/**
 * Forwards the audit trail to a syslog collector (RFC 5424 over TCP or TLS, RFC 6587 octet
 * counting). The outbox is the trail itself plus a cursor: every record after the cursor is
 * waiting, so nothing is lost while the collector is down or the app restarts, and a batch is
 * sent again until the collector takes it (see syslog-connection.ts for what "takes" means).
 * Plain syslog has no acknowledgement, and a collector that is shutting down can read a batch and
 * drop it (rsyslog does), so a taken batch is confirmed only when a connection begun at least
 * `settleMs` later is taken too. Until then it is sent again after any failure: nothing is lost,
 * and a record arrives twice only when the collector stored it and stopped within `settleMs`.
 * One connection is open at a time and the cursor only moves forward.
 */
export class AuditForwarder implements Disposable {
  readonly #deps: AuditForwarderDeps;
  #target: SyslogTarget | null = null;
  #managed = false;
  #confirmedSeq = 0;
  /** Highest seq sent on a connection the collector closed in order (confirmed or not yet). */
  #sentSeq = 0;
  /** Batches taken but not yet settled, oldest first. */
  #sent: { lastSeq: number; closedAt: number }[] = [];
  get #settleMs(): number {
    return this.#deps.settleMs ?? 1000;
  }
  #lastWrittenSeq = 0;
  #queue: StoredAuditRecord[] = [];
  #running = false;
  #wake: (() => void) | undefined;
  #state: AuditForwardingView['state'] = 'off';
  #lastError: string | undefined;
  #lastSuccessAt: number | undefined;
  #generation = 0;
  #disposed = false;
  readonly #subscription: Disposable;
  readonly #trouble: ForwardingTrouble;

  constructor(deps: AuditForwarderDeps) {
    for (const name of ['backoffMs', 'maxBackoffMs'] as const) {
      const value = deps[name];
      if (value !== undefined && !(Number.isFinite(value) && value > 0)) throw new RangeError(`The audit forwarder's ${name} must be a number of milliseconds above zero.`);
    }
    this.#deps = deps;
    this.#trouble = new ForwardingTrouble(deps.notices, deps.noticeAfterMs);
    this.#subscription = deps.audit.onDidWrite((records) => {
      for (const record of records) {
        this.#lastWrittenSeq = Math.max(this.#lastWrittenSeq, record.seq);
        if (this.#target !== null && this.#queue.length < maxQueued) this.#queue.push(record);
      }
      this.#wake?.();
    });
  }

  /** Reads the cursor; call once before `configure`. */
  async load(): Promise<void> {
    try {
      const value = JSON.parse(await readFile(this.#deps.cursorPath, 'utf8')) as { confirmedSeq?: unknown };
      if (Number.isSafeInteger(value.confirmedSeq)) this.#confirmedSeq = value.confirmedSeq as number;
    } catch {
      this.#confirmedSeq = 0;
    }
    this.#sentSeq = this.#confirmedSeq;
  }

  /** Switches forwarding to `target` (null: off). Records after the cursor are sent first. */
  configure(target: SyslogTarget | null, managed: boolean): void {
    const changed = JSON.stringify(target) !== JSON.stringify(this.#target);
    this.#target = target;
    this.#managed = managed;
    if (!changed) return;
    this.#generation += 1;
    this.#queue = [];
    this.#sent = [];
    this.#sentSeq = this.#confirmedSeq;
    this.#lastError = undefined;
    this.#trouble.over();
    this.#state = target === null ? 'off' : 'sending';
    this.#deps.onDidChange?.();
    if (target !== null && !this.#running) this.#start();
    this.#wake?.();
  }

  view(): AuditForwardingView {
    const target = this.#target === null ? null : { host: this.#target.host, port: this.#target.port, tls: this.#target.tls };
    return {
      target,
      managed: this.#managed,
      state: this.#state,
      confirmedSeq: this.#confirmedSeq,
      pending: Math.max(0, this.#lastWrittenSeq - this.#confirmedSeq),
      ...(this.#lastError === undefined ? {} : { lastError: this.#lastError }),
      ...(this.#lastSuccessAt === undefined ? {} : { lastSuccessAt: this.#lastSuccessAt }),
      ...(this.#trouble.since === undefined ? {} : { failingSince: this.#trouble.since }),
    };
  }

  /** Resolves once every record written so far has been taken (tests, shutdown). */
  async drained(): Promise<void> {
    while (!this.#disposed && this.#target !== null && this.#confirmedSeq < this.#lastWrittenSeq) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  dispose(): void {
    this.#disposed = true;
    this.#subscription.dispose();
    this.#wake?.();
  }

  /** Disposes and waits for a batch in flight (and its cursor write) to finish. */
  async close(): Promise<void> {
    this.dispose();
    await this.#loop;
  }

  #loop: Promise<void> = Promise.resolve();

  #start(): void {
    this.#loop = this.#run();
  }

  async #run(): Promise<void> {
    this.#running = true;
    const firstBackoffMs = this.#deps.backoffMs ?? defaultBackoffMs;
    const maxBackoffMs = Math.max(firstBackoffMs, this.#deps.maxBackoffMs ?? defaultMaxBackoffMs);
    let backoffMs = firstBackoffMs;
    try {
      while (!this.#disposed && this.#target !== null) {
        const target = this.#target;
        const generation = this.#generation;
        let batch: StoredAuditRecord[];
        try {
          batch = await this.#nextBatch();
        } catch (error) {
          // The trail could not be read (it is unavailable, or the disk failed): try again later.
          this.#deps.logger.warn('Audit forwarding could not read the trail', { error: describe(error) });
          await this.#sleep(maxBackoffMs, false);
          continue;
        }
        if (this.#disposed || generation !== this.#generation) continue;
        const unsettled = this.#sent.at(-1);
        if (batch.length === 0 && unsettled === undefined) {
          if (this.#state !== 'upToDate') this.#setState('upToDate');
          await this.#sleep(60_000, true);
          continue;
        }
        if (batch.length === 0 && unsettled !== undefined) {
          // Nothing new to send: an empty connection after the settle time confirms what was sent.
          const waitMs = unsettled.closedAt + this.#settleMs - Date.now();
          if (waitMs > 0) {
            await this.#sleep(waitMs, true);
            continue;
          }
        }
        const startedAt = Date.now();
        const host = this.#deps.hostname ?? hostname();
        try {
          await sendBatch(target, batch.map((record) => octetCountedFrame(syslogMessage(record, host))), this.#deps.timeoutMs ?? 10_000, this.#deps.holdMs);
        } catch (error) {
          if (generation !== this.#generation) continue;
          // Batches since the last confirmed one may have been read by a collector that was
          // stopping: send them again (a collector that had stored them receives them twice).
          this.#sent = [];
          this.#sentSeq = this.#confirmedSeq;
          this.#queue = [];
          const failure = supervisorError('audit_forwarding_failed', `${target.host}:${target.port}`, describeSyslogFailure(error, target));
          this.#lastError = failure.message;
          const first = this.#trouble.failed(this.#deps.clock.now(), failure);
          this.#setState('retrying');
          if (first) this.#deps.logger.warn('Audit forwarding failed; the outbox keeps the records', { error: describe(error) });
          await this.#sleep(backoffMs, false);
          backoffMs = Math.min(backoffMs * 2, maxBackoffMs);
          continue;
        }
        // Taken by a collector that is no longer the target: the new one still needs those records.
        if (generation !== this.#generation) continue;
        backoffMs = firstBackoffMs;
        const last = batch.at(-1)?.seq;
        if (last !== undefined) {
          this.#sentSeq = last;
          this.#sent.push({ lastSeq: last, closedAt: Date.now() });
        }
        // A batch counts once a connection begun at least the settle time after it closed was
        // also taken: the collector was still running, not reading it on its way down.
        const settled = this.#sent.filter((entry) => entry.closedAt + this.#settleMs <= startedAt).at(-1);
        if (settled) {
          try {
            await this.#confirm(settled.lastSeq);
          } catch (error) {
            // The cursor stays where it was: those records are sent again after a restart.
            this.#deps.logger.warn('Audit forwarding could not save its cursor', { error: describe(error) });
          }
        }
        this.#lastSuccessAt = this.#deps.clock.now();
        this.#lastError = undefined;
        this.#trouble.over();
        this.#setState('sending');
      }
    } finally {
      this.#running = false;
    }
  }

  async #confirm(seq: number): Promise<void> {
    // The cursor reaches the disk before it counts: a restart then never resends a taken batch.
    await writeFileAtomic(this.#deps.cursorPath, JSON.stringify({ confirmedSeq: seq }));
    this.#confirmedSeq = seq;
    this.#sent = this.#sent.filter((entry) => entry.lastSeq > seq);
  }

  async #nextBatch(): Promise<StoredAuditRecord[]> {
    const next = this.#sentSeq + 1;
    this.#queue = this.#queue.filter((record) => record.seq >= next);
    // Only the run that follows on without a gap: records written while the queue was full are
    // missing from it, and a later one it had room for again must not be sent in their place.
    let run = 0;
    while (run < batchSize && this.#queue[run]?.seq === next + run) run += 1;
    if (run > 0) return this.#queue.slice(0, run);
    // The queue does not start where sending continues (a restart, a resend, an overflow): read the trail.
    this.#queue = [];
    const records = await this.#deps.audit.readAfter(this.#sentSeq, batchSize);
    const last = records.at(-1);
    if (last) this.#lastWrittenSeq = Math.max(this.#lastWrittenSeq, last.seq);
    return records;
  }

  #setState(state: AuditForwardingView['state']): void {
    this.#state = state;
    this.#deps.onDidChange?.();
  }

  /** Idle waits end at the next written record; back-off waits only at a new target or dispose. */
  #sleep(ms: number, wakeOnWrite: boolean): Promise<void> {
    if (this.#disposed) return Promise.resolve();
    return new Promise((resolve) => {
      const generation = this.#generation;
      const timer = this.#deps.clock.setTimer(() => done(), ms);
      const done = (): void => {
        timer.dispose();
        this.#wake = undefined;
        resolve();
      };
      this.#wake = () => {
        if (wakeOnWrite || this.#disposed || generation !== this.#generation) done();
      };
    });
  }
}

function describe(error: unknown): string {
  return (error as NodeJS.ErrnoException | undefined)?.code ?? (error instanceof Error ? error.message : String(error));
}
