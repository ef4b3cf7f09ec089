import { describe, expect, it } from 'vitest';
import type { AuditRecordView } from '../../app/common/contract.js';
import { auditFilterChoices, filterAuditRecords, noAuditFilter } from './audit-filter.js';

const day = (y: number, m: number, d: number, h = 12) => new Date(y, m - 1, d, h).getTime();
const records: AuditRecordView[] = [
  { seq: 3, at: day(2026, 12, 4, 23), type: 'runStarted', actor: { subject: 'u1', name: 'Dr A' }, profileId: 'sandbox', botId: 'api-bot' },
  { seq: 2, at: day(2026, 12, 3), type: 'settingsChanged', actor: { subject: 'u2', name: 'Nurse B' }, detail: 'Preferences changed' },
  { seq: 1, at: day(2026, 12, 1, 0), type: 'signedIn', actor: { subject: 'u1', name: 'Dr A' }, profileId: 'sandbox' },
];
const names = (id: string) => (id === 'sandbox' ? 'Local sandbox' : id);

describe('filterAuditRecords', () => {
  it('filters by local date range (whole days), type, person and bot', () => {
    const seqs = (filter: Partial<typeof noAuditFilter>) => filterAuditRecords(records, { ...noAuditFilter, ...filter }, names).map((r) => r.seq);
    expect(seqs({})).toEqual([3, 2, 1]);
    expect(seqs({ from: '2026-12-03', to: '2026-12-04' })).toEqual([3, 2]);
    expect(seqs({ to: '2026-12-01' })).toEqual([1]);
    expect(seqs({ type: 'settingsChanged' })).toEqual([2]);
    expect(seqs({ person: 'u1' })).toEqual([3, 1]);
    expect(seqs({ bot: 'api-bot' })).toEqual([3]);
    expect(seqs({ text: 'local sandbox' })).toEqual([3, 1]);
  });

  it('offers the types, people and bots the records hold', () => {
    expect(auditFilterChoices(records)).toEqual({
      types: [
        ['runStarted', 'Run started'],
        ['settingsChanged', 'Settings changed'],
        ['signedIn', 'Signed in'],
      ],
      people: [
        ['u1', 'Dr A'],
        ['u2', 'Nurse B'],
      ],
      bots: ['api-bot'],
    });
  });
});
