import { parseRecord } from './audit-file.js';
import { redactJwts, type StoredAuditRecord } from './audit-record.js';
import type { FileLine } from './read-lines.js';

/** The whole trail as CSV text, header first; a line that is not a record becomes a marked row. */
export async function auditCsv(lines: AsyncIterable<FileLine>): Promise<{ csv: string; count: number }> {
  const rows = [csvRow(auditCsvHeader)];
  let count = 0;
  for await (const line of lines) {
    const record = parseRecord(line.text);
    rows.push(record ? auditCsvRow(record) : unreadableCsvRow(line.number, line.text));
    count += 1;
  }
  return { csv: rows.join(''), count };
}

export const auditCsvHeader = ['Seq', 'Time (UTC)', 'Type', 'Actor subject', 'Actor name', 'Profile', 'Company', 'Bot', 'Run', 'Detail', 'Previous hash', 'Hash', 'Key id', 'MAC'];

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

export function auditCsvRow(record: StoredAuditRecord): string {
  return csvRow([
    record.seq,
    new Date(record.at).toISOString(),
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
  ]);
}

/** A line that is not a record at all is exported as such, so an export never hides damage. */
export function unreadableCsvRow(lineNumber: number, text: string): string {
  const safe = redactJwts(text);
  const excerpt = safe.length > 200 ? `${safe.slice(0, 200)}…` : safe;
  return csvRow(['', '', 'unreadable', '', '', '', '', '', '', `Line ${lineNumber} is not a readable record: ${excerpt}`, '', '']);
}
