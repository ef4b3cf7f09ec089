import type { StoredAuditRecord } from '../audit-record.js';

/** RFC 5612's example enterprise number: the structured-data id names the app, not a registered PEN. */
export const structuredDataId = 'rpaAudit@32473';

/** Facility 13 (log audit), severity 6 (informational). */
const priority = 13 * 8 + 6;

/** RFC 5424 PRINTUSASCII fields: no spaces or control characters, bounded length. */
function printable(value: string, max: number): string {
  const text = value.replace(/[^\x21-\x7e]/g, '').slice(0, max);
  return text.length === 0 ? '-' : text;
}

/** PARAM-VALUE escaping: `"`, `\` and `]` get a backslash. */
function paramValue(value: string): string {
  return value.replace(/["\\\]]/g, (c) => `\\${c}`);
}

/**
 * One audit record as an RFC 5424 message. MSGID is the record type; the structured data carries
 * the sequence number (so a collector can see gaps and order), the hash and MAC (so the copy can
 * be checked against the trail); MSG is the record's JSON, exactly as in the trail.
 */
export function syslogMessage(record: StoredAuditRecord, hostname: string): string {
  const params = [`seq="${record.seq}"`, `hash="${paramValue(record.hash)}"`, ...(record.mac ? [`mac="${paramValue(record.mac)}"`] : [])];
  const header = `<${priority}>1 ${new Date(record.at).toISOString()} ${printable(hostname, 255)} rpa-supervisor - ${printable(record.type, 32)}`;
  return `${header} [${structuredDataId} ${params.join(' ')}] ${JSON.stringify(record)}`;
}

/** RFC 6587 octet counting: the message's length in bytes, a space, the message. */
export function octetCountedFrame(message: string): Buffer {
  const body = Buffer.from(message, 'utf8');
  return Buffer.concat([Buffer.from(`${body.length} `, 'ascii'), body]);
}
