import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SessionCompanyView } from '../../app/common/contract.js';
import { sessionCompanyState } from './session-company-state.js';

const now = Date.UTC(2025, 10, 22, 13, 0);
const company = (rest: Partial<SessionCompanyView>): SessionCompanyView => ({ companyId: 'demo-clinic-1001', token: 'onRequest', ...rest });

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('sessionCompanyState', () => {
  it('a live token says until when, in local hours and minutes, with a countdown', () => {
    vi.stubEnv('TZ', 'UTC');
    expect(sessionCompanyState(company({ token: 'live', tokenExpiresAt: now + 65 * 60_000 }), now)).toEqual({
      tone: 'success',
      words: 'Token live until 14:05',
      countdownTo: now + 65 * 60_000,
      openSettings: false,
    });
  });

  it('a token that ran out since the last snapshot is fetched again when a bot asks', () => {
    expect(sessionCompanyState(company({ token: 'live', tokenExpiresAt: now - 1 }), now)).toEqual({ tone: 'info', words: 'Gets a token when a bot asks', openSettings: false });
    expect(sessionCompanyState(company({ token: 'onRequest' }), now)).toEqual({ tone: 'info', words: 'Gets a token when a bot asks', openSettings: false });
  });

  it('a refusal says what puts it right, and offers the company in Settings', () => {
    const withdrawn = company({ token: 'refused', error: { code: 'company_consent_withdrawn', message: '…' } });
    expect(sessionCompanyState(withdrawn, now)).toEqual({ tone: 'danger', words: 'Refused by HCSS — connect it again', openSettings: true });
    const client = company({ token: 'refused', error: { code: 'company_client_refused', message: '…' } });
    expect(sessionCompanyState(client, now)).toMatchObject({ tone: 'danger', words: 'Refused by HCSS — the client secret needs checking', openSettings: true });
  });

  it('a provider away, or another failure, is retried by the app: a warning, not a refusal', () => {
    expect(sessionCompanyState(company({ token: 'retrying', error: { code: 'company_provider_unavailable', message: '…' } }), now)).toEqual({
      tone: 'warning',
      words: 'HCSS not reachable — trying again by itself',
      openSettings: true,
    });
    expect(sessionCompanyState(company({ token: 'retrying', error: { code: 'proxy_unreachable', message: '…' } }), now)).toMatchObject({ words: 'HCSS not reachable — trying again by itself' });
    expect(sessionCompanyState(company({ token: 'retrying', error: { code: 'company_token_failed', message: '…' } }), now)).toMatchObject({ tone: 'warning', words: 'No token from HCSS — trying again by itself' });
  });
});
