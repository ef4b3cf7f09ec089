import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nullLogger } from '../ports/logger.js';
import { FakeClock } from '../test-support/fake-clock.js';
import { AuditTrail } from './audit-trail.js';

let dir: string;
let trail: AuditTrail | undefined;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rpa-audit-company-'));
});

afterEach(async () => {
  await trail?.close();
  trail = undefined;
  await rm(dir, { recursive: true, force: true });
});

describe('AuditTrail.list by company', () => {
  it('pages only the records about one HCSS company across the whole trail, combined with a time range', async () => {
    const clock = new FakeClock();
    const audit = await AuditTrail.open({ path: join(dir, 'audit', 'audit.jsonl'), clock, logger: nullLogger });
    trail = audit;
    const nurse = { subject: 'nurse-0002', name: 'Nurse B' };
    const startedAt = clock.now();
    for (let i = 1; i <= 900; i += 1) {
      // Every 4th record is about demo-clinic-1001, every 4th after it about riverside-2002, the rest about no company.
      const company = i % 4 === 0 ? 'demo-clinic-1001' : i % 4 === 1 ? 'riverside-2002' : undefined;
      audit.record({ type: 'runStarted', actor: nurse, profileId: 'hcss', ...(company ? { company } : {}), botId: 'claims-bot', runId: `run-${i}` });
      clock.advance(60_000);
    }
    const first = await audit.list({ limit: 100, match: { company: 'demo-clinic-1001' } });
    expect(first.records.map((r) => r.seq)).toEqual(Array.from({ length: 100 }, (_, i) => 900 - 4 * i));
    expect(first.records.every((r) => r.company === 'demo-clinic-1001')).toBe(true);
    const rest = await audit.list({ limit: 1000, beforeSeq: first.nextBeforeSeq ?? 0, match: { company: 'demo-clinic-1001' } });
    expect(rest.records).toHaveLength(125);
    expect(rest.records.at(-1)?.seq).toBe(4);
    expect(rest.nextBeforeSeq).toBeNull();
    // The first hour of the trail, for the other company: far below the newest page.
    const early = await audit.list({ match: { company: 'riverside-2002', fromAt: startedAt, untilAt: startedAt + 60 * 60_000 } });
    expect(early.records.map((r) => r.seq)).toEqual([57, 53, 49, 45, 41, 37, 33, 29, 25, 21, 17, 13, 9, 5, 1]);
    expect((await audit.list({ match: { company: 'no-such-company' } })).records).toEqual([]);
  });
});
