import { useState } from 'react';
import type { CompanyView } from '../../../app/common/contract.js';
import { copy } from '../../copy.js';
import { formatDateTime } from '../../format/format-date-time.js';
import { useCommand } from '../../state/use-command.js';
import { ConfirmDialog } from '../confirm-dialog.js';
import { ErrorMessage } from '../error-message.js';
import { StatusBadge } from '../status-badge.js';

const statusTone = { connected: 'info', tokenValid: 'success', error: 'danger' } as const;

/** The entry's element id, which Needs attention's "Open in Settings" moves focus to. */
export function companyElementId(profileId: string, companyId: string): string {
  return `company-${`${profileId}-${companyId}`.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

export interface CompanyItemProps {
  profileId: string;
  company: CompanyView;
}

/** One consenting company. Removing it asks first: reconnecting needs the company to consent again. */
export function CompanyItem({ profileId, company }: CompanyItemProps) {
  const [confirming, setConfirming] = useState(false);
  const remove = useCommand('removeCompany');
  return (
    <li className="company" id={companyElementId(profileId, company.companyId)} tabIndex={-1} data-testid={`company-${company.companyId}`} data-focus-key={company.companyId}>
      <div className="card__header">
        <span className="company__id mono">{company.companyId}</span>
        <StatusBadge tone={statusTone[company.status]} testId={`company-status-${company.companyId}`}>
          {copy.settings.companyStatus[company.status]}
        </StatusBadge>
      </div>
      <p className="card__hint">{copy.settings.companyConnectedBy(company.connectedBy.name ?? company.connectedBy.subject, formatDateTime(company.connectedAt))}</p>
      {company.verifiedBy ? <p className="card__hint">{copy.settings.companyVerifiedWith(company.verifiedBy.name ?? company.verifiedBy.subject, company.verifiedBy.subject)}</p> : null}
      {(company.alsoConnectedBy ?? []).map((other) => (
        <p key={other.subject} className="card__hint">
          {copy.settings.companyAlsoConnectedBy(other.name ?? other.subject, formatDateTime(other.connectedAt))}
        </p>
      ))}
      {company.tokenExpiresAt !== undefined ? <p className="card__hint">{copy.settings.companyTokenUntil(formatDateTime(company.tokenExpiresAt))}</p> : null}
      {company.error ? <ErrorMessage error={company.error} /> : null}
      <div className="actions">
        <button type="button" className="button" onClick={() => setConfirming(true)}>
          {copy.settings.removeCompany(company.companyId)}
        </button>
      </div>
      <ConfirmDialog
        open={confirming}
        title={copy.settings.removeCompanyTitle(company.companyId)}
        confirmLabel={copy.settings.removeCompanyConfirm}
        cancelLabel={copy.settings.cancel}
        danger
        busy={remove.pending}
        onConfirm={() => {
          void remove.run({ profileId, companyId: company.companyId }).finally(() => setConfirming(false));
        }}
        onCancel={() => setConfirming(false)}
      >
        <p>{copy.settings.removeCompanyBody}</p>
      </ConfirmDialog>
    </li>
  );
}
