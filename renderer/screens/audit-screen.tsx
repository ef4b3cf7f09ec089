import { useId, useMemo, useState } from 'react';
import type { AuditRecordView } from '../../app/common/contract.js';
import { ErrorMessage } from '../components/error-message.js';
import { FormField } from '../components/form-field.js';
import { StatusBadge } from '../components/status-badge.js';
import { copy } from '../copy.js';
import { downloadFile } from '../dom/download-file.js';
import { auditEventLabel } from '../format/audit-labels.js';
import { formatPreciseDateTime } from '../format/format-date-time.js';
import { useAuditTrail } from '../state/use-audit-trail.js';
import { useCommand } from '../state/use-command.js';

/** The tamper-evident audit trail: whether it is intact, what it holds, and a CSV export. */
export function AuditScreen() {
  const headingId = useId();
  const audit = useAuditTrail();
  const exportAudit = useCommand('exportAudit');
  const [exportedAs, setExportedAs] = useState<string | null>(null);
  const [filter, setFilter] = useState('');

  const shown = useMemo(() => filterRecords(audit.records, filter), [audit.records, filter]);

  const exportCsv = async () => {
    setExportedAs(null);
    const result = await exportAudit.run({});
    if (!result) return;
    downloadFile(result.fileName, result.csv, 'text/csv;charset=utf-8');
    setExportedAs(result.fileName);
    // The export is itself audited; show that record.
    audit.reload();
  };

  return (
    <section className="panel" aria-labelledby={headingId}>
      <div className="panel__header">
        <h2 id={headingId} className="panel__title">
          {copy.audit.heading}
        </h2>
        <div className="actions">
          <button type="button" className="button" onClick={audit.reload} disabled={audit.loading || audit.verifying} data-testid="audit-refresh">
            {copy.audit.verify}
          </button>
          <button type="button" className="button button--primary" onClick={() => void exportCsv()} disabled={exportAudit.pending} data-testid="audit-export">
            {exportAudit.pending ? copy.audit.exporting : copy.audit.export}
          </button>
        </div>
      </div>
      <p className="card__hint">{copy.audit.intro}</p>
      <p role="status" className="card__hint" data-testid="audit-exported">
        {exportedAs ? copy.audit.exported(exportedAs) : ''}
      </p>
      <VerificationStatus audit={audit} />
      {audit.error ? <ErrorMessage error={audit.error} testId="audit-error" /> : null}
      {!audit.error && audit.records.length > 0 ? (
        <FormField label={copy.audit.filter}>
          {(control) => <input {...control} type="search" className="input input--wide" value={filter} onChange={(event) => setFilter(event.target.value)} data-testid="audit-filter" />}
        </FormField>
      ) : null}
      {audit.loading && audit.records.length === 0 ? <p className="card__hint">{copy.audit.loading}</p> : null}
      {!audit.loading && !audit.error && audit.records.length === 0 ? <p className="card__hint empty-state">{copy.audit.none}</p> : null}
      {shown.length > 0 ? <AuditTable records={shown} /> : null}
      {audit.nextBeforeSeq !== null && !audit.error ? (
        <div className="actions">
          <button type="button" className="button" onClick={audit.loadOlder} disabled={audit.loading} data-testid="audit-older">
            {copy.audit.loadOlder}
          </button>
        </div>
      ) : null}
    </section>
  );
}

function VerificationStatus({ audit }: { audit: ReturnType<typeof useAuditTrail> }) {
  if (audit.verifyError) return <ErrorMessage error={audit.verifyError} testId="audit-verify-error" />;
  const result = audit.verification;
  const tone = audit.verifying || !result ? 'neutral' : result.ok ? 'success' : 'danger';
  const label = audit.verifying ? copy.audit.verifying : !result ? copy.audit.verifyUnknown : result.ok ? copy.audit.verifiedOk : copy.audit.verifiedBroken;
  return (
    <div className={`verification verification--${tone}`} data-testid="audit-verification" data-ok={result ? String(result.ok) : undefined}>
      <StatusBadge tone={tone} live>
        {label}
      </StatusBadge>
      {result && !audit.verifying ? (
        <p className="verification__message" data-records={result.records}>
          {result.message}
        </p>
      ) : null}
    </div>
  );
}

function AuditTable({ records }: { records: readonly AuditRecordView[] }) {
  const columns = copy.audit.columns;
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={copy.audit.heading}>
      <table className="table" data-testid="audit-table">
        <thead>
          <tr>
            <th scope="col">{columns.at}</th>
            <th scope="col">{columns.type}</th>
            <th scope="col">{columns.actor}</th>
            <th scope="col">{columns.profile}</th>
            <th scope="col">{columns.subject}</th>
            <th scope="col">{columns.detail}</th>
          </tr>
        </thead>
        <tbody>
          {records.map((record) => (
            <tr key={record.seq} data-testid={`audit-row-${record.seq}`} data-type={record.type}>
              <td className="nowrap">{formatPreciseDateTime(record.at)}</td>
              <th scope="row">{auditEventLabel(record.type)}</th>
              <td>{record.actor ? (record.actor.name ?? record.actor.subject) : copy.runLog.notApplicable}</td>
              <td>{[record.profileId, record.company].filter(Boolean).join(' · ') || copy.runLog.notApplicable}</td>
              <td>{[record.botId, record.runId].filter(Boolean).join(' · ') || copy.runLog.notApplicable}</td>
              <td className="table__detail">{record.detail ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function filterRecords(records: readonly AuditRecordView[], query: string): readonly AuditRecordView[] {
  const needle = query.trim().toLowerCase();
  if (needle === '') return records;
  return records.filter((record) =>
    [auditEventLabel(record.type), record.type, record.actor?.name, record.actor?.subject, record.profileId, record.company, record.botId, record.runId, record.detail]
      .filter(Boolean)
      .join('\n')
      .toLowerCase()
      .includes(needle),
  );
}
