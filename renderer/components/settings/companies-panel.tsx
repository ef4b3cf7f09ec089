import { useId, useRef } from 'react';
import type { CompanyView, ProfileView, SessionView } from '../../../app/common/contract.js';
import { copy } from '../../copy.js';
import { useCommand } from '../../state/use-command.js';
import { useKeepFocusInList } from '../../state/use-keep-focus-in-list.js';
import { CompanyItem } from './company-item.js';

export interface CompaniesPanelProps {
  partnerProfiles: readonly ProfileView[];
  companies: readonly CompanyView[];
  /** Who is signed in to each profile: a company connected then is connected for them. */
  sessions: readonly SessionView[];
}

const signedInStatuses: ReadonlySet<SessionView['status']> = new Set(['active', 'expiring', 'waitingForBrowser', 'exchanging']);

/** HCSS partner profiles: each consenting company, its token status, and connect / remove. */
export function CompaniesPanel({ partnerProfiles, companies, sessions }: CompaniesPanelProps) {
  const headingId = useId();
  return (
    <section className="card" aria-labelledby={headingId} data-testid="companies">
      <h3 id={headingId} className="card__title">
        {copy.settings.companiesHeading}
      </h3>
      <p className="card__hint">{copy.settings.companiesIntro}</p>
      {partnerProfiles.map((profile) => (
        <ProfileCompanies
          key={profile.id}
          profile={profile}
          companies={companies.filter((company) => company.profileId === profile.id)}
          session={sessions.find((session) => session.profileId === profile.id)}
        />
      ))}
    </section>
  );
}

/**
 * One partner profile's companies. A removed company's entry goes away with the control that had
 * focus; focus then moves to the company in its place, else to Connect, not to the top of the page.
 */
function ProfileCompanies({ profile, companies, session }: { profile: ProfileView; companies: readonly CompanyView[]; session: SessionView | undefined }) {
  const connect = useCommand('connectCompany');
  const hintId = useId();
  const signedIn = session?.user && signedInStatuses.has(session.status) ? (session.user.name ?? session.user.subject) : undefined;
  const listRef = useRef<HTMLUListElement>(null);
  const connectRef = useRef<HTMLButtonElement>(null);
  useKeepFocusInList({ container: listRef, keys: companies.map((company) => company.companyId), fallback: () => connectRef.current });
  return (
    <div className="companies__profile">
      {companies.length === 0 ? <p className="card__hint empty-state">{copy.settings.companiesNone(profile.name)}</p> : null}
      <ul className="company-list" ref={listRef}>
        {companies.map((company) => (
          <CompanyItem key={company.companyId} profileId={profile.id} company={company} />
        ))}
      </ul>
      <p className="card__hint" id={hintId} data-testid={`connect-company-for-${profile.id}`}>
        {signedIn !== undefined ? copy.settings.connectCompanyFor(signedIn) : copy.settings.connectCompanySignsIn}
      </p>
      <div className="actions">
        <button type="button" className="button button--primary" ref={connectRef} aria-describedby={hintId} aria-disabled={connect.pending || undefined} onClick={() => connect.pending || void connect.run({ profileId: profile.id })}>
          {copy.settings.connectCompany(profile.name)}
        </button>
      </div>
    </div>
  );
}
