import { describe, expect, it, vi } from 'vitest';
import type { AuditRecordView } from '../../app/common/contract.js';
import { copy } from '../copy.js';
import { auditDateRangeReversed, auditFilterChoices, auditMatchOf, filterAuditRecords, noAuditFilter } from './audit-filter.js';

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

  it('asks the core for whole local days, an hour short or long on the days the clocks change', () => {
    // Node reads TZ afresh when it changes.
    vi.stubEnv('TZ', 'Europe/London');
    try {
      expect(auditMatchOf({ ...noAuditFilter, from: '2024-03-31', to: '2024-03-31' })).toEqual({ fromAt: Date.UTC(2024, 2, 31, 0), untilAt: Date.UTC(2024, 2, 31, 23) });
      expect(auditMatchOf({ ...noAuditFilter, to: '2024-10-27' })).toEqual({ untilAt: Date.UTC(2024, 9, 27, 24) });
      expect(auditMatchOf({ ...noAuditFilter, from: '2024-07-01' })).toEqual({ fromAt: Date.UTC(2024, 5, 30, 23) });
    } finally {
      vi.unstubAllEnvs();
    }
    expect(auditMatchOf({ ...noAuditFilter, type: 'runEnded', person: 'u1', bot: 'api-bot', text: 'words stay in the page' })).toEqual({ type: 'runEnded', subject: 'u1', botId: 'api-bot' });
    expect(auditMatchOf(noAuditFilter)).toEqual({});
  });

  it('knows a From date after the To date can match nothing', () => {
    expect(auditDateRangeReversed({ ...noAuditFilter, from: '2026-12-05', to: '2026-12-04' })).toBe(true);
    expect(auditDateRangeReversed({ ...noAuditFilter, from: '2026-12-04', to: '2026-12-04' })).toBe(false);
    expect(auditDateRangeReversed({ ...noAuditFilter, from: '2026-12-05' })).toBe(false);
    expect(auditDateRangeReversed({ ...noAuditFilter, to: '2026-12-04' })).toBe(false);
  });

  it('offers every kind of record, the people and bots the records hold, the configured bots and what is chosen', () => {
    const choices = auditFilterChoices(records, names.bot);
    // Every kind the app records, so a kind not on screen yet can still be looked for in the whole trail.
    expect(choices.types).toHaveLength(Object.keys(copy.audit.eventTypes).length);
    expect(choices.types).toContainEqual(['signInFailed', 'Sign-in failed']);
    expect(choices.types.map(([, label]) => label)).toEqual([...choices.types.map(([, label]) => label)].sort((a, b) => a.localeCompare(b)));
    // Names for the person, ids as the values; a bot no longer configured is named by its id.
    expect(choices.people).toEqual([
      ['u1', 'Dr A'],
      ['u2', 'Nurse B'],
    ]);
    expect(choices.bots).toEqual([
      ['api-bot', 'Claims API'],
      ['old-bot', 'old-bot'],
    ]);
    const narrowed = auditFilterChoices([], names.bot, { botIds: ['api-bot'], filter: { ...noAuditFilter, person: 'u9', bot: 'gone-bot', type: 'newerKind' } });
    expect(narrowed.people).toEqual([['u9', 'u9']]);
    expect(narrowed.bots).toEqual([
      ['api-bot', 'Claims API'],
      ['gone-bot', 'gone-bot'],
    ]);
    expect(narrowed.types).toContainEqual(['newerKind', 'Newer kind']);
  });

  it('offers the people, bots and companies the whole trail names, with the configured bots and connected companies beside them', () => {
    const facets = { people: [{ subject: 'u1', name: 'Dr A Smith' }, { subject: 'u7', name: 'Locum C' }, { subject: 'u8' }], botIds: ['retired-bot'], companies: ['gone-4004'] };
    const choices = auditFilterChoices(records, names.bot, { facets, botIds: ['new-bot'], companyIds: ['northgate-3003'] });
    // The core's name is the person's newest; a record loaded with an older one does not replace it.
    expect(choices.people).toEqual([
      ['u1', 'Dr A Smith'],
      ['u7', 'Locum C'],
      ['u2', 'Nurse B'],
      ['u8', 'u8'],
    ]);
    expect(choices.bots).toEqual([
      ['api-bot', 'Claims API'],
      ['new-bot', 'new-bot'],
      ['old-bot', 'old-bot'],
      ['retired-bot', 'retired-bot'],
    ]);
    expect(choices.companies).toEqual([
      ['gone-4004', 'gone-4004'],
      ['northgate-3003', 'northgate-3003'],
    ]);
    expect(auditFilterChoices([], names.bot, { facets: { people: [], botIds: [], companies: [] } }).companies).toEqual([]);
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

  it('filters by HCSS company, asks the core for it, and offers the companies seen, connected and chosen', () => {
    const aboutCompanies: AuditRecordView[] = [
      { seq: 3, at: day(2024, 4, 2, 10), type: 'runStarted', actor: { subject: 'u1', name: 'Dr A' }, profileId: 'hcss', company: 'riverside-2002', botId: 'api-bot' },
      { seq: 2, at: day(2024, 4, 2, 9), type: 'runStarted', actor: { subject: 'u1', name: 'Dr A' }, profileId: 'hcss', company: 'demo-clinic-1001', botId: 'api-bot' },
      { seq: 1, at: day(2024, 4, 1, 9), type: 'signedIn', actor: { subject: 'u1', name: 'Dr A' }, profileId: 'hcss' },
    ];
    const seqs = (filter: Partial<typeof noAuditFilter>) => filterAuditRecords(aboutCompanies, { ...noAuditFilter, ...filter }, names).map((r) => r.seq);
    expect(seqs({ company: 'demo-clinic-1001' })).toEqual([2]);
    expect(seqs({ company: 'demo-clinic-1001', from: '2024-04-02', to: '2024-04-02', person: 'u1' })).toEqual([2]);
    expect(seqs({ company: 'demo-clinic-1001', from: '2024-04-03' })).toEqual([]);
    expect(auditMatchOf({ ...noAuditFilter, company: 'demo-clinic-1001', bot: 'api-bot' })).toEqual({ botId: 'api-bot', company: 'demo-clinic-1001' });
    expect(noAuditFilter.company).toBe('');

    // By the id HCSS gives, which is all the app knows of a company; one connected now is offered before a record of it is loaded.
    expect(auditFilterChoices(aboutCompanies, names.bot, { companyIds: ['demo-clinic-1001', 'northgate-3003'] }).companies).toEqual([
      ['demo-clinic-1001', 'demo-clinic-1001'],
      ['northgate-3003', 'northgate-3003'],
      ['riverside-2002', 'riverside-2002'],
    ]);
    expect(auditFilterChoices([], names.bot, { filter: { ...noAuditFilter, company: 'gone-4004' } }).companies).toEqual([['gone-4004', 'gone-4004']]);
    expect(auditFilterChoices(records, names.bot).companies).toEqual([]);
  });
});
