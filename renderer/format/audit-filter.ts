import type { AuditFacetsView, AuditMatch, AuditRecordView } from '../../app/common/contract.js';
import { auditRecordMatches } from '../../app/common/audit-match.js';
import { copy } from '../copy.js';
import { auditEventLabel } from './audit-labels.js';
import { describeAuditRecord } from './audit-record-text.js';

/** The audit view's filters; '' means any. Dates are local calendar days (`YYYY-MM-DD`). */
export interface AuditFilter {
  from: string;
  to: string;
  type: string;
  person: string;
  bot: string;
  /** An HCSS company's id, as HCSS gives it. */
  company: string;
  text: string;
}

export const noAuditFilter: AuditFilter = { from: '', to: '', type: '', person: '', bot: '', company: '', text: '' };

/** Profile and bot names by id; an id nobody names any more (a deleted bot) names itself. */
export interface AuditNames {
  profile(id: string): string;
  bot(id: string): string;
}

/** True when both dates are set and From is after To, so no record can match. */
export function auditDateRangeReversed(filter: AuditFilter): boolean {
  const from = localDayStart(filter.from);
  const to = localDayStart(filter.to);
  return from !== undefined && to !== undefined && from > to;
}

/** Local midnight of a `YYYY-MM-DD` day, or undefined for an empty or malformed value. */
function localDayStart(day: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return undefined;
  return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3])).getTime();
}

/**
 * What the core selects over the whole trail: all but the free text, which searches the words the
 * screen shows. The To day is included whole: up to the next local midnight, which a change of
 * clocks moves by an hour.
 */
export function auditMatchOf(filter: AuditFilter): AuditMatch {
  const fromAt = localDayStart(filter.from);
  const toStart = localDayStart(filter.to);
  const untilAt = toStart === undefined ? undefined : new Date(toStart).setDate(new Date(toStart).getDate() + 1);
  return {
    ...(fromAt === undefined ? {} : { fromAt }),
    ...(untilAt === undefined ? {} : { untilAt }),
    ...(filter.type === '' ? {} : { type: filter.type }),
    ...(filter.person === '' ? {} : { subject: filter.person }),
    ...(filter.bot === '' ? {} : { botId: filter.bot }),
    ...(filter.company === '' ? {} : { company: filter.company }),
  };
}

export function filterAuditRecords(records: readonly AuditRecordView[], filter: AuditFilter, names: AuditNames): readonly AuditRecordView[] {
  const match = auditMatchOf(filter);
  const needle = filter.text.trim().toLowerCase();
  return records.filter((record) => auditRecordMatches(record, match) && (needle === '' || searchTextOf(record, names).includes(needle)));
}

/*
 * A record's words are worked out once per record and set of names, not at every keystroke:
 * reading 3,000 records out afresh for each letter typed is what made Search lag.
 */
const searchTexts = new WeakMap<AuditNames, WeakMap<AuditRecordView, string>>();

/** What the table shows and what the file stores, lower case, so either finds the record. */
function searchTextOf(record: AuditRecordView, names: AuditNames): string {
  let byRecord = searchTexts.get(names);
  if (!byRecord) {
    byRecord = new WeakMap();
    searchTexts.set(names, byRecord);
  }
  const known = byRecord.get(record);
  if (known !== undefined) return known;
  const shown = describeAuditRecord(record);
  const profile = record.profileId === undefined ? undefined : names.profile(record.profileId);
  const bot = record.botId === undefined ? undefined : names.bot(record.botId);
  const text = [shown.event, auditEventLabel(record.type), record.type, record.actor?.name, record.actor?.subject, profile, record.profileId, record.company === undefined ? undefined : copy.audit.company(record.company), bot, record.botId, record.runId, shown.detail, record.detail]
    .filter(Boolean)
    .join('\n')
    .toLowerCase();
  byRecord.set(record, text);
  return text;
}

/**
 * The choices each filter offers as [value, label], sorted by label: every kind of record; the
 * people, bots and HCSS companies the whole trail names (`facets`, from the core) and those of the
 * records seen, the configured bots and the companies connected now, so a new bot or company is
 * offered before it has a record; and always what is chosen, so a choice stays selectable when
 * the trail is narrowed to it. A company is offered by its id: no name comes with it from HCSS.
 */
export function auditFilterChoices(
  records: readonly AuditRecordView[],
  botName: (id: string) => string = (id) => id,
  also: { facets?: AuditFacetsView | null; botIds?: readonly string[]; companyIds?: readonly string[]; filter?: AuditFilter } = {},
) {
  const types = new Map<string, string>(Object.keys(copy.audit.eventTypes).map((type) => [type, auditEventLabel(type)]));
  const people = new Map<string, string>();
  const bots = new Map<string, string>();
  const companies = new Set<string>(also.companyIds);
  for (const id of [...(also.botIds ?? []), ...(also.facets?.botIds ?? [])]) bots.set(id, botName(id));
  for (const company of also.facets?.companies ?? []) companies.add(company);
  // The core names each person as their newest record does; records loaded fill in only the rest.
  for (const person of also.facets?.people ?? []) people.set(person.subject, person.name ?? person.subject);
  for (const record of records) {
    types.set(record.type, auditEventLabel(record.type));
    if (record.actor && !people.has(record.actor.subject)) people.set(record.actor.subject, record.actor.name ?? record.actor.subject);
    if (record.botId) bots.set(record.botId, botName(record.botId));
    if (record.company) companies.add(record.company);
  }
  const chosen = also.filter;
  if (chosen?.type && !types.has(chosen.type)) types.set(chosen.type, auditEventLabel(chosen.type));
  if (chosen?.person && !people.has(chosen.person)) people.set(chosen.person, chosen.person);
  if (chosen?.bot && !bots.has(chosen.bot)) bots.set(chosen.bot, botName(chosen.bot));
  if (chosen?.company) companies.add(chosen.company);
  // Two bots may share a name; their ids tell the options apart.
  const botLabels = [...bots.values()];
  const botChoices = [...bots].map(([id, name]): [string, string] => [id, botLabels.indexOf(name) === botLabels.lastIndexOf(name) ? name : `${name} (${id})`]);
  const byLabel = (a: [string, string], b: [string, string]) => a[1].localeCompare(b[1]) || a[0].localeCompare(b[0]);
  const companyChoices = [...companies].map((id): [string, string] => [id, id]);
  return { types: [...types].sort(byLabel), people: [...people].sort(byLabel), bots: botChoices.sort(byLabel), companies: companyChoices.sort(byLabel) };
}
