import { useId } from 'react';
import type { CompanyView, ProfileView } from '../../../app/contract.js';
import { copy } from '../../copy.js';
import { formatDateTime } from '../../format/format-date-time.js';
import { useCommand } from '../../state/use-command.js';
import { ErrorMessage } from '../error-message.js';
import { StatusBadge } from '../status-badge.js';

export interface CompaniesPanelProps {
  partnerProfiles: readonly ProfileView[];
  companies: readonly CompanyView[];
}

const statusTone = { connected: 'info', tokenValid: 'success', error: 'danger' } as const;

/** HCSS partner profiles: each consenting company, its token status, and connect / remove. */
export function CompaniesPanel({ partnerProfiles, companies }: CompaniesPanelProps) {
  const headingId = useId();
  const connect = useCommand('connectCompany');
  const remove = useCommand('removeCompany');
  return (
    <section className="card" aria-labelledby={headingId} data-testid="companies">
      <h3 id={headingId} className="card__title">
        {copy.settings.companiesHeading}
      </h3>
      <p className="card__hint">{copy.settings.companiesIntro}</p>
      {partnerProfiles.map((profile) => {
        const own = companies.filter((company) => company.profileId === profile.id);
        return (
          <div key={profile.id} className="companies__profile">
            {own.length === 0 ? <p className="card__hint empty-state">{copy.settings.companiesNone}</p> : null}
            <ul className="company-list">
              {own.map((company) => (
                <li key={company.companyId} className="company" data-testid={`company-${company.companyId}`}>
                  <div className="card__header">
                    <span className="company__id mono">{company.companyId}</span>
                    <StatusBadge tone={statusTone[company.status]}>{copy.settings.companyStatus[company.status]}</StatusBadge>
                  </div>
                  <p className="card__hint">
                    {copy.settings.companyConnectedBy(company.connectedBy.name ?? company.connectedBy.subject, formatDateTime(company.connectedAt))}
                  </p>
                  {company.tokenExpiresAt !== undefined ? <p className="card__hint">{copy.settings.companyTokenUntil(formatDateTime(company.tokenExpiresAt))}</p> : null}
                  {company.error ? <ErrorMessage error={company.error} /> : null}
                  <div className="actions">
                    <button type="button" className="button" disabled={remove.pending} onClick={() => void remove.run({ profileId: profile.id, companyId: company.companyId })}>
                      {copy.settings.removeCompany(company.companyId)}
                    </button>
                  </div>
                </li>
              ))}
            </ul>
            <div className="actions">
              <button type="button" className="button button--primary" disabled={connect.pending} onClick={() => void connect.run({ profileId: profile.id })}>
                {copy.settings.connectCompany(profile.name)}
              </button>
            </div>
          </div>
        );
      })}
    </section>
  );
}
