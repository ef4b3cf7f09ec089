import { useDeferredValue, useEffect, useId, useMemo, useState, type ChangeEvent } from 'react';
import type { AuditMatch, AuditRecordView, BotView, CompanyView, ProfileView } from '../../app/common/contract.js';
import { AuditFilters } from '../components/audit-filters.js';
import { AuditTable } from '../components/audit-table.js';
import { ErrorMessage } from '../components/error-message.js';
import { FormField } from '../components/form-field.js';
import { auditMatchOf, filterAuditRecords, noAuditFilter, type AuditFilter, type AuditNames } from '../format/audit-filter.js';
import { StatusBadge } from '../components/status-badge.js';
import { copy } from '../copy.js';
import { downloadFile } from '../dom/download-file.js';
import { auditEventLabel } from '../format/audit-labels.js';
import { localiseTimestamps } from '../format/audit-record-text.js';
import { auditShownText } from '../format/audit-shown-text.js';
import { formatPreciseDateTime, formatTimeOfDay } from '../format/format-date-time.js';
import { useAuditTrail } from '../state/use-audit-trail.js';
import { useCommand } from '../state/use-command.js';

/**
 * The tamper-evident audit trail: whether it is intact (optionally against a checkpoint file),
 * what it holds, filtered, with profile and bot names and local times, and a CSV export with its
 * signed checkpoint. `companies` are the HCSS companies connected now, offered by the Company filter.
 */
export function AuditScreen({ profiles = [], bots = [], companies = [] }: { profiles?: readonly ProfileView[]; bots?: readonly BotView[]; companies?: readonly Pick<CompanyView, 'companyId'>[] }) {
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

  // The filters echo each keystroke at once; the rows follow in an interruptible render, so with
  // the whole trail loaded typing is not held up by thousands of rows coming and going.
  const listed = useDeferredValue(filter);
  const shown = useMemo(() => filterAuditRecords(audit.records, listed, names), [audit.records, listed, names]);
  const filtered = JSON.stringify(filter) !== JSON.stringify(noAuditFilter);
  // Until the deferred render catches up, the rows (and their count) answer an earlier search.
  const searching = listed !== filter;
  const companyIds = useMemo(() => [...new Set(companies.map((company) => company.companyId))], [companies]);
  const partner = profiles.some((profile) => profile.kind === 'partner');

  // The three buttons stay focusable while they work (aria-disabled, not disabled): a disabled
  // button drops keyboard focus to the page and is skipped by Tab, and a press while busy does nothing.
  const checking = audit.loading || audit.verifying;
  const exportCsv = async () => {
    if (exportAudit.pending) return;
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
          <button type="button" className="button" onClick={() => checking || audit.reload()} aria-disabled={checking || undefined} data-testid="audit-refresh">
            {copy.audit.verify}
          </button>
          <button type="button" className="button button--primary" onClick={() => void exportCsv()} aria-disabled={exportAudit.pending || undefined} data-testid="audit-export">
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
      {!audit.error && (seen.length > 0 || filtered) ? (
        <AuditFilters records={seen} facets={audit.facets} filter={filter} onChange={setFilter} botName={names.bot} botIds={bots.map((bot) => bot.id)} companyIds={companyIds} offerCompany={partner} />
      ) : null}
      {!audit.error && (seen.length > 0 || filtered) ? (
        <p className="card__hint" role="status" data-testid="audit-shown">
          {auditShownText({ loading: audit.loading, searching, count: shown.length, filtered, more: audit.nextBeforeSeq !== null })}
        </p>
      ) : null}
      {!audit.error && filtered ? (
        <p className="card__hint" data-testid="audit-export-scope">
          {copy.audit.filters.exportScope}
        </p>
      ) : null}
      {audit.loading && seen.length === 0 && !filtered ? <p className="card__hint">{copy.audit.loading}</p> : null}
      {!audit.loading && !audit.error && seen.length === 0 && !filtered ? <p className="card__hint empty-state">{copy.audit.none}</p> : null}
      {shown.length > 0 ? <AuditTable records={shown} names={names} busy={searching || audit.loading} /> : null}
      {audit.nextBeforeSeq !== null && !audit.error ? (
        <div className="actions">
          <button type="button" className="button" onClick={() => audit.loading || audit.loadOlder()} aria-disabled={audit.loading || undefined} data-testid="audit-older">
            {copy.audit.loadOlder}
          </button>
        </div>
      ) : null}
    </section>
  );
}

/**
 * One record of each kind, person, bot and company the screen has loaded, under any filter: beside
 * what the core says the whole trail names, the filters' choices, which must not shrink to the one
 * chosen once the core narrows the trail to it.
 */
function useSeenRecords(records: readonly AuditRecordView[]): readonly AuditRecordView[] {
  const [seen, setSeen] = useState<ReadonlyMap<string, AuditRecordView>>(new Map());
  useEffect(() => {
    setSeen((previous) => {
      const next = new Map(previous);
      for (const record of records) {
        const key = `${record.type}\u0000${record.actor?.subject ?? ''}\u0000${record.actor?.name ?? ''}\u0000${record.botId ?? ''}\u0000${record.company ?? ''}`;
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
