import { createHash } from 'node:crypto';
import type { AuditRecordView, UserView } from '../common/contract.js';

/** What the app records. `settingsChanged` is for profile and preference edits. */
export type AuditEventType =
  | 'signedIn'
  | 'reauthenticated'
  | 'signedOut'
  | 'sessionExpired'
  | 'sessionRestored'
  | 'sessionDiscarded'
  | 'signInFailed'
  | 'runStarted'
  | 'runEnded'
  | 'brokerDenied'
  | 'settingsChanged'
  | 'auditRepaired'
  | 'auditGap'
  | 'auditExported'
  /** Retention deleted old run logs, artifacts or diagnostic logs; the detail holds counts, never content. */
  | 'retentionPass'
  | 'auditKeyChanged'
  | 'auditCheckpoint'
  | 'auditForwarding'
  | 'signInCancelled'
  | 'signInTimedOut'
  | 'policyLoaded'
  | 'companyConnected'
  | 'companyRemoved'
  | 'companyRefused'
  /** Fleet mode: Settings → Workers approved or removed a worker (docs/fleet.md). */
  | 'workerApproved'
  | 'workerRemoved';

/** One thing to record. Never put a token, an authorization code or a secret in any field. */
export interface AuditEvent {
  type: AuditEventType | (string & {});
  /** Who did it, or the signed-in human who supervised it. */
  actor?: UserView;
  profileId?: string;
  company?: string;
  botId?: string;
  runId?: string;
  /** A short sentence; JWT-shaped text is redacted and the length is capped. */
  detail?: string;
}

/** A record as stored: one JSON line, chained to the previous one by `prev`. */
export interface StoredAuditRecord extends AuditRecordView {
  /** SHA-256 (hex) of the previous record, or `genesisHash` for the first. */
  prev: string;
  /** SHA-256 (hex) of this record's JSON without `hash`, `kid` and `mac` (so it covers `prev` too). */
  hash: string;
  /** Which chain key sealed it (absent on records written before the trail was keyed). */
  kid?: string;
  /** HMAC-SHA-256 over the previous record's link (its `mac`, else its `hash`) and this `hash`. */
  mac?: string;
}

/** What the next record chains to: its predecessor's seq, hash and MAC. */
export interface ChainLink {
  seq: number;
  hash: string;
  mac?: string;
}

/** The text a record's MAC continues from: the MAC of the one before, or its hash before keying. */
export function linkOf(previous: ChainLink | undefined): string {
  return previous?.mac ?? previous?.hash ?? genesisHash;
}

export const genesisHash = '0'.repeat(64);

const typePattern = /^[A-Za-z][A-Za-z0-9]{0,63}$/;
const jwtPattern = /eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}(?:\.[A-Za-z0-9_-]*)?/g;
const controlPattern = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/**
 * Field values are bounded and cleaned before they are hashed: a record is a few hundred bytes, so
 * a torn write is always far smaller than the tail the trail reads on open, and nothing JWT-shaped
 * can reach the file even if a caller slips.
 */
function clean(value: string | undefined, max: number): string | undefined {
  if (value === undefined) return undefined;
  const text = redactJwts(value).replace(controlPattern, ' ').trim();
  if (text.length === 0) return undefined;
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Builds the stored record with a fixed key order, so the line is canonical JSON. */
export function sealRecord(
  event: AuditEvent,
  seq: number,
  at: number,
  prev: string,
  keyed?: { kid: string; mac: (hash: string) => string },
): StoredAuditRecord {
  const type = typePattern.test(event.type) ? event.type : 'unknown';
  const subject = clean(event.actor?.subject, 200);
  const name = clean(event.actor?.name, 200);
  const body: Omit<StoredAuditRecord, 'hash'> = {
    seq,
    at,
    type,
    ...(subject === undefined ? {} : { actor: { subject, ...(name === undefined ? {} : { name }) } }),
    ...optional('profileId', clean(event.profileId, 200)),
    ...optional('company', clean(event.company, 200)),
    ...optional('botId', clean(event.botId, 200)),
    ...optional('runId', clean(event.runId, 200)),
    ...optional('detail', clean(event.detail, 1000)),
    prev,
  };
  const hash = hashOf(JSON.stringify(body));
  return keyed === undefined ? { ...body, hash } : { ...body, hash, kid: keyed.kid, mac: keyed.mac(hash) };
}

export function redactJwts(text: string): string {
  return text.replace(jwtPattern, '[REDACTED]');
}

export function serializeRecord(record: StoredAuditRecord): string {
  return JSON.stringify(record);
}

export function hashOf(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export type LineCheck = { ok: true; record: StoredAuditRecord } | { ok: false; why: string; record?: StoredAuditRecord };

/**
 * Checks one line against the record before it. The line must be exactly the canonical JSON of a
 * record (so even whitespace edits show), its hash must match its content, and it must point at
 * the previous record's hash with the next sequence number.
 */
export function checkLine(line: string, previous: ChainLink | undefined): LineCheck {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return { ok: false, why: 'it is not a readable record' };
  }
  if (!isStoredRecord(parsed)) return { ok: false, why: 'it is not a readable record' };
  const record = parsed;
  if (serializeRecord(record) !== line) return { ok: false, why: 'it was edited', record };
  const { hash, kid: _kid, mac: _mac, ...body } = record;
  if (hashOf(JSON.stringify(body)) !== hash) return { ok: false, why: 'its content does not match its hash', record };
  const expectedPrev = previous?.hash ?? genesisHash;
  if (record.prev !== expectedPrev) return { ok: false, why: 'it does not follow the record before it (a record was removed, added or changed)', record };
  if (previous !== undefined && record.seq !== previous.seq + 1) return { ok: false, why: 'its sequence number is out of order', record };
  return { ok: true, record };
}

export function toView(record: StoredAuditRecord): AuditRecordView {
  const { prev: _prev, hash: _hash, kid: _kid, mac: _mac, ...view } = record;
  return view;
}

export function isStoredRecord(value: unknown): value is StoredAuditRecord {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  return (
    Number.isSafeInteger(record.seq) &&
    typeof record.at === 'number' &&
    typeof record.type === 'string' &&
    typeof record.prev === 'string' &&
    typeof record.hash === 'string' &&
    (record.kid === undefined || typeof record.kid === 'string') &&
    (record.mac === undefined || typeof record.mac === 'string') &&
    (record.actor === undefined || (typeof record.actor === 'object' && record.actor !== null && typeof (record.actor as UserView).subject === 'string'))
  );
}

function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: string };
}
