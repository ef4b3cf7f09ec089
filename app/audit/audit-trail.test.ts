import { appendFile, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { nullLogger } from '../ports/logger.js';
import { FakeClock } from '../test-support/fake-clock.js';
import { genesisHash, hashOf, sealRecord, serializeRecord, type AuditEventType, type StoredAuditRecord } from './audit-record.js';
import { AuditTrail, type AuditProblem } from './audit-trail.js';

let dir: string;
let path: string;
let clock: FakeClock;
let trail: AuditTrail | undefined;
const problems: AuditProblem[] = [];

async function openTrail(): Promise<AuditTrail> {
  trail = await AuditTrail.open({ path, clock, logger: nullLogger, onProblem: (problem) => problems.push(problem) });
  return trail;
}

async function lines(): Promise<string[]> {
  return (await readFile(path, 'utf8')).split('\n').filter((line) => line.length > 0);
}

const demo = { subject: 'demo-user-0001', name: 'Dr Demo Supervisor' };

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rpa-audit-'));
  path = join(dir, 'audit', 'audit.jsonl');
  clock = new FakeClock();
  problems.length = 0;
});

afterEach(async () => {
  vi.unstubAllEnvs();
  await trail?.close();
  trail = undefined;
  await rm(dir, { recursive: true, force: true });
});

describe('AuditTrail chain', () => {
  it('writes one canonical JSON line per record, each carrying the previous hash', async () => {
    const audit = await openTrail();
    audit.record({ type: 'signedIn', actor: demo, profileId: 'sandbox', detail: 'Token valid until later.' });
    clock.advance(1000);
    audit.record({ type: 'runStarted', actor: demo, profileId: 'sandbox', botId: 'api-bot', runId: 'run-1' });
    await audit.flush();
    const [first, second] = (await lines()).map((line) => JSON.parse(line) as StoredAuditRecord);
    expect(first).toMatchObject({ seq: 1, at: clock.now() - 1000, type: 'signedIn', actor: demo, profileId: 'sandbox', prev: genesisHash });
    expect(second).toMatchObject({ seq: 2, type: 'runStarted', botId: 'api-bot', runId: 'run-1', prev: first?.hash });
    const { hash, ...body } = second as StoredAuditRecord;
    expect(hash).toBe(hashOf(JSON.stringify(body)));
    expect(await audit.verify()).toMatchObject({ ok: true, records: 2, keyed: 'none', message: 'All 2 records are intact: they follow one another with no gap.' });
  });

  it('continues the chain after a reopen', async () => {
    const audit = await openTrail();
    audit.record({ type: 'signedIn', actor: demo });
    await audit.close();
    const reopened = await openTrail();
    reopened.record({ type: 'signedOut', actor: demo });
    expect((await reopened.verify()).ok).toBe(true);
    expect((await reopened.list()).records.map((r) => [r.seq, r.type])).toEqual([
      [2, 'signedOut'],
      [1, 'signedIn'],
    ]);
  });

  it('keeps the order of a burst of 1500 records (several batches) and pages newest first', async () => {
    const audit = await openTrail();
    for (let i = 1; i <= 1500; i += 1) audit.record({ type: 'brokerDenied', runId: `run-${i}`, detail: `denial ${i} ${'x'.repeat(100)}` });
    const first = await audit.list({ limit: 400 });
    expect(first.records[0]?.seq).toBe(1500);
    expect(first.records.at(-1)?.seq).toBe(1101);
    expect(first.nextBeforeSeq).toBe(1101);
    const seen = [...first.records];
    let before = first.nextBeforeSeq;
    while (before !== null) {
      const page = await audit.list({ beforeSeq: before, limit: 400 });
      seen.push(...page.records);
      before = page.nextBeforeSeq;
    }
    expect(seen.map((r) => r.seq)).toEqual(Array.from({ length: 1500 }, (_, i) => 1500 - i));
    expect(seen[0]?.runId).toBe('run-1500');
    expect(await audit.verify()).toMatchObject({ ok: true, records: 1500 });
  });

  it('pages only the records a match selects (time range, type, person, bot), newest first, across the whole trail', async () => {
    const audit = await openTrail();
    const nurse = { subject: 'nurse-0002', name: 'Nurse B' };
    const startedAt = clock.now();
    for (let i = 1; i <= 1200; i += 1) {
      audit.record({ type: i % 2 === 0 ? 'runStarted' : 'runEnded', actor: i % 3 === 0 ? nurse : demo, botId: i % 5 === 0 ? 'claims-bot' : 'api-bot', runId: `run-${i}` });
      clock.advance(60_000);
    }
    await audit.flush();
    // The oldest ten minutes only: far below the first page of an unfiltered list.
    const early = await audit.list({ limit: 100, match: { fromAt: startedAt, untilAt: startedAt + 10 * 60_000 } });
    expect(early.records.map((r) => r.seq)).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect(early.nextBeforeSeq).toBeNull();
    const match = { type: 'runStarted', subject: nurse.subject, botId: 'claims-bot' };
    const first = await audit.list({ limit: 15, match });
    // Every 30th record is a run start by the nurse of the claims bot: 40 of them.
    expect(first.records.map((r) => r.seq)).toEqual(Array.from({ length: 15 }, (_, i) => 1200 - 30 * i));
    const rest = await audit.list({ limit: 100, beforeSeq: first.nextBeforeSeq ?? 0, match });
    expect(rest.records).toHaveLength(25);
    expect(rest.records.at(-1)?.seq).toBe(30);
    expect(rest.nextBeforeSeq).toBeNull();
    expect((await audit.list({ match: { type: 'signedIn' } })).records).toEqual([]);
  });

  it('never stores anything shaped like a token, and caps field lengths', async () => {
    const audit = await openTrail();
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJkZW1vIn0.c2lnbmF0dXJlLXNpZ25hdHVyZQ';
    audit.record({ type: 'runEnded', detail: `The bot printed ${jwt} and ${'y'.repeat(5000)}\nsecond line` });
    await audit.flush();
    const text = await readFile(path, 'utf8');
    expect(text).not.toContain(jwt);
    expect(text).not.toContain('eyJhbGciOiJSUzI1NiJ9');
    expect(text).toContain('[REDACTED]');
    const [record] = (await audit.list()).records;
    expect(record?.detail?.length).toBeLessThanOrEqual(1000);
    expect(record?.detail).not.toContain('\n');
  });
});

describe('AuditTrail verify', () => {
  async function trailWith(count: number): Promise<AuditTrail> {
    const audit = await openTrail();
    for (let i = 1; i <= count; i += 1) audit.record({ type: 'runEnded', actor: demo, runId: `run-${i}`, detail: `Run ${i} ended: succeeded.` });
    await audit.flush();
    return audit;
  }

  it('reports the edited line when one record is changed', async () => {
    const audit = await trailWith(5);
    const all = await lines();
    all[2] = (all[2] as string).replace('Run 3 ended: succeeded.', 'Run 3 ended: failed.');
    await writeFile(path, `${all.join('\n')}\n`);
    expect(await audit.verify()).toMatchObject({ ok: false, records: 5, brokenAtLine: 3 });
    expect((await audit.verify()).message).toMatch(/line 3: its content does not match its hash/);
  });

  it('names the damaged record (number, time, kind, person) so the screen can say which one it is', async () => {
    const audit = await trailWith(5);
    const all = await lines();
    const third = JSON.parse(all[2] as string) as StoredAuditRecord;
    all[2] = (all[2] as string).replace('Run 3 ended: succeeded.', 'Run 3 ended: failed.');
    await writeFile(path, `${all.join('\n')}\n`);
    expect((await audit.verify()).brokenRecord).toEqual({ seq: 3, at: third.at, type: 'runEnded', actor: demo });
    // A line that is no record at all has nothing to name.
    await writeFile(path, `${all.slice(0, 2).join('\n')}\nnot a record\n`);
    const unreadable = await audit.verify();
    expect(unreadable).toMatchObject({ ok: false, brokenAtLine: 3 });
    expect(unreadable.brokenRecord).toBeUndefined();
  });

  it('reports the next line when an edited record was re-hashed by the forger', async () => {
    const audit = await trailWith(5);
    const all = await lines();
    const forged = JSON.parse(all[1] as string) as StoredAuditRecord;
    const resealed = sealRecord({ type: forged.type as AuditEventType, actor: { subject: 'someone-else' }, runId: forged.runId, detail: forged.detail }, forged.seq, forged.at, forged.prev);
    all[1] = serializeRecord(resealed);
    await writeFile(path, `${all.join('\n')}\n`);
    expect(await audit.verify()).toMatchObject({ ok: false, brokenAtLine: 3 });
  });

  it('reports a removed line, a swapped pair and a whitespace-only edit', async () => {
    const audit = await trailWith(4);
    const original = await lines();

    await writeFile(path, `${original.filter((_, i) => i !== 1).join('\n')}\n`);
    expect(await audit.verify()).toMatchObject({ ok: false, brokenAtLine: 2, records: 3 });

    const swapped = [original[0], original[2], original[1], original[3]];
    await writeFile(path, `${swapped.join('\n')}\n`);
    expect(await audit.verify()).toMatchObject({ ok: false, brokenAtLine: 2 });

    const spaced = [...original];
    spaced[3] = (spaced[3] as string).replace('{"seq"', '{ "seq"');
    await writeFile(path, `${spaced.join('\n')}\n`);
    expect(await audit.verify()).toMatchObject({ ok: false, brokenAtLine: 4 });

    // A stray CR would hide an edit from a CRLF-aware reader; here it is part of the line.
    const withCr = [...original];
    withCr[0] = `${withCr[0] as string}\r`;
    await writeFile(path, `${withCr.join('\n')}\n`);
    expect(await audit.verify()).toMatchObject({ ok: false, brokenAtLine: 1 });

    await writeFile(path, `${original.join('\n')}\n`);
    expect(await audit.verify()).toMatchObject({ ok: true, records: 4 });
  });

  it('reports a removed first line (the chain starts from a fixed genesis hash)', async () => {
    const audit = await trailWith(3);
    await writeFile(path, `${(await lines()).slice(1).join('\n')}\n`);
    expect(await audit.verify()).toMatchObject({ ok: false, brokenAtLine: 1 });
  });
});

describe('AuditTrail crash safety', () => {
  it('moves a torn last line aside on open, records the repair and keeps the chain whole', async () => {
    const audit = await openTrail();
    audit.record({ type: 'signedIn', actor: demo });
    audit.record({ type: 'runStarted', actor: demo, runId: 'run-1' });
    await audit.close();
    trail = undefined;
    // What a crash in the middle of an append leaves: part of a line, no newline.
    const torn = '{"seq":3,"at":1,"type":"runEnded","actor":{"subj';
    await appendFile(path, torn);

    const reopened = await openTrail();
    reopened.record({ type: 'signedOut', actor: demo });
    expect(await reopened.verify()).toMatchObject({ ok: true, records: 4 });
    const types = (await reopened.list()).records.map((r) => r.type);
    expect(types).toEqual(['signedOut', 'auditRepaired', 'runStarted', 'signedIn']);
    expect(problems).toHaveLength(1);
    const [problem] = problems;
    expect(problem).toMatchObject({ kind: 'repaired', bytes: torn.length });
    expect(await readFile((problem as { quarantinedTo: string }).quarantinedTo, 'utf8')).toBe(torn);
    expect((await readdir(join(dir, 'audit'))).some((name) => name.startsWith('audit.jsonl.torn-'))).toBe(true);
  });

  it('treats a zero-filled tail (power loss) as torn', async () => {
    const audit = await openTrail();
    audit.record({ type: 'signedIn', actor: demo });
    await audit.close();
    trail = undefined;
    await appendFile(path, Buffer.alloc(300));
    const reopened = await openTrail();
    expect(await reopened.verify()).toMatchObject({ ok: true, records: 2 });
    expect(problems[0]).toMatchObject({ kind: 'repaired', bytes: 300 });
  });

  it('keeps a complete last record whose newline was all that got lost', async () => {
    const audit = await openTrail();
    audit.record({ type: 'signedIn', actor: demo });
    audit.record({ type: 'signedOut', actor: demo });
    await audit.close();
    trail = undefined;
    const text = await readFile(path, 'utf8');
    await writeFile(path, text.slice(0, -1));
    const reopened = await openTrail();
    reopened.record({ type: 'signedIn', actor: demo });
    expect(await reopened.verify()).toMatchObject({ ok: true, records: 3 });
    expect(problems).toEqual([]);
  });
});

describe('AuditTrail export', () => {
  it('S85 exports RFC 4180 CSV with formula injection defused, and records the export', async () => {
    const audit = await openTrail();
    audit.record({ type: 'runEnded', actor: { subject: 'u1', name: '=HYPERLINK("http://evil","x")' }, botId: 'bot', detail: 'Said "hi", then\u0000left' });
    audit.record({ type: 'settingsChanged', detail: '+1 concurrent run; @admin; -x' });
    vi.stubEnv('TZ', 'Europe/London');
    const { fileName, csv } = await audit.exportCsv();
    expect(fileName).toBe('rpa-supervisor-audit-2026-11-22.csv');
    const rows = csv.split('\r\n');
    expect(rows[0]).toBe('Seq,Time (UTC),Local time (UTC offset),Type,Actor subject,Actor name,Profile id,Company,Bot id,Run id,Detail,Previous hash,Hash,Key id,MAC,Profile name (at export),Bot name (at export)');
    expect(rows[1]).toMatch(/^1,2026-11-22T09:00:00\.000Z,2026-11-22 09:00:00 \+00:00,runEnded,u1,"'=HYPERLINK\(""http:\/\/evil"",""x""\)",,,bot,,"Said ""hi"", then left",0{64},[0-9a-f]{64},,,,$/);
    expect(rows[2]).toMatch(/^2,.*,settingsChanged,,,,,,,'\+1 concurrent run; @admin; -x,/);
    expect(rows.at(-1)).toBe('');
    expect(rows).toHaveLength(4);
    await audit.flush();
    expect((await audit.list({ limit: 1 })).records[0]).toMatchObject({ type: 'auditExported', detail: `2 records exported as ${fileName}.` });
  });

  it('exports an unreadable line as such instead of hiding it', async () => {
    const audit = await openTrail();
    audit.record({ type: 'signedIn', actor: demo });
    await audit.flush();
    await appendFile(path, 'garbage, not json\n');
    const { csv } = await audit.exportCsv();
    expect(csv).toContain('unreadable');
    // As many fields as the header, so the row lines up in a spreadsheet (RFC 4180).
    expect(csv.split('\r\n')[2]).toBe(',,,unreadable,,,,,,,"Line 2 is not a readable record: garbage, not json",,,,,,');
  });

  it('names the file by the local date and gives each record the local time with its UTC offset', async () => {
    vi.stubEnv('TZ', 'Asia/Tokyo');
    clock.advance(6 * 60 * 60_000);
    const audit = await openTrail();
    audit.record({ type: 'signedIn', actor: demo });
    const { fileName, csv, checkpoint } = await audit.exportCsv();
    // 15:00 UTC on the 22nd is midnight on the 23rd in Tokyo: the day the clinic exported it.
    expect(fileName).toBe('rpa-supervisor-audit-2026-11-23.csv');
    expect(checkpoint.fileName).toBe('rpa-supervisor-audit-2026-11-23.checkpoint.json');
    expect(csv.split('\r\n')[1]).toMatch(/^1,2026-11-22T15:00:00\.000Z,2026-11-23 00:00:00 \+09:00,signedIn,/);
  });

});
