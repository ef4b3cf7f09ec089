import { memo } from 'react';
import type { AuditRecordView } from '../../app/common/contract.js';
import { copy } from '../copy.js';
import type { AuditNames } from '../format/audit-filter.js';
import { AuditRow } from './audit-row.js';

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
 * the screen. Each row is memoised on its own too (audit-row.tsx), so a page of older records
 * renders only its own rows.
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

/*
 * The rows of one render: each row gets its record and its names as strings, so a page added
 * below (Load older records) or a new names object with the same names leaves the rows above it
 * alone; walking the list to hand them out is all that grows with the trail.
 */
const AuditRows = memo(function AuditRows({ records, names }: { records: readonly AuditRecordView[]; names: AuditNames }) {
  return (
    <tbody role="rowgroup">
      {records.map((record) => (
        <AuditRow key={record.seq} record={record} profileName={record.profileId === undefined ? undefined : names.profile(record.profileId)} botName={record.botId === undefined ? undefined : names.bot(record.botId)} />
      ))}
    </tbody>
  );
});
