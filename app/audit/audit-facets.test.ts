import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nullLogger } from '../ports/logger.js';
import { FakeClock } from '../test-support/fake-clock.js';
import { openAuditTrail, type AuditLog } from './open-audit-trail.js';

let dir: string;
let audit: AuditLog | undefined;
const notices = { post: () => undefined };

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rpa-audit-facets-'));
});

afterEach(async () => {
  await audit?.close();
  audit = undefined;
  await rm(dir, { recursive: true, force: true });
});

const open = (path: string) => openAuditTrail({ path, clock: new FakeClock(), logger: nullLogger, notices });

describe('the audit page answer offers everyone and everything the whole trail names', () => {
  it('offers a person, a bot and a company found only in records far below the first page, also after the trail is opened again', async () => {
    const path = join(dir, 'audit', 'audit.jsonl');
    const first = await open(path);
    // Months ago: a locum and a company disconnected since, with a bot that was removed.
    first.record({ type: 'companyConnected', actor: { subject: 'locum-0009', name: 'Dr Locum' }, profileId: 'hcss', company: 'old-clinic-0042' });
    first.record({ type: 'runStarted', actor: { subject: 'locum-0009' }, profileId: 'hcss', company: 'old-clinic-0042', botId: 'retired-bot', runId: 'run-old' });
    for (let i = 0; i < 450; i += 1) first.record({ type: i % 2 === 0 ? 'signedIn' : 'signedOut', actor: { subject: 'nurse-0002', name: 'Nurse B' }, profileId: 'hcss', botId: 'claims-bot' });
    await first.close();

    audit = await open(path);
    const page = await audit.list({ limit: 200 });
    expect(page.nextBeforeSeq).not.toBeNull();
    expect(page.records.some((record) => record.actor?.subject === 'locum-0009' || record.company !== undefined)).toBe(false);
    expect(page.facets).toEqual({
      people: [
        { subject: 'locum-0009', name: 'Dr Locum' },
        { subject: 'nurse-0002', name: 'Nurse B' },
      ],
      botIds: ['claims-bot', 'retired-bot'],
      companies: ['old-clinic-0042'],
    });
    // Narrowed by a match, the answer still names the whole trail.
    expect((await audit.list({ limit: 200, match: { subject: 'nurse-0002' } })).facets).toEqual(page.facets);
  });

  it('keeps up with records written after the trail was first read, and names a person as their newest record does', async () => {
    audit = await open(join(dir, 'audit.jsonl'));
    audit.record({ type: 'signedIn', actor: { subject: 'alice-0001', name: 'Alice Nurse' } });
    expect((await audit.list()).facets).toEqual({ people: [{ subject: 'alice-0001', name: 'Alice Nurse' }], botIds: [], companies: [] });
    audit.record({ type: 'signedIn', actor: { subject: 'alice-0001', name: 'Alice Smith' } });
    audit.record({ type: 'signedOut', actor: { subject: 'alice-0001' } });
    audit.record({ type: 'companyConnected', actor: { subject: 'carol-0003' }, company: 'riverside-2002' });
    audit.record({ type: 'runStarted', actor: { subject: 'carol-0003' }, company: 'riverside-2002', botId: 'new-bot', runId: 'run-1' });
    expect((await audit.list({ limit: 1 })).facets).toEqual({
      people: [{ subject: 'alice-0001', name: 'Alice Smith' }, { subject: 'carol-0003' }],
      botIds: ['new-bot'],
      companies: ['riverside-2002'],
    });
  });
});
