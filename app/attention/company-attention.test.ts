import { describe, expect, it } from 'vitest';
import { attentionBody, attentionTitle } from '../common/attention-text.js';
import type { CompanyView } from '../common/contract.js';
import { errorMessage } from '../common/error-catalogue.js';
import { buildAttention } from './build-attention.js';

const presence = { status: 'present', since: 0 } as const;
const connectedBy = { subject: 'demo-user-0001', name: 'Dr Demo Supervisor' };

function company(companyId: string, error?: CompanyView['error']): CompanyView & { profileName: string } {
  return { profileId: 'hcss', profileName: 'HCSS', companyId, connectedBy, connectedAt: 1, status: error ? 'error' : 'tokenValid', ...(error ? { error, errorAt: 500 } : {}) };
}

describe('Needs attention for HCSS companies', () => {
  it('a company in error is one item naming it, in its own words; a healthy company and the session are not items', () => {
    const withdrawn = { code: 'company_consent_withdrawn' as const, message: errorMessage('company_consent_withdrawn', 'north-1', 'HCSS') };
    const away = { code: 'company_provider_unavailable' as const, message: errorMessage('company_provider_unavailable', 'south-2', 'https://id.example') };
    const items = buildAttention({
      runs: [],
      sessions: [],
      questions: [],
      approvals: [],
      companies: [company('north-1', withdrawn), company('south-2', away), company('east-3')],
      presence,
      now: 1_000,
      isAcknowledged: () => false,
    });
    expect(items.map((item) => [item.kind, item.id, item.level, item.at])).toEqual([
      ['companyUnavailable', 'company:hcss:north-1:1:company_consent_withdrawn', 'error', 500],
      ['companyUnavailable', 'company:hcss:south-2:1:company_provider_unavailable', 'warning', 500],
    ]);
    const [first, second] = items as [(typeof items)[number], (typeof items)[number]];
    expect(attentionTitle(first)).toBe('Company north-1 no longer allows access');
    expect(attentionBody(first)).toBe(withdrawn.message);
    expect(attentionBody(first)).toContain('Your own sign-in and your other companies are not affected');
    expect(attentionTitle(second)).toBe('No token for company south-2');
    expect(items.some((item) => item.kind === 'sessionExpired' || item.kind === 'runWaiting')).toBe(false);
  });
});

describe('a company refused again after it was connected again', () => {
  it('is a new item: "Mark as seen" on the last withdrawal does not hide the next one', () => {
    const withdrawn = { code: 'company_consent_withdrawn' as const, message: errorMessage('company_consent_withdrawn', 'north-1', 'HCSS') };
    const items = (connectedAt: number, acknowledged: ReadonlySet<string>) =>
      buildAttention({
        runs: [],
        sessions: [],
        questions: [],
        approvals: [],
        companies: [{ ...company('north-1', withdrawn), connectedAt }],
        presence,
        now: 1_000,
        isAcknowledged: (id) => acknowledged.has(id),
      });
    const [first] = items(1, new Set());
    expect(first?.acknowledged).toBe(false);
    const seen = new Set([first?.id ?? '']);
    // Still the same withdrawal: it stays seen, across snapshots.
    expect(items(1, seen)[0]?.acknowledged).toBe(true);
    // Connected again (a new association), then withdrawn again: a new thing to deal with.
    const [again] = items(700, seen);
    expect(again?.acknowledged).toBe(false);
    expect(again?.id).not.toBe(first?.id);
  });
});
