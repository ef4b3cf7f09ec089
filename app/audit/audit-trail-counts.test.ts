import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nullLogger } from '../ports/logger.js';
import { FakeClock } from '../test-support/fake-clock.js';
import { AuditTrail } from './audit-trail.js';

/** The audit trail's own records say their counts as a person reads them: one record, not "1 records". */
let dir: string;
let trail: AuditTrail | undefined;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rpa-audit-counts-'));
});

afterEach(async () => {
  await trail?.close();
  trail = undefined;
  await rm(dir, { recursive: true, force: true });
});

describe('AuditTrail counts in words', () => {
  it('an export of one record says "1 record exported"', async () => {
    trail = await AuditTrail.open({ path: join(dir, 'audit.jsonl'), clock: new FakeClock(), logger: nullLogger });
    trail.record({ type: 'settingsChanged', detail: 'Runs at the same time: 2.' });
    const { fileName } = await trail.exportCsv();
    await trail.flush();
    const detail = (await trail.list({ limit: 1 })).records[0]?.detail;
    expect(detail).toBe(`1 record exported as ${fileName}.`);
  });

  it('a queue that overflowed by one record says "1 record could not be written and is missing here"', async () => {
    trail = await AuditTrail.open({ path: join(dir, 'audit.jsonl'), clock: new FakeClock(), logger: nullLogger });
    // One more than the queue holds, all at once: the oldest is dropped and the trail says so.
    for (let i = 0; i <= 10_000; i += 1) trail.record({ type: 'settingsChanged', detail: `Change ${String(i)}.` });
    await trail.flush();
    const gaps = (await trail.list({ limit: 10, match: { type: 'auditGap' } })).records;
    expect(gaps.map((record) => record.detail)).toEqual(['1 record could not be written and is missing here.']);
  });
});
