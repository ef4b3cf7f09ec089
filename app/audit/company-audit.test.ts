import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { profileSchema, type Profile } from '../config/profile.js';
import { nullLogger } from '../ports/logger.js';
import { MemorySettingsStore } from '../ports/settings-store.js';
import { CompanyConnections } from '../session/company-connections.js';
import type { Session } from '../session/session.js';
import { FakeClock } from '../test-support/fake-clock.js';
import { AuditTrail } from './audit-trail.js';
import { companyAuditRecords } from './company-audit.js';

/**
 * The company records as they reach a real trail: the company model tells the audit what
 * happened, and the record must name the same people the refused person is shown.
 */
const profile: Profile = profileSchema.parse({ id: 'hcss', name: 'HCSS', kind: 'partner', issuer: 'https://id.example', clientId: 'partner', clientAuth: 'client_secret_basic' });
const sessionOf = (subject: string, name: string) => ({ profileId: 'hcss', subject, name, accessToken: 'a', idToken: 'i' }) as Session;

let dir: string;
let trail: AuditTrail | undefined;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rpa-company-audit-'));
});

afterEach(async () => {
  await trail?.close();
  trail = undefined;
  await rm(dir, { recursive: true, force: true });
});

async function setup(): Promise<{ audit: AuditTrail; companies: CompanyConnections }> {
  const clock = new FakeClock();
  const audit = await AuditTrail.open({ path: join(dir, 'audit', 'audit.jsonl'), clock, logger: nullLogger });
  trail = audit;
  const companies = new CompanyConnections({
    settings: new MemorySettingsStore(),
    clock,
    logger: nullLogger,
    profiles: { get: (id) => (id === profile.id ? profile : undefined) },
    grants: { companyIdFor: async () => 'c1', requestToken: async () => ({ accessToken: 'company-token', expiresAt: clock.now() + 3_600_000, receivedAt: clock.now() }) },
    ...companyAuditRecords(audit),
  });
  return { audit, companies };
}

async function refusalDetails(audit: AuditTrail): Promise<(string | undefined)[]> {
  return (await audit.list({ limit: 100 })).records.filter((r) => r.type === 'companyRefused').map((r) => r.detail);
}

describe('companyAuditRecords', () => {
  it('S67 the refusal record names the one person who connected the company', async () => {
    const { audit, companies } = await setup();
    await companies.connect(profile, sessionOf('demo', 'Dr Demo'));
    companies.tokenFor('hcss', 'c1', 0, { subject: 'locum', name: 'Dr Locum' });
    expect(await refusalDetails(audit)).toEqual(["Refused the company's token: it was connected by Dr Demo (demo)."]);
  });

  it('S67 the refusal record names everyone who connected the company, as the refused person is told, never only the first', async () => {
    const { audit, companies } = await setup();
    await companies.connect(profile, sessionOf('demo', 'Dr Demo'));
    await companies.connect(profile, sessionOf('colleague', 'Nurse Colleague'));
    await companies.connect(profile, sessionOf('reception', 'Ms Reception'));
    companies.tokenFor('hcss', 'c1', 0, { subject: 'locum', name: 'Dr Locum' });
    const records = (await audit.list({ limit: 100 })).records.filter((r) => r.type === 'companyRefused');
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      actor: { subject: 'locum', name: 'Dr Locum' },
      profileId: 'hcss',
      company: 'c1',
      detail: "Refused the company's token: it was connected by Dr Demo (demo), Nurse Colleague (colleague) and Ms Reception (reception).",
    });
  });

  it('S67 the audit names every person even past three, where the message shortens to "and N others"', async () => {
    const { audit, companies } = await setup();
    const people = ['one', 'two', 'three', 'four', 'five'];
    for (const subject of people) await companies.connect(profile, sessionOf(subject, `Dr ${subject}`));
    const refused = companies.tokenFor('hcss', 'c1', 0, { subject: 'locum' });
    expect(refused).toMatchObject({ ok: false, message: expect.stringContaining('Dr one, Dr two and 3 others') });
    expect(await refusalDetails(audit)).toEqual([
      "Refused the company's token: it was connected by Dr one (one), Dr two (two), Dr three (three), Dr four (four) and Dr five (five).",
    ]);
  });
});
