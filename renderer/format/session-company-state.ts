import type { ErrorCode } from '../../app/common/error-catalogue.js';
import type { SessionCompanyView } from '../../app/common/contract.js';
import { copy } from '../copy.js';
import { formatClockSoon } from './format-date-time.js';
import type { Tone } from './tone.js';

/** A company's token state on the sign-in card: words, a colour to go with them, and whether Settings can help. */
export interface SessionCompanyState {
  tone: Tone;
  words: string;
  /** A live token: the countdown runs to this. */
  countdownTo?: number;
  /** The company's entry in Settings says what went wrong, with Connect beside it. */
  openSettings: boolean;
}

/** Failures of the way to HCSS (the provider away, a proxy, a certificate), not of the company. */
const unreachableCodes: ReadonlySet<ErrorCode> = new Set(['company_provider_unavailable', 'proxy_unreachable', 'proxy_refused', 'tls_untrusted', 'tls_certificate_invalid']);

/**
 * What a bot acting for `company` would meet now. A live token past its time (the snapshot is
 * older than the expiry) is simply fetched again when a bot asks.
 */
export function sessionCompanyState(company: SessionCompanyView, now: number): SessionCompanyState {
  const t = copy.sessionCompanies;
  switch (company.token) {
    case 'live':
      if (company.tokenExpiresAt !== undefined && company.tokenExpiresAt > now) {
        return { tone: 'success', words: t.live(formatClockSoon(company.tokenExpiresAt, now)), countdownTo: company.tokenExpiresAt, openSettings: false };
      }
      return { tone: 'info', words: t.onRequest, openSettings: false };
    case 'onRequest':
      return { tone: 'info', words: t.onRequest, openSettings: false };
    case 'refused':
      return { tone: 'danger', words: company.error?.code === 'company_client_refused' ? t.clientRefused : t.connectAgain, openSettings: true };
    case 'retrying':
      return { tone: 'warning', words: company.error && unreachableCodes.has(company.error.code) ? t.unreachable : t.noToken, openSettings: true };
  }
}
