import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Disposable } from '../../common/contract.js';
import { systemClock } from '../../ports/clock.js';
import { nullLogger } from '../../ports/logger.js';
import { pollUntil } from '../../test-support/poll-until.js';
import { genesisHash, sealRecord, type StoredAuditRecord } from '../audit-record.js';
import { AuditForwarder } from './audit-forwarder.js';

/**
 * A burst of records larger than the forwarder keeps in memory, written while a batch is on its
 * way: the records past the memory queue are read from the trail, so each reaches the collector.
 */
let dir: string;
const closers: Array<() => Promise<void>> = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rpa-audit-burst-'));
});

afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
  await rm(dir, { recursive: true, force: true });
});

/** The trail as the forwarder sees it: records in order, told as they are written, read back by seq. */
class MemoryTrail {
  readonly records: StoredAuditRecord[] = [];
  readonly #listeners = new Set<(records: readonly StoredAuditRecord[]) => void>();

  write(count: number): void {
    const written: StoredAuditRecord[] = [];
    for (let i = 0; i < count; i += 1) {
      const last = this.records.at(-1);
      const record = sealRecord({ type: 'brokerDenied', runId: `run-${this.records.length + 1}` }, (last?.seq ?? 0) + 1, Date.now(), last?.hash ?? genesisHash);
      this.records.push(record);
      written.push(record);
    }
    for (const listener of this.#listeners) listener(written);
  }

  record(): void {}

  async readAfter(afterSeq: number, limit: number): Promise<StoredAuditRecord[]> {
    return this.records.filter((record) => record.seq > afterSeq).slice(0, limit);
  }

  onDidWrite(listener: (records: readonly StoredAuditRecord[]) => void): Disposable {
    this.#listeners.add(listener);
    return { dispose: () => this.#listeners.delete(listener) };
  }
}

/** A collector that reads octet-counted frames and closes after our end of stream, held while `gate` is. */
async function startCollector(): Promise<{ port: number; seqs: number[]; readonly waiting: number; hold(): () => void }> {
  const seqs: number[] = [];
  const state = { waiting: 0 };
  let gate: Promise<void> | undefined;
  const server: Server = createServer({ allowHalfOpen: true }, (socket: Socket) => {
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('end', () => {
      const waitFor = gate ?? Promise.resolve();
      state.waiting += 1;
      void waitFor.then(() => {
        state.waiting -= 1;
        let text = Buffer.concat(chunks).toString('utf8');
        while (text.length > 0) {
          const space = text.indexOf(' ');
          const length = Number(text.slice(0, space));
          const message = Buffer.from(text.slice(space + 1), 'utf8').subarray(0, length).toString('utf8');
          seqs.push(Number(/seq="(\d+)"/.exec(message)?.[1]));
          text = Buffer.from(text.slice(space + 1), 'utf8').subarray(length).toString('utf8');
        }
        socket.end();
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('The collector has no port.');
  return {
    port: address.port,
    seqs,
    get waiting() {
      return state.waiting;
    },
    hold() {
      let release = (): void => undefined;
      gate = new Promise<void>((resolve) => {
        release = () => {
          gate = undefined;
          resolve();
        };
      });
      return release;
    },
  };
}

describe('audit forwarder under a burst', () => {
  it('S66 a burst larger than the memory queue, written while a batch is in flight, reaches the collector complete, once and in order', async () => {
    const trail = new MemoryTrail();
    const collector = await startCollector();
    const forwarder = new AuditForwarder({ audit: trail, clock: systemClock, logger: nullLogger, cursorPath: join(dir, 'forward-outbox.json'), hostname: 'clinic-pc', timeoutMs: 10_000, settleMs: 20, holdMs: 5, backoffMs: 50, maxBackoffMs: 200 });
    await forwarder.load();
    closers.push(() => forwarder.close());
    forwarder.configure({ host: '127.0.0.1', port: collector.port, tls: false }, false);
    await pollUntil(() => forwarder.view().state === 'upToDate', 5000, 'the forwarder to find the trail empty');

    const release = collector.hold();
    trail.write(1);
    await pollUntil(() => collector.waiting > 0, 5000, 'the first batch to reach the collector');
    // 6,000 records while the first batch waits for the collector: more than the 5,000 kept in memory.
    trail.write(6000);
    release();
    // Once a batch or two have gone, the memory queue has room again for the next record written.
    await pollUntil(() => collector.seqs.length > 201, 10_000, 'the next batches to arrive');
    trail.write(1);
    await pollUntil(() => forwarder.view().confirmedSeq >= 6002, 30_000, 'the cursor to reach the last record');

    const missing = trail.records.map((record) => record.seq).filter((seq) => !collector.seqs.includes(seq));
    expect(missing.length === 0 ? 'none' : `${missing.length} missing, ${missing[0]} to ${missing.at(-1)}`).toBe('none');
    expect(collector.seqs).toEqual(trail.records.map((record) => record.seq));
  }, 60_000);
});
