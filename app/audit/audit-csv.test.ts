import { describe, expect, it } from 'vitest';
import { auditCsv } from './audit-csv.js';
import { genesisHash, sealRecord, serializeRecord, type AuditEvent } from './audit-record.js';
import type { FileLine } from './read-lines.js';

const demo = { subject: 'demo-user-0001', name: 'Dr Demo Supervisor' };

/** The trail's lines as the export reads them, chained from the first. */
async function* linesOf(events: AuditEvent[]): AsyncIterable<FileLine> {
  let prev = genesisHash;
  let start = 0;
  for (const [index, event] of events.entries()) {
    const record = sealRecord(event, index + 1, Date.UTC(2026, 10, 22, 9), prev);
    const text = serializeRecord(record);
    yield { text, start, number: index + 1, terminated: true };
    prev = record.hash;
    start += Buffer.byteLength(text) + 1;
  }
}

describe('auditCsv', () => {
  it('names profiles and bots as configured at the export, after the id columns an earlier export had', async () => {
    const lines = linesOf([
      { type: 'runStarted', actor: demo, profileId: 'sandbox', company: 'demo-clinic-1001', botId: 'api-bot', runId: 'run-1' },
      { type: 'runStarted', actor: demo, profileId: 'gone-profile', botId: 'gone-bot', runId: 'run-2' },
    ]);
    const names = { profile: (id: string) => (id === 'sandbox' ? 'Local sandbox' : undefined), bot: (id: string) => (id === 'api-bot' ? '=Who am I' : undefined) };
    const rows = (await auditCsv(lines, names)).csv.split('\r\n').map((row) => row.split(','));
    const header = rows[0] ?? [];
    expect(header.slice(0, 15)).toEqual(['Seq', 'Time (UTC)', 'Local time (UTC offset)', 'Type', 'Actor subject', 'Actor name', 'Profile id', 'Company', 'Bot id', 'Run id', 'Detail', 'Previous hash', 'Hash', 'Key id', 'MAC']);
    expect(header.slice(15)).toEqual(['Profile name (at export)', 'Bot name (at export)']);
    // The ids stay where they were; a name, partly typed by an admin, is defused like any cell.
    expect([rows[1]?.[6], rows[1]?.[7], rows[1]?.[8], rows[1]?.[15], rows[1]?.[16]]).toEqual(['sandbox', 'demo-clinic-1001', 'api-bot', 'Local sandbox', "'=Who am I"]);
    // A profile or bot removed since has no name to give: the id alone says which it was.
    expect([rows[2]?.[6], rows[2]?.[8], rows[2]?.[15], rows[2]?.[16]]).toEqual(['gone-profile', 'gone-bot', '', '']);
  });
});
