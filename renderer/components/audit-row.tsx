import { memo } from 'react';
import type { AuditRecordView } from '../../app/common/contract.js';
import { copy } from '../copy.js';
import { describeAuditRecord } from '../format/audit-record-text.js';
import { formatPreciseDateTime } from '../format/format-date-time.js';

export interface AuditRowProps {
  record: AuditRecordView;
  /** The record's profile by name (undefined: it names none), resolved by the table. */
  profileName: string | undefined;
  /** The record's bot by name (undefined: it names none), resolved by the table. */
  botName: string | undefined;
}

/**
 * One audit record as a table row. Memoised on the record object and its names as plain strings,
 * never on a list, a names object or a callback: Load older records appends a page to the trail
 * while the records already shown stay the same objects, so only the page added renders and is
 * read out into words, not every row above it again.
 */
export const AuditRow = memo(function AuditRow({ record, profileName, botName }: AuditRowProps) {
  const columns = copy.audit.columns;
  const text = describeAuditRecord(record);
  return (
    <tr role="row" data-testid={`audit-row-${record.seq}`} data-type={record.type}>
      <td role="cell" data-label={columns.at} className="nowrap">
        {formatPreciseDateTime(record.at)}
      </td>
      <th scope="row" role="rowheader">
        {text.event}
      </th>
      <td role="cell" data-label={columns.actor} className="table__name">
        {record.actor ? (record.actor.name ?? record.actor.subject) : copy.runLog.notApplicable}
      </td>
      <td role="cell" data-label={columns.profile} className="table__name">
        <ProfileAndCompany profileName={profileName} companyId={record.company} />
      </td>
      <td role="cell" data-label={columns.subject} className="table__name">
        <BotOrRun botName={botName} runId={record.runId} />
      </td>
      <td role="cell" data-label={columns.detail} className="table__detail">
        {text.detail}
      </td>
    </tr>
  );
});

/** The profile by name, and the HCSS company the record is about on a line of its own, said to be one. */
function ProfileAndCompany({ profileName, companyId }: { profileName: string | undefined; companyId: string | undefined }) {
  if (profileName === undefined && companyId === undefined) return <>{copy.runLog.notApplicable}</>;
  return (
    <>
      {profileName === undefined ? null : <span data-testid="audit-profile">{profileName}</span>}
      {companyId === undefined ? null : <div data-testid="audit-company">{copy.audit.company(companyId)}</div>}
    </>
  );
}

/** The bot by name; the run id stays findable (search, copy) but reads as secondary. */
function BotOrRun({ botName, runId }: { botName: string | undefined; runId: string | undefined }) {
  if (botName === undefined && runId === undefined) return <>{copy.runLog.notApplicable}</>;
  return (
    <>
      {botName === undefined ? null : <span data-testid="audit-bot">{botName}</span>}
      {runId === undefined ? null : (
        <div className="card__hint mono" title={copy.audit.runId} data-testid="audit-run-id">
          {runId}
        </div>
      )}
    </>
  );
}
