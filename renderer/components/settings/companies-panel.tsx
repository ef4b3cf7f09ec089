import { useId } from 'react';
import type { CompanyView, ProfileView } from '../../../app/common/contract.js';
import { copy } from '../../copy.js';
import { useCommand } from '../../state/use-command.js';
import { CompanyItem } from './company-item.js';

export interface CompaniesPanelProps {
  partnerProfiles: readonly ProfileView[];
  companies: readonly CompanyView[];
}

/** HCSS partner profiles: each consenting company, its token status, and connect / remove. */
export function CompaniesPanel({ partnerProfiles, companies }: CompaniesPanelProps) {
  const headingId = useId();
  const connect = useCommand('connectCompany');
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
                <CompanyItem key={company.companyId} profileId={profile.id} company={company} />
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
