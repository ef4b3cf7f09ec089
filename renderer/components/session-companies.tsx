import { useId } from 'react';
import type { SessionCompanyView } from '../../app/common/contract.js';
import { copy } from '../copy.js';
import { sessionCompanyRows } from '../format/session-company-rows.js';
import { sessionCompanyState, type SessionCompanyState } from '../format/session-company-state.js';
import { useNow } from '../state/use-now.js';
import { Countdown } from './countdown.js';

export interface SessionCompaniesProps {
  profileId: string;
  companies: readonly SessionCompanyView[];
  /** The company the person signed in with: marked in the list, and listed even when not connected. */
  ownCompany?: string | undefined;
  /** Settings → Companies with focus on the company's entry, which says what it needs. */
  onOpenCompany?: ((profileId: string, companyId: string) => void) | undefined;
}

/**
 * An HCSS partner sign-in's companies: each one this person may use, and whether a bot acting
 * for it would get a token now, in words (the colour only goes with them). The company they
 * signed in with comes first and says so.
 */
export function SessionCompanies({ profileId, companies, ownCompany, onOpenCompany }: SessionCompaniesProps) {
  const headingId = useId();
  const t = copy.sessionCompanies;
  // A live token's words turn into "when a bot asks" soon after it runs out, without waiting for a new snapshot.
  const now = useNow(15_000);
  const rows = sessionCompanyRows(companies, ownCompany);
  return (
    <div className="session-companies" data-testid={`session-companies-${profileId}`}>
      <h4 id={headingId} className="session-companies__title">
        {t.heading}
      </h4>
      {rows.length > 0 ? (
        <ul className="session-companies__list" aria-labelledby={headingId}>
          {rows.map(({ companyId, ownSignIn, company }) => {
            const state: SessionCompanyState = company ? sessionCompanyState(company, now) : { tone: 'info', words: t.ownNotConnected, openSettings: false };
            return (
              <li key={companyId} className={`session-company session-company--${state.tone}`} data-testid={`session-company-${companyId}`} data-token={company?.token ?? 'notConnected'} data-own-sign-in={ownSignIn || undefined}>
                <span className="status-dot" aria-hidden="true" />
                <span className="session-company__text">
                  <span className="session-company__id mono">{companyId}</span>{' '}
                  {ownSignIn ? (
                    <>
                      <span className="session-company__own" data-testid={`session-company-own-${companyId}`}>
                        ({t.ownSignIn})
                      </span>{' '}
                    </>
                  ) : null}
                  <span className="session-company__state" data-testid={`session-company-state-${companyId}`}>
                    {state.words}
                    {company?.asAdmin ? ` (${t.asAdmin})` : ''}
                  </span>
                  {state.countdownTo !== undefined ? (
                    <span className="session-company__left">
                      {' · '}
                      <Countdown expiresAt={state.countdownTo} size="small" testId={`session-company-countdown-${companyId}`} /> {t.left}
                    </span>
                  ) : null}
                </span>
                {state.openSettings && onOpenCompany ? (
                  <button type="button" className="button button--small" onClick={() => onOpenCompany(profileId, companyId)} data-testid={`session-company-open-${companyId}`}>
                    {t.open}
                    <span className="visually-hidden"> {t.openWhich(companyId)}</span>
                  </button>
                ) : null}
              </li>
            );
          })}
        </ul>
      ) : null}
      {companies.length === 0 ? <p className="card__hint">{t.none}</p> : null}
    </div>
  );
}
