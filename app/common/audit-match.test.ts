import { describe, expect, it } from 'vitest';
import { auditRecordMatches } from './audit-match.js';
import type { AuditRecordView } from './audit-views.js';

const run: AuditRecordView = { seq: 7, at: 1_000, type: 'runStarted', actor: { subject: 'u1' }, profileId: 'hcss', company: 'demo-clinic-1001', botId: 'claims-bot', runId: 'run-7' };
const signIn: AuditRecordView = { seq: 6, at: 900, type: 'signedIn', actor: { subject: 'u1' }, profileId: 'hcss' };

describe('auditRecordMatches', () => {
  it('selects the records about one HCSS company, and never a record about no company', () => {
    expect(auditRecordMatches(run, { company: 'demo-clinic-1001' })).toBe(true);
    expect(auditRecordMatches(run, { company: 'riverside-2002' })).toBe(false);
    expect(auditRecordMatches(signIn, { company: 'demo-clinic-1001' })).toBe(false);
    // The id is matched exactly, as HCSS gives it: no prefix or case folding joins two companies.
    expect(auditRecordMatches(run, { company: 'demo-clinic-100' })).toBe(false);
    expect(auditRecordMatches(run, { company: 'DEMO-CLINIC-1001' })).toBe(false);
  });

  it('holds a company together with the other fields', () => {
    expect(auditRecordMatches(run, { company: 'demo-clinic-1001', fromAt: 1_000, untilAt: 1_001, type: 'runStarted', subject: 'u1', botId: 'claims-bot' })).toBe(true);
    expect(auditRecordMatches(run, { company: 'demo-clinic-1001', untilAt: 1_000 })).toBe(false);
    expect(auditRecordMatches(run, { company: 'demo-clinic-1001', botId: 'other-bot' })).toBe(false);
    expect(auditRecordMatches(signIn, {})).toBe(true);
  });
});
