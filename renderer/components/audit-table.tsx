import { memo } from 'react';
import type { AuditRecordView } from '../../app/common/contract.js';
import { copy } from '../copy.js';
import type { AuditNames } from '../format/audit-filter.js';
import { describeAuditRecord } from '../format/audit-record-text.js';
import { formatPreciseDateTime } from '../format/format-date-time.js';

export interface AuditTableProps {
  records: readonly AuditRecordView[];
  names: AuditNames;
  /** The rows still follow an earlier search or page (aria-busy): what they say is about to change. */
  busy?: boolean;
}

/**
 * The audit records, one row each. Only the frame and header render with each keystroke (to mark
 * the table busy); the rows are memoised and given nothing that changes with a keystroke, so while
 * a search is typed thousands of rows follow in a render of their own, after the keystroke is on
 * the screen.
 */
export function AuditTable({ records, names, busy = false }: AuditTableProps) {
  const columns = copy.audit.columns;
  return (
    <div className="table-wrap table-wrap--contained" tabIndex={0} role="region" aria-label={copy.audit.heading}>
      {/* Explicit roles: below 760 px the rows stack (styles.css), and table semantics must survive the change of display. */}
      <table className="table table--stacks" role="table" aria-busy={busy || undefined} data-testid="audit-table">
        <thead role="rowgroup">
          <tr role="row">
            <th scope="col" role="columnheader">{columns.at}</th>
            <th scope="col" role="columnheader">{columns.type}</th>
            <th scope="col" role="columnheader">{columns.actor}</th>
            <th scope="col" role="columnheader">{columns.profile}</th>
            <th scope="col" role="columnheader">{columns.subject}</th>
            <th scope="col" role="columnheader">{columns.detail}</th>
          </tr>
        </thead>
        <AuditRows records={records} names={names} />
      </table>
    </div>
  );
}

const AuditRows = memo(function AuditRows({ records, names }: { records: readonly AuditRecordView[]; names: AuditNames }) {
  const columns = copy.audit.columns;
  return (
    <tbody role="rowgroup">
      {records.map((record) => {
        const text = describeAuditRecord(record);
        return (
          <tr role="row" key={record.seq} data-testid={`audit-row-${record.seq}`} data-type={record.type}>
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
              <ProfileAndCompany profileName={record.profileId === undefined ? undefined : names.profile(record.profileId)} companyId={record.company} />
            </td>
            <td role="cell" data-label={columns.subject} className="table__name">
              <BotOrRun botName={record.botId === undefined ? undefined : names.bot(record.botId)} runId={record.runId} />
            </td>
            <td role="cell" data-label={columns.detail} className="table__detail">
              {text.detail}
            </td>
          </tr>
        );
      })}
    </tbody>
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
