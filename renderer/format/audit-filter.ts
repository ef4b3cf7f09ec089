import type { AuditRecordView } from '../../app/common/contract.js';
import { auditEventLabel } from './audit-labels.js';

/** The audit view's filters; '' means any. Dates are local calendar days (`YYYY-MM-DD`). */
export interface AuditFilter {
  from: string;
  to: string;
  type: string;
  person: string;
  bot: string;
  text: string;
}

export const noAuditFilter: AuditFilter = { from: '', to: '', type: '', person: '', bot: '', text: '' };

/** Local midnight of a `YYYY-MM-DD` day, or undefined for an empty or malformed value. */
function localDayStart(day: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return undefined;
  return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3])).getTime();
}

export function filterAuditRecords(records: readonly AuditRecordView[], filter: AuditFilter, profileName: (id: string) => string): readonly AuditRecordView[] {
  const from = localDayStart(filter.from);
  const toStart = localDayStart(filter.to);
  const until = toStart === undefined ? undefined : new Date(toStart).setDate(new Date(toStart).getDate() + 1);
  const needle = filter.text.trim().toLowerCase();
  return records.filter((record) => {
    if (from !== undefined && record.at < from) return false;
    if (until !== undefined && record.at >= until) return false;
    if (filter.type !== '' && record.type !== filter.type) return false;
    if (filter.person !== '' && record.actor?.subject !== filter.person) return false;
    if (filter.bot !== '' && record.botId !== filter.bot) return false;
    if (needle === '') return true;
    const profile = record.profileId === undefined ? undefined : profileName(record.profileId);
    return [auditEventLabel(record.type), record.type, record.actor?.name, record.actor?.subject, profile, record.profileId, record.company, record.botId, record.runId, record.detail]
      .filter(Boolean)
      .join('\n')
      .toLowerCase()
      .includes(needle);
  });
}

/** The choices each filter offers: what the loaded records hold, sorted by label. */
export function auditFilterChoices(records: readonly AuditRecordView[]) {
  const types = new Map<string, string>();
  const people = new Map<string, string>();
  const bots = new Set<string>();
  for (const record of records) {
    types.set(record.type, auditEventLabel(record.type));
    if (record.actor) people.set(record.actor.subject, record.actor.name ?? record.actor.subject);
    if (record.botId) bots.add(record.botId);
  }
  const byLabel = (a: [string, string], b: [string, string]) => a[1].localeCompare(b[1]);
  return { types: [...types].sort(byLabel), people: [...people].sort(byLabel), bots: [...bots].sort() };
}
