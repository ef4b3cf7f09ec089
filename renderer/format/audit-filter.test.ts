import { describe, expect, it } from 'vitest';
import type { AuditRecordView } from '../../app/common/contract.js';
import { auditDateRangeReversed, auditFilterChoices, filterAuditRecords, noAuditFilter } from './audit-filter.js';

const day = (y: number, m: number, d: number, h = 12) => new Date(y, m - 1, d, h).getTime();
const records: AuditRecordView[] = [
  { seq: 4, at: day(2026, 12, 5), type: 'brokerDenied', profileId: 'sandbox', botId: 'old-bot', runId: 'run-9', detail: 'The broker refused a request: stop_requested.' },
  { seq: 3, at: day(2026, 12, 4, 23), type: 'runStarted', actor: { subject: 'u1', name: 'Dr A' }, profileId: 'sandbox', botId: 'api-bot' },
  { seq: 2, at: day(2026, 12, 3), type: 'settingsChanged', actor: { subject: 'u2', name: 'Nurse B' }, detail: 'Preferences changed' },
  { seq: 1, at: day(2026, 12, 1, 0), type: 'signedIn', actor: { subject: 'u1', name: 'Dr A' }, profileId: 'sandbox' },
];
const botNames: Record<string, string> = { 'api-bot': 'Claims API' };
const names = { profile: (id: string) => (id === 'sandbox' ? 'Local sandbox' : id), bot: (id: string) => botNames[id] ?? id };

describe('filterAuditRecords', () => {
  it('filters by local date range (whole days), type, person and bot', () => {
    const seqs = (filter: Partial<typeof noAuditFilter>) => filterAuditRecords(records, { ...noAuditFilter, ...filter }, names).map((r) => r.seq);
    expect(seqs({})).toEqual([4, 3, 2, 1]);
    expect(seqs({ from: '2026-12-03', to: '2026-12-04' })).toEqual([3, 2]);
    expect(seqs({ to: '2026-12-01' })).toEqual([1]);
    expect(seqs({ type: 'settingsChanged' })).toEqual([2]);
    expect(seqs({ person: 'u1' })).toEqual([3, 1]);
    expect(seqs({ bot: 'api-bot' })).toEqual([3]);
    expect(seqs({ text: 'local sandbox' })).toEqual([4, 3, 1]);
    // The words on screen find a record as well as the stored ones.
    expect(seqs({ text: 'claims api' })).toEqual([3]);
    expect(seqs({ text: 'declined' })).toEqual([4]);
    expect(seqs({ text: 'stop_requested' })).toEqual([4]);
  });

  it('knows a From date after the To date can match nothing', () => {
    expect(auditDateRangeReversed({ ...noAuditFilter, from: '2026-12-05', to: '2026-12-04' })).toBe(true);
    expect(auditDateRangeReversed({ ...noAuditFilter, from: '2026-12-04', to: '2026-12-04' })).toBe(false);
    expect(auditDateRangeReversed({ ...noAuditFilter, from: '2026-12-05' })).toBe(false);
    expect(auditDateRangeReversed({ ...noAuditFilter, to: '2026-12-04' })).toBe(false);
  });

  it('offers the types, people and bots the records hold', () => {
    expect(auditFilterChoices(records, names.bot)).toEqual({
      types: [
        ['runStarted', 'Run started'],
        ['settingsChanged', 'Settings changed'],
        ['signedIn', 'Signed in'],
        ['brokerDenied', 'Token request refused'],
      ],
      people: [
        ['u1', 'Dr A'],
        ['u2', 'Nurse B'],
      ],
      // Names for the person, ids as the values; a bot no longer configured is named by its id.
      bots: [
        ['api-bot', 'Claims API'],
        ['old-bot', 'old-bot'],
      ],
    });
  });

  it('tells two bots with the same name apart by their ids', () => {
    const twins: AuditRecordView[] = [
      { seq: 2, at: 0, type: 'runStarted', botId: 'claims-b' },
      { seq: 1, at: 0, type: 'runStarted', botId: 'claims-a' },
    ];
    expect(auditFilterChoices(twins, () => 'Claims').bots).toEqual([
      ['claims-a', 'Claims (claims-a)'],
      ['claims-b', 'Claims (claims-b)'],
    ]);
  });
});
