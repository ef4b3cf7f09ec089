import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nullLogger } from '../../ports/logger.js';
import { systemClock } from '../../ports/clock.js';
import { MemorySecretStore } from '../../ports/secret-store.js';
import { pollUntil } from '../../test-support/poll-until.js';
import { freePort, RsyslogCollector, rsyslogMissing } from '../../test-support/rsyslog-collector.js';
import { openAuditTrail, type AuditLog } from '../open-audit-trail.js';
import { AuditForwarder } from './audit-forwarder.js';
import { octetCountedFrame, syslogMessage } from './syslog-message.js';

const skip = rsyslogMissing();
let dir: string;
let collector: RsyslogCollector | undefined;
const notices = { post: () => undefined };

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rpa-audit-forward-'));
});

afterEach(async () => {
  await collector?.stop();
  collector = undefined;
  await rm(dir, { recursive: true, force: true });
});

function seqsOf(lines: string[]): number[] {
  return lines.map((line) => Number(/\[rpaAudit@32473 seq="(\d+)"/.exec(line)?.[1] ?? Number.NaN));
}

/** Retries within 200 ms: the restarts below are about what arrives, not about how long the forwarder waits between attempts. */
const quickRetries = { backoffMs: 50, maxBackoffMs: 200 };

async function openForwarder(audit: AuditLog, port: number): Promise<AuditForwarder> {
  const forwarder = new AuditForwarder({ audit, clock: systemClock, logger: nullLogger, cursorPath: join(dir, 'audit', 'forward-outbox.json'), hostname: 'clinic-pc', timeoutMs: 5000, settleMs: 300, ...quickRetries });
  await forwarder.load();
  forwarder.configure({ host: '127.0.0.1', port, tls: false }, false);
  return forwarder;
}

describe('syslog message', () => {
  it('is RFC 5424 with the seq, hash and MAC in structured data, framed by octet count', () => {
    const record = { seq: 7, at: Date.UTC(2026, 11, 4, 9, 30), type: 'signedIn', actor: { subject: 'u1', name: 'Dr "Q"' }, prev: 'a'.repeat(64), hash: 'b'.repeat(64), kid: 'k1', mac: 'c'.repeat(64) };
    const message = syslogMessage(record, 'clinic pc 1');
    expect(message).toBe(
      `<110>1 2026-12-04T09:30:00.000Z clinicpc1 rpa-supervisor - signedIn [rpaAudit@32473 seq="7" hash="${'b'.repeat(64)}" mac="${'c'.repeat(64)}"] ${JSON.stringify(record)}`,
    );
    const frame = octetCountedFrame('é');
    expect(frame.toString('utf8')).toBe('2 é');
  });
});

describe('audit forwarder options', () => {
  it('refuses a back-off that is not a number of milliseconds above zero', () => {
    const deps = { audit: { readAfter: async () => [], onDidWrite: () => ({ dispose: () => undefined }), record: () => undefined }, clock: systemClock, logger: nullLogger, cursorPath: join(tmpdir(), 'unused.json') };
    for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => new AuditForwarder({ ...deps, backoffMs: bad })).toThrow(/backoffMs must be a number of milliseconds above zero/);
      expect(() => new AuditForwarder({ ...deps, maxBackoffMs: bad })).toThrow(/maxBackoffMs must be a number of milliseconds above zero/);
    }
    new AuditForwarder({ ...deps, backoffMs: 50, maxBackoffMs: 200 }).dispose();
  });
});

describe.skipIf(skip)('audit forwarding to a real rsyslog', () => {
  it('S66 rsyslog receives every record exactly once across a collector restart mid-stream, and the outbox survives an app restart', async () => {
    const port = await freePort();
    collector = new RsyslogCollector(dir, port);
    await collector.start();
    const path = join(dir, 'audit', 'audit.jsonl');
    const secrets = new MemorySecretStore();
    let audit = await openAuditTrail({ path, clock: systemClock, logger: nullLogger, notices, secrets });
    let forwarder = await openForwarder(audit, port);

    for (let i = 1; i <= 30; i += 1) {
      audit.record({ type: 'brokerDenied', runId: `run-${i}` });
      if (i % 5 === 0) await audit.flush();
    }
    await forwarder.drained();
    // The collector restarts while records keep coming.
    await collector.stop();
    for (let i = 31; i <= 60; i += 1) {
      audit.record({ type: 'brokerDenied', runId: `run-${i}` });
      if (i % 5 === 0) await audit.flush();
    }
    await pollUntil(() => forwarder.view().state === 'retrying', 10_000, 'the forwarder to notice the collector is down');
    expect(forwarder.view().pending).toBeGreaterThanOrEqual(30);
    await collector.start();
    await forwarder.drained();

    // The app stops with records not yet sent, and starts again later.
    await forwarder.close();
    for (let i = 61; i <= 80; i += 1) audit.record({ type: 'runStarted', runId: `run-${i}` });
    await audit.close();
    audit = await openAuditTrail({ path, clock: systemClock, logger: nullLogger, notices, secrets });
    forwarder = await openForwarder(audit, port);
    audit.record({ type: 'signedOut' });
    await audit.flush();
    await forwarder.drained();
    const total = (await audit.list({ limit: 1 })).records[0]?.seq ?? 0;
    await forwarder.close();
    await audit.close();

    await collector.stop();
    const seqs = seqsOf(await collector.lines());
    expect(total).toBeGreaterThan(80);
    expect(seqs).toEqual(Array.from({ length: total }, (_, index) => index + 1));
  });

  it('S66 a collector stopped while batches are in flight loses nothing: unsettled batches are sent again', async () => {
    const port = await freePort();
    collector = new RsyslogCollector(dir, port);
    await collector.start();
    const audit = await openAuditTrail({ path: join(dir, 'audit', 'audit.jsonl'), clock: systemClock, logger: nullLogger, notices, secrets: new MemorySecretStore() });
    const forwarder = await openForwarder(audit, port);
    for (let i = 1; i <= 120; i += 1) {
      audit.record({ type: 'brokerDenied', runId: `run-${i}` });
      if (i % 3 === 0) await audit.flush();
      if (i === 40) await collector.stop();
      if (i === 80) {
        await pollUntil(() => forwarder.view().state === 'retrying', 10_000, 'the forwarder to notice the collector is down');
        await collector.start();
      }
    }
    await audit.flush();
    await forwarder.drained();
    const total = (await audit.list({ limit: 1 })).records[0]?.seq ?? 0;
    await forwarder.close();
    await audit.close();
    await collector.stop();
    const seqs = seqsOf(await collector.lines());
    expect(new Set(seqs)).toEqual(new Set(Array.from({ length: total }, (_, index) => index + 1)));
    // Any repeat is a batch the collector read within the settle time before it stopped.
    expect(seqs.length - new Set(seqs).size).toBeLessThanOrEqual(200);
  });

  it('S66 a batch in flight when the collector changes is sent to the new collector too: the old one taking it moves nothing on for the new one', async () => {
    // The old collector: reads what it is sent and closes in order when the sender ends, as rsyslog
    // does, but not before the administrator has changed the collector, so that the first batch is
    // still in flight (its connection open, not yet taken) at the change, however loaded the machine.
    let heard = 0;
    let changed!: () => void;
    const collectorChanged = new Promise<void>((resolve) => (changed = resolve));
    const sockets = new Set<Socket>();
    const old = createServer((socket) => {
      sockets.add(socket);
      socket.on('data', (chunk) => (heard += chunk.length));
      socket.on('end', () => void collectorChanged.then(() => socket.end()));
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => old.listen(0, '127.0.0.1', resolve));
    const oldPort = (old.address() as { port: number }).port;
    const port = await freePort();
    collector = new RsyslogCollector(dir, port);
    await collector.start();
    const audit = await openAuditTrail({ path: join(dir, 'audit', 'audit.jsonl'), clock: systemClock, logger: nullLogger, notices, secrets: new MemorySecretStore() });
    for (let i = 1; i <= 5; i += 1) audit.record({ type: 'brokerDenied', runId: `run-${i}` });
    await audit.flush();
    const forwarder = new AuditForwarder({ audit, clock: systemClock, logger: nullLogger, cursorPath: join(dir, 'audit', 'forward-outbox.json'), hostname: 'clinic-pc', timeoutMs: 5000, settleMs: 300, ...quickRetries });
    await forwarder.load();
    forwarder.configure({ host: '127.0.0.1', port: oldPort, tls: false }, false);
    await pollUntil(() => heard > 0, 10_000, 'the old collector to be reading the first batch');
    forwarder.configure({ host: '127.0.0.1', port, tls: false }, false);
    changed();
    for (let i = 6; i <= 8; i += 1) audit.record({ type: 'brokerDenied', runId: `run-${i}` });
    await audit.flush();
    await forwarder.drained();
    const total = (await audit.list({ limit: 1 })).records[0]?.seq ?? 0;
    await forwarder.close();
    await audit.close();
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => old.close(resolve));
    await collector.stop();
    expect(total).toBeGreaterThanOrEqual(8);
    expect(new Set(seqsOf(await collector.lines()))).toEqual(new Set(Array.from({ length: total }, (_, index) => index + 1)));
  });
});
