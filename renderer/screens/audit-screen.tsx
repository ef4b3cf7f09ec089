import { useEffect, useId, useMemo, useState, type ChangeEvent } from 'react';
import type { AuditMatch, AuditRecordView, BotView, ProfileView } from '../../app/common/contract.js';
import { AuditFilters } from '../components/audit-filters.js';
import { ErrorMessage } from '../components/error-message.js';
import { FormField } from '../components/form-field.js';
import { auditMatchOf, filterAuditRecords, noAuditFilter, type AuditFilter, type AuditNames } from '../format/audit-filter.js';
import { StatusBadge } from '../components/status-badge.js';
import { copy } from '../copy.js';
import { downloadFile } from '../dom/download-file.js';
import { auditEventLabel } from '../format/audit-labels.js';
import { describeAuditRecord, localiseTimestamps } from '../format/audit-record-text.js';
import { formatPreciseDateTime, formatTimeOfDay } from '../format/format-date-time.js';
import { useAuditTrail } from '../state/use-audit-trail.js';
import { useCommand } from '../state/use-command.js';

/**
 * The tamper-evident audit trail: whether it is intact (optionally against a checkpoint file),
 * what it holds, filtered, with profile and bot names and local times, and a CSV export with its
 * signed checkpoint.
 */
export function AuditScreen({ profiles = [], bots = [] }: { profiles?: readonly ProfileView[]; bots?: readonly BotView[] }) {
  const headingId = useId();
  const [filter, setFilter] = useState<AuditFilter>(noAuditFilter);
  // The core applies all but the free text to the whole trail; a new match object only when it changes.
  const matchKey = JSON.stringify(auditMatchOf(filter));
  const match = useMemo(() => JSON.parse(matchKey) as AuditMatch, [matchKey]);
  const audit = useAuditTrail(match);
  const seen = useSeenRecords(audit.records);
  const exportAudit = useCommand('exportAudit');
  const [exportedAs, setExportedAs] = useState<string | null>(null);
  const names = useMemo((): AuditNames => {
    const profileNames = new Map(profiles.map((profile) => [profile.id, profile.name]));
    const botNames = new Map(bots.map((bot) => [bot.id, bot.name]));
    // Records outlive configuration: a bot or profile removed since is named by its id.
    return { profile: (id) => profileNames.get(id) ?? id, bot: (id) => botNames.get(id) ?? id };
  }, [profiles, bots]);

  const shown = useMemo(() => filterAuditRecords(audit.records, filter, names), [audit.records, filter, names]);
  const filtered = JSON.stringify(filter) !== JSON.stringify(noAuditFilter);

  const exportCsv = async () => {
    setExportedAs(null);
    const result = await exportAudit.run({});
    if (!result) return;
    downloadFile(result.fileName, result.csv, 'text/csv;charset=utf-8');
    downloadFile(result.checkpoint.fileName, result.checkpoint.json, 'application/json');
    setExportedAs(copy.audit.exportedWithCheckpoint(result.fileName, result.checkpoint.fileName));
    // The export is itself audited; show that record.
    audit.reload();
  };

  const verifyWithCheckpoint = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    audit.verifyAgainst(await file.text());
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
        {exportedAs ?? ''}
      </p>
      <VerificationStatus audit={audit} />
      <FormField label={copy.audit.checkpoint} hint={copy.audit.checkpointHint} error={audit.checkpointError ?? undefined} testId="audit-checkpoint">
        {(control) => <input {...control} type="file" accept=".json,application/json" className="input" onChange={(event) => void verifyWithCheckpoint(event)} />}
      </FormField>
      {audit.error ? <ErrorMessage error={audit.error} testId="audit-error" /> : null}
      {!audit.error && (seen.length > 0 || filtered) ? <AuditFilters records={seen} filter={filter} onChange={setFilter} botName={names.bot} botIds={bots.map((bot) => bot.id)} /> : null}
      {!audit.error && (seen.length > 0 || filtered) ? (
        <p className="card__hint" role="status" data-testid="audit-shown">
          {audit.loading ? copy.audit.loading : copy.audit.filters.shown(shown.length, { filtered, more: audit.nextBeforeSeq !== null })}
        </p>
      ) : null}
      {audit.loading && seen.length === 0 && !filtered ? <p className="card__hint">{copy.audit.loading}</p> : null}
      {!audit.loading && !audit.error && seen.length === 0 && !filtered ? <p className="card__hint empty-state">{copy.audit.none}</p> : null}
      {shown.length > 0 ? <AuditTable records={shown} names={names} /> : null}
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

/**
 * One record of each kind, person and bot the screen has loaded, under any filter: the filters'
 * choices, which must not shrink to the one chosen once the core narrows the trail to it.
 */
function useSeenRecords(records: readonly AuditRecordView[]): readonly AuditRecordView[] {
  const [seen, setSeen] = useState<ReadonlyMap<string, AuditRecordView>>(new Map());
  useEffect(() => {
    setSeen((previous) => {
      const next = new Map(previous);
      for (const record of records) {
        const key = `${record.type}\u0000${record.actor?.subject ?? ''}\u0000${record.actor?.name ?? ''}\u0000${record.botId ?? ''}`;
        if (!next.has(key)) next.set(key, record);
      }
      return next.size === previous.size ? previous : next;
    });
  }, [records]);
  return useMemo(() => [...seen.values()], [seen]);
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
          {localiseTimestamps(result.message)}
        </p>
      ) : null}
      {result?.brokenRecord && !audit.verifying ? (
        <p className="verification__message" data-testid="audit-broken-record">
          {copy.audit.brokenRecord(auditEventLabel(result.brokenRecord.type), formatPreciseDateTime(result.brokenRecord.at), result.brokenRecord.seq, result.brokenRecord.actor?.name ?? result.brokenRecord.actor?.subject)}
        </p>
      ) : null}
      {/* Announced, so a second check with the same result is still heard to have happened. */}
      <p role="status" className="card__hint" data-testid="audit-checked-at" data-checked-at={audit.verifiedAt ?? undefined}>
        {audit.verifiedAt !== null && !audit.verifying ? copy.audit.checkedAt(formatTimeOfDay(audit.verifiedAt)) : ''}
      </p>
      {result?.checkpoint && !audit.verifying ? (
        <p className="verification__message" data-testid="audit-checkpoint-result">
          {copy.audit.checkedAgainst(result.checkpoint.seq, formatPreciseDateTime(result.checkpoint.at), result.checkpoint.fingerprint, result.checkpoint.signedHere)}
        </p>
      ) : null}
    </div>
  );
}

function AuditTable({ records, names }: { records: readonly AuditRecordView[]; names: AuditNames }) {
  const columns = copy.audit.columns;
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={copy.audit.heading}>
      {/* Explicit roles: below 760 px the rows stack (styles.css), and table semantics must survive the change of display. */}
      <table className="table table--stacks" role="table" data-testid="audit-table">
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
                  {[record.profileId === undefined ? undefined : names.profile(record.profileId), record.company].filter(Boolean).join(' · ') || copy.runLog.notApplicable}
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
      </table>
    </div>
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
