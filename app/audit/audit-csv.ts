import { parseRecord } from './audit-file.js';
import { redactJwts, type StoredAuditRecord } from './audit-record.js';
import type { FileLine } from './read-lines.js';

/** The names profiles and bots have at the time of the export; undefined for one no longer configured. */
export interface AuditCsvNames {
  profile(id: string): string | undefined;
  bot(id: string): string | undefined;
}

const noNames: AuditCsvNames = { profile: () => undefined, bot: () => undefined };

/** The whole trail as CSV text, header first; a line that is not a record becomes a marked row. */
export async function auditCsv(lines: AsyncIterable<FileLine>, names: AuditCsvNames = noNames): Promise<{ csv: string; count: number }> {
  const rows = [csvRow(auditCsvHeader)];
  let count = 0;
  for await (const line of lines) {
    const record = parseRecord(line.text);
    rows.push(record ? auditCsvRow(record, names) : unreadableCsvRow(line.number, line.text));
    count += 1;
  }
  return { csv: rows.join(''), count };
}

/**
 * Ids in the Profile id, Bot id and Run id columns, as the record stores them: names change and
 * the trail never does. The profile's and bot's names at the time of the export follow in columns
 * of their own, for a reader who does not know the ids (empty for one no longer configured).
 * Columns are only ever added at the end, so a spreadsheet or script made for an earlier export
 * still finds each column where it was. The time twice: UTC for comparing with other systems, and
 * the clinic's local time with its offset, which is what the screen shows (so a record near
 * midnight in summer sits on the right day).
 */
export const auditCsvHeader = [
  'Seq',
  'Time (UTC)',
  'Local time (UTC offset)',
  'Type',
  'Actor subject',
  'Actor name',
  'Profile id',
  'Company',
  'Bot id',
  'Run id',
  'Detail',
  'Previous hash',
  'Hash',
  'Key id',
  'MAC',
  'Profile name (at export)',
  'Bot name (at export)',
];

/** `rpa-supervisor-audit-<local date>`, the name of an export's CSV and checkpoint files. */
export function auditExportStem(at: number): string {
  return `rpa-supervisor-audit-${localDate(new Date(at))}`;
}

/** `2026-11-23 00:00:00 +09:00`: this computer's local time, with its offset from UTC. */
export function localTimeWithOffset(at: number): string {
  const date = new Date(at);
  const offset = -date.getTimezoneOffset();
  const sign = offset < 0 ? '-' : '+';
  const offsetText = `${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
  return `${localDate(date)} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())} ${offsetText}`;
}

function localDate(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/**
 * A spreadsheet treats a cell starting with one of these as a formula (CSV injection), and a bot
 * name or reason is partly user-controlled. A leading apostrophe makes it text in Excel, LibreOffice
 * and Google Sheets, and stays visible so nothing is silently changed.
 */
const formulaStart = /^[=+\-@\t\r]/;

export function defuseFormula(value: string): string {
  return formulaStart.test(value) ? `'${value}` : value;
}

/** One RFC 4180 field: quoted when it holds a comma, quote, CR or LF; quotes doubled. */
export function csvField(value: string | number | undefined): string {
  if (value === undefined) return '';
  const text = defuseFormula(String(value));
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** RFC 4180 rows end in CRLF, including the last. */
export function csvRow(values: (string | number | undefined)[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

export function auditCsvRow(record: StoredAuditRecord, names: AuditCsvNames = noNames): string {
  return csvRow([
    record.seq,
    new Date(record.at).toISOString(),
    localTimeWithOffset(record.at),
    record.type,
    record.actor?.subject,
    record.actor?.name,
    record.profileId,
    record.company,
    record.botId,
    record.runId,
    record.detail,
    record.prev,
    record.hash,
    record.kid,
    record.mac,
    record.profileId === undefined ? undefined : names.profile(record.profileId),
    record.botId === undefined ? undefined : names.bot(record.botId),
  ]);
}

/** A line that is not a record at all is exported as such, so an export never hides damage. */
export function unreadableCsvRow(lineNumber: number, text: string): string {
  const safe = redactJwts(text);
  const excerpt = safe.length > 200 ? `${safe.slice(0, 200)}…` : safe;
  return csvRow(auditCsvHeader.map((column) => (column === 'Type' ? 'unreadable' : column === 'Detail' ? `Line ${lineNumber} is not a readable record: ${excerpt}` : '')));
}
