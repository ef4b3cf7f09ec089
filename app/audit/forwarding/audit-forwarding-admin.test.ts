import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { NoticeBoard } from '../../notice-board.js';
import { defaultMachinePolicy } from '../../policy/machine-policy.js';
import { systemClock } from '../../ports/clock.js';
import { nullLogger } from '../../ports/logger.js';
import { MemorySecretStore } from '../../ports/secret-store.js';
import { MemorySettingsStore } from '../../ports/settings-store.js';
import { pollUntil } from '../../test-support/poll-until.js';
import { freePort, RsyslogCollector, rsyslogMissing } from '../../test-support/rsyslog-collector.js';
import { AuditSettings } from '../audit-settings.js';
import { openAuditTrail, type AuditLog } from '../open-audit-trail.js';
import { AuditForwarder } from './audit-forwarder.js';
import type { SyslogTarget } from './syslog-connection.js';
import { makeCollectorCertificates, type CollectorCertificates } from './test-support/collector-certificates.js';
import { startDroppingPort, startTlsFront } from './test-support/tls-front.js';

/**
 * Forwarding as the clinic's IT admin meets it: collectors set up wrong in each common way, a
 * long outage, the collector coming back, and switching off with records waiting. The collector
 * is a real Debian rsyslog; TLS is a TLS-only front before it (Debian's rsyslog here has no TLS driver).
 */
const skip = rsyslogMissing();
const person = { subject: 'it-admin', name: 'Sam Admin' };
let dir: string;
const closers: Array<() => Promise<void>> = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rpa-audit-forward-admin-'));
});

afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
  await rm(dir, { recursive: true, force: true });
});

async function openTrail(notices: Pick<NoticeBoard, 'post'> = { post: () => undefined }): Promise<AuditLog> {
  const audit = await openAuditTrail({ path: join(dir, 'audit', 'audit.jsonl'), clock: systemClock, logger: nullLogger, notices, secrets: new MemorySecretStore() });
  closers.push(() => audit.close());
  return audit;
}

/**
 * A hold of 1 s, not 300 ms: a port that closes at once is told apart from a collector that read
 * the batch only by closing within the hold, which a loaded machine must not stretch past it.
 * Retries come within 200 ms, not 500 ms doubling to 30 s: these tests count attempts and wait
 * for the next one, and what they prove does not depend on the spacing.
 */
async function openForwarder(audit: AuditLog, options: { notices?: NoticeBoard; noticeAfterMs?: number; timeoutMs?: number; holdMs?: number; cursorPath?: string } = {}): Promise<AuditForwarder> {
  const forwarder = new AuditForwarder({ audit, clock: systemClock, logger: nullLogger, cursorPath: join(dir, 'audit', 'forward-outbox.json'), hostname: 'clinic-pc', timeoutMs: options.timeoutMs ?? 5000, settleMs: 300, holdMs: 1000, backoffMs: 50, maxBackoffMs: 200, ...options });
  await forwarder.load();
  closers.push(() => forwarder.close());
  return forwarder;
}

async function startCollector(port?: number): Promise<RsyslogCollector> {
  const collector = new RsyslogCollector(join(dir), port ?? (await freePort()));
  await collector.start();
  closers.push(() => collector.stop());
  return collector;
}

/** Writes `count` records and returns the trail's last seq (opening it may have written one too). */
async function writeRecords(audit: AuditLog, count: number): Promise<number> {
  for (let i = 1; i <= count; i += 1) audit.record({ type: 'brokerDenied', runId: `run-${i}` });
  await audit.flush();
  return (await audit.list({ limit: 1 })).records[0]?.seq ?? 0;
}

const oneTo = (last: number): number[] => Array.from({ length: last }, (_, index) => index + 1);

function seqsOf(lines: string[]): number[] {
  return lines.map((line) => Number(/\[rpaAudit@32473 seq="(\d+)"/.exec(line)?.[1] ?? Number.NaN));
}

/** Points the forwarder at `target` and waits for the error the admin is shown. */
async function errorFor(forwarder: AuditForwarder, target: SyslogTarget): Promise<string> {
  forwarder.configure(target, false);
  await pollUntil(() => forwarder.view().state === 'retrying', 20_000, `forwarding to ${target.host}:${target.port} to fail`);
  return forwarder.view().lastError ?? '';
}

describe.skipIf(skip)('audit forwarding as the IT admin sets it up', () => {
  // Read-only for every test: one clinic CA and its collector's certificates for the file.
  let certificates: CollectorCertificates;
  beforeAll(() => {
    certificates = makeCollectorCertificates();
  });
  afterAll(() => certificates?.dispose());

  it('S89 a port that accepts and closes at once, or a TLS-only collector spoken to in plain TCP, takes nothing: the records wait, with what to do', async () => {
    const audit = await openTrail();
    const total = await writeRecords(audit, 12);
    const forwarder = await openForwarder(audit);

    const dropping = await startDroppingPort();
    closers.push(() => dropping.close());
    expect(await errorFor(forwarder, { host: '127.0.0.1', port: dropping.port, tls: false })).toContain('closed the connection without reading the records');
    await pollUntil(() => dropping.connections() >= 3, 20_000, 'three attempts at the dropping port');
    expect(forwarder.view().confirmedSeq).toBe(0);
    expect(forwarder.view().pending).toBe(total);

    const collector = await startCollector();
    const front = await startTlsFront({ ...certificates.valid, collectorPort: collector.port });
    closers.push(() => front.close());
    expect(await errorFor(forwarder, { host: '127.0.0.1', port: front.port, tls: false })).toContain('turn TLS on if the collector expects it');
    expect(forwarder.view().confirmedSeq).toBe(0);

    // The admin turns TLS on, with the clinic's CA: every waiting record arrives once, in order.
    forwarder.configure({ host: '127.0.0.1', port: front.port, tls: true, ca: certificates.caPem }, false);
    await forwarder.drained();
    expect(forwarder.view()).toMatchObject({ confirmedSeq: total, pending: 0 });
    expect(forwarder.view().lastError).toBeUndefined();
    await collector.stop();
    expect(seqsOf(await collector.lines())).toEqual(oneTo(total));
  });

  it('S89 each common way of getting the collector wrong says what to fix, not an OpenSSL or errno code', async () => {
    const audit = await openTrail();
    await writeRecords(audit, 2);
    const forwarder = await openForwarder(audit, { timeoutMs: 2000 });
    // A TLS handshake that gets no answer ends in the same message whatever the timeout, and
    // nothing else goes to this forwarder, so a short one keeps the test from waiting 2 s for it.
    const handshakeForwarder = await openForwarder(audit, { timeoutMs: 300, cursorPath: join(dir, 'audit', 'handshake-outbox.json') });
    const collector = await startCollector();
    const front = await startTlsFront({ ...certificates.valid, collectorPort: collector.port });
    const expiredFront = await startTlsFront({ ...certificates.expired, collectorPort: collector.port });
    closers.push(() => front.close(), () => expiredFront.close());
    const closedPort = await freePort();

    const said = {
      unknownName: await errorFor(forwarder, { host: 'syslog.clinic.invalid', port: 6514, tls: true }),
      nothingListening: await errorFor(forwarder, { host: '127.0.0.1', port: closedPort, tls: false }),
      privateCa: await errorFor(forwarder, { host: '127.0.0.1', port: front.port, tls: true }),
      expired: await errorFor(forwarder, { host: '127.0.0.1', port: expiredFront.port, tls: true, ca: certificates.caPem }),
      wrongName: await errorFor(forwarder, { host: 'localhost', port: front.port, tls: true, ca: certificates.caPem }),
      tlsToPlain: await errorFor(handshakeForwarder, { host: '127.0.0.1', port: collector.port, tls: true }),
    };
    expect(said.unknownName).toContain('the name syslog.clinic.invalid could not be found');
    expect(said.nothingListening).toContain(`nothing is listening on port ${closedPort}`);
    expect(said.privateCa).toContain("put the clinic's CA certificate (PEM) in the machine policy, auditForwarding.ca");
    expect(said.expired).toContain('its certificate has expired');
    expect(said.wrongName).toContain('issued for another name than localhost');
    expect(said.tlsToPlain).toContain('did not answer the TLS handshake');
    for (const message of Object.values(said)) {
      expect(message).toMatch(/^Audit records could not be sent to the syslog collector at \S+:\d+ \(.+\)\. They are kept on this computer/);
      expect(message).not.toMatch(/\b[A-Z][A-Z_]{5,}\b/);
    }
    expect(forwarder.view().confirmedSeq).toBe(0);
    expect(handshakeForwarder.view().confirmedSeq).toBe(0);
  });

  it('S90 a collector down for a while raises one notice, not one per retry, says since when, and the notice goes when it answers; every record arrives once, in order', async () => {
    const notices = new NoticeBoard(systemClock);
    const audit = await openTrail();
    await writeRecords(audit, 5);
    const forwarder = await openForwarder(audit, { notices, noticeAfterMs: 300 });
    const port = await freePort();
    // The collector's port takes connections but nothing reads them (a collector that is down behind a balancer).
    const dropping = await startDroppingPort(port);
    const before = Date.now();
    forwarder.configure({ host: '127.0.0.1', port, tls: false }, false);
    const noticeRaised = () => notices.list().some((notice) => notice.code === 'audit_forwarding_failed');
    await pollUntil(noticeRaised, 30_000, 'the outage notice');
    // Retries go on after the notice; none of them raises another.
    const attemptsAtNotice = dropping.connections();
    await pollUntil(() => dropping.connections() >= attemptsAtNotice + 3, 30_000, 'three more failed attempts');
    const total = await writeRecords(audit, 5);
    const raised = notices.list().filter((notice) => notice.code === 'audit_forwarding_failed');
    expect(raised).toHaveLength(1);
    expect(raised[0]?.count).toBeUndefined();
    expect(raised[0]?.message).toContain(`127.0.0.1:${port}`);
    const view = forwarder.view();
    expect(view.failingSince).toBeGreaterThanOrEqual(before);
    expect(view.failingSince).toBeLessThan(Date.now());
    expect(view.pending).toBe(total);

    await dropping.close();
    const collector = await startCollector(port);
    await forwarder.drained();
    await pollUntil(() => forwarder.view().state !== 'retrying', 10_000, 'the forwarder to see the collector back');
    expect(notices.list().filter((notice) => notice.code === 'audit_forwarding_failed')).toHaveLength(0);
    expect(forwarder.view().failingSince).toBeUndefined();
    await collector.stop();
    expect(seqsOf(await collector.lines())).toEqual(oneTo(total));
  });

  it('S90 switching forwarding off with records waiting keeps them, says how many in the audit trail, and sends them first when it is on again', async () => {
    const audit = await openTrail();
    // Nothing here closes early (no collector, then rsyslog), so the hold need not be long.
    const settings = new AuditSettings({ audit, forwarder: await openForwarder(audit, { holdMs: 300 }), settings: new MemorySettingsStore(), policy: defaultMachinePolicy, clock: systemClock });
    closers.push(() => settings.close());
    await settings.start();
    const port = await freePort();
    await settings.saveForwarding({ host: '127.0.0.1', port, tls: false }, person);
    await writeRecords(audit, 6);
    await pollUntil(async () => (await settings.status()).forwarding.state === 'retrying', 20_000, 'forwarding to fail');
    const waiting = (await settings.status()).forwarding.pending;
    expect(waiting).toBeGreaterThanOrEqual(7);

    await settings.saveForwarding(null, person);
    await audit.flush();
    const [off] = (await audit.list({ limit: 1 })).records;
    expect(off).toMatchObject({ type: 'settingsChanged', actor: person });
    expect(off?.detail).toBe(`Audit forwarding switched off. ${waiting} records had not reached the collector; they stay in the audit trail and are sent first when forwarding is switched on again.`);

    const collector = await startCollector(port);
    await settings.saveForwarding({ host: '127.0.0.1', port, tls: false }, person);
    await audit.flush();
    await pollUntil(async () => (await settings.status()).forwarding.pending === 0, 20_000, 'every record to reach the collector');
    await collector.stop();
    const total = (await audit.list({ limit: 1 })).records[0]?.seq ?? 0;
    expect(seqsOf(await collector.lines())).toEqual(oneTo(total));
  });
});
