import { appendFile, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';
import { genesisHash, sealRecord, serializeRecord, type AuditEvent, type StoredAuditRecord } from '../../app/audit/audit-record.js';
import { skipWizardIfShown } from './sign-in.js';

/** The people of the seeded trail; the third has no name, only a subject. */
export const seededPeople = [
  { subject: 'alice-0001', name: 'Alice Nurse' },
  { subject: 'bob-0002', name: 'Bob Admin' },
  { subject: 'carol-0003' },
] as const;

/** Bot ids a spreadsheet would read as formulas (CSV injection), and one plain id. */
export const formulaBotIds = ['=HYPERLINK("http://evil.example","Open")', '+cmd|\' /C calc\'!A0', '@SUM(1+1)', '-2+3', 'claims-bot'] as const;

export interface SeededAuditTrail {
  dataDir: string;
  records: StoredAuditRecord[];
}

/**
 * A data folder whose audit trail already holds `count` records, one every 15 minutes from
 * 25 March 2024 00:00 UTC (so across the change to summer time in the UK on 31 March), chained as
 * a trail written before it was keyed. Bot ids, a company and a question read as formulas.
 */
export async function seedAuditTrail(count: number): Promise<SeededAuditTrail> {
  const dataDir = await mkdtemp(join(tmpdir(), 'rpa-supervisor-e2e-audit-'));
  await mkdir(join(dataDir, 'audit'), { recursive: true, mode: 0o700 });
  const records: StoredAuditRecord[] = [];
  let prev = genesisHash;
  for (let seq = 1; seq <= count; seq += 1) {
    const record = sealRecord(seededEvent(seq), seq, Date.UTC(2024, 2, 25) + (seq - 1) * 15 * 60_000, prev);
    records.push(record);
    prev = record.hash;
  }
  await writeFile(join(dataDir, 'audit', 'audit.jsonl'), `${records.map(serializeRecord).join('\n')}\n`, { mode: 0o600 });
  return { dataDir, records };
}

/** Appends `events` (each at its own time) to the seeded trail, chained on from its last record. */
export async function appendAuditEvents(seeded: SeededAuditTrail, events: ReadonlyArray<readonly [at: number, event: AuditEvent]>): Promise<StoredAuditRecord[]> {
  let last = seeded.records.at(-1) as StoredAuditRecord;
  const appended = events.map(([at, event]) => (last = sealRecord(event, last.seq + 1, at, last.hash)));
  await appendFile(join(seeded.dataDir, 'audit', 'audit.jsonl'), `${appended.map(serializeRecord).join('\n')}\n`);
  return appended;
}

/** Opens the audit trail on `pageUrl` past the wizard, once its newest page is on the screen. */
export async function openSeededAuditTrail(page: Page, pageUrl: string): Promise<void> {
  await page.goto(pageUrl);
  await skipWizardIfShown(page);
  await page.getByTestId('nav-audit').click();
  await expect(page.getByTestId('audit-shown')).toHaveText('The newest 200 records shown. Load older records to look further back.');
}

function seededEvent(seq: number): AuditEvent {
  const actor = seededPeople[seq % seededPeople.length] as AuditEvent['actor'] & object;
  const botId = formulaBotIds[seq % formulaBotIds.length] as string;
  const run = { actor, profileId: 'sandbox', botId, runId: `run-${seq}` };
  const events: AuditEvent[] = [
    { type: 'runStarted', ...run, detail: `${botId} started.` },
    { type: 'runEnded', ...run, detail: `${botId} ended: succeeded; exit code 0.` },
    { type: 'brokerDenied', ...run, detail: 'The broker refused a request: invalid_secret.' },
    { type: 'signInFailed', actor, profileId: 'sandbox', detail: 'Sign-in failed: state_mismatch.' },
    { type: 'companyConnected', actor, profileId: 'sandbox', company: '=1+2', detail: 'Company =1+2 connected.' },
    { type: 'questionAsked', ...run, detail: '=SUM(A1:A9) is the total right?' },
    { type: 'signedOut', actor, profileId: 'sandbox' },
  ];
  return events[seq % events.length] as AuditEvent;
}
