import type { AuditRecordView } from '../../app/common/contract.js';
import type { ErrorCode } from '../../app/common/error-catalogue.js';
import { errorHeadline } from '../../app/common/error-headline.js';
import { copy } from '../copy.js';
import { auditEventLabel } from './audit-labels.js';
import { formatPreciseDateTime } from './format-date-time.js';

/** What the audit table shows for a record: its event in words and its detail for a person. */
export interface AuditRecordText {
  event: string;
  detail: string;
}

/*
 * The trail stores stable text (UTC timestamps, preference keys, broker codes) because it is
 * hashed, exported as CSV and forwarded to syslog, and old records can never be rewritten. The
 * screen reads that text out for a person instead, so records written by any version read the same.
 */
const isoTimestamp = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?Z\b/g;
const brokerCode = /: ([a-z][a-z0-9_]*)\.$/;
const leadingCode = /^([a-z][a-z0-9_]*): (\S.*?)\.?$/s;
const moreRequests = /\b(\d+) more requests?\b/;
const preferencesPrefix = 'Preferences changed: ';
const preferenceChange = /^([A-Za-z][A-Za-z0-9]*) (.*?) → (.*)$/;
const keyStarted = /^A new audit key \(([^)\s]+)\) seals records from (\d+)\.( Records 1 to (\d+) keep their plain hash chain\.)?( Secrets are kept in memory only on this computer, so the key lasts for this session\.)?$/;
const checkpointSigned = /^Signed checkpoint \(([a-z]+)\) at record (\d+); key ([0-9a-f:]+)\.$/;

export function describeAuditRecord(record: AuditRecordView): AuditRecordText {
  const detail = record.detail ?? '';
  if (record.type === 'brokerDenied' && brokerCode.exec(detail)?.[1] === 'stop_requested') {
    return { event: copy.audit.stopDeclined, detail: copy.audit.stopDeclinedDetail(Number(moreRequests.exec(detail)?.[1] ?? 0)) };
  }
  return { event: auditEventLabel(record.type), detail: localiseTimestamps(readableDetail(record.type, detail)) };
}

function readableDetail(type: string, detail: string): string {
  switch (type) {
    case 'settingsChanged':
      return describePreferenceChanges(detail);
    case 'brokerDenied':
      return withReason(detail, (code) => (Object.hasOwn(copy.audit.brokerRefusals, code) ? copy.audit.brokerRefusals[code] : undefined));
    case 'signInFailed':
      return withReason(detail, signInFailure);
    case 'auditKeyChanged':
      return describeKeyStarted(detail);
    case 'auditCheckpoint':
      return detail.replace(checkpointSigned, (_, reason: string, seq: string, fingerprint: string) => copy.audit.checkpointSigned(reason, Number(seq), fingerprint));
    case 'scheduledRunSkipped':
      // Stored as "code: sentence."; read as the other records are, the sentence first.
      return detail.replace(leadingCode, (_, code: string, sentence: string) => `${sentence} (${code}).`);
    default:
      return detail;
  }
}

/** What a new audit key is for, in words; a sentence of another shape stays as stored. */
function describeKeyStarted(detail: string): string {
  const match = keyStarted.exec(detail);
  if (!match) return detail;
  const [, keyId = '', fromSeq = '', , lastPlain, sessionOnly] = match;
  const words = copy.audit;
  return `${words.auditKeyStarted(keyId, Number(fromSeq))}${lastPlain === undefined ? '' : words.auditKeyEarlier(Number(lastPlain))}${sessionOnly === undefined ? '' : words.auditKeySessionOnly}`;
}

/** "…: some_code." as "…: the reason in words (some_code)."; a code without words stays as stored. */
function withReason(detail: string, words: (code: string) => string | undefined): string {
  const code = brokerCode.exec(detail)?.[1];
  const reason = code === undefined ? undefined : words(code);
  return code === undefined || reason === undefined ? detail : `${detail.slice(0, -(code.length + 1))}${reason} (${code}).`;
}

/** The first sentence of the code's plain headline, as a clause: "A sign-in answer was ignored…" → "a sign-in answer…". */
function signInFailure(code: string): string | undefined {
  const headline: unknown = errorHeadline(code as ErrorCode);
  const sentence = typeof headline !== 'string' ? undefined : headline.split(/(?<=\.) /)[0]?.replace(/\.$/, '');
  return sentence ? sentence.charAt(0).toLowerCase() + sentence.slice(1) : undefined;
}

/** ISO-8601 UTC timestamps in stored text, as the local time the rest of the screen uses. */
export function localiseTimestamps(text: string): string {
  return text.replace(isoTimestamp, (iso) => {
    const at = Date.parse(iso);
    return Number.isNaN(at) ? iso : formatPreciseDateTime(at);
  });
}

/**
 * "Preferences changed: wizardCompleted false → true; maxConcurrentRuns 2 → 3." as Settings'
 * own words. Text that does not have that shape is returned unchanged rather than half-read.
 */
export function describePreferenceChanges(detail: string): string {
  if (!detail.startsWith(preferencesPrefix) || !detail.endsWith('.')) return detail;
  const parts: string[] = [];
  for (const piece of detail.slice(preferencesPrefix.length, -1).split('; ')) {
    // A value may be a path holding "; ": only "; " before a preference key starts a new change.
    if (parts.length === 0 || startsWithKey(piece)) parts.push(piece);
    else parts[parts.length - 1] += `; ${piece}`;
  }
  const changes: string[] = [];
  for (const part of parts) {
    const match = preferenceChange.exec(part);
    if (!match) return detail;
    const [, key = '', before = '', after = ''] = match;
    changes.push(copy.audit.preferenceChange(copy.audit.preferenceLabels[key] ?? key, preferenceValue(before), preferenceValue(after)));
  }
  return copy.audit.preferencesChanged(changes.join('; '));
}

/** A preference key: one Settings names, or any camelCase word (a newer core's preference). */
function startsWithKey(piece: string): boolean {
  const key = /^([A-Za-z][A-Za-z0-9]*) /.exec(piece)?.[1];
  return key !== undefined && (key in copy.audit.preferenceLabels || /[a-z][A-Z]/.test(key));
}

function preferenceValue(shown: string): string {
  const words = copy.audit.preferenceValues;
  if (shown === 'true') return words.yes;
  if (shown === 'false') return words.no;
  if (shown === 'undefined' || shown === '') return words.notSet;
  if (!shown.startsWith('{')) return shown;
  const hotkeys = parseHotkeys(shown);
  if (!hotkeys) return shown;
  return hotkeys.enabled ? words.hotkeysOn(hotkeys.stopAll, hotkeys.pauseAll) : words.hotkeysOff;
}

function parseHotkeys(json: string): { enabled: boolean; stopAll: string; pauseAll: string } | undefined {
  try {
    const value: unknown = JSON.parse(json);
    if (typeof value !== 'object' || value === null) return undefined;
    const { enabled, stopAll, pauseAll } = value as Record<string, unknown>;
    if (typeof enabled !== 'boolean') return undefined;
    return { enabled, stopAll: typeof stopAll === 'string' ? stopAll : '', pauseAll: typeof pauseAll === 'string' ? pauseAll : '' };
  } catch {
    return undefined;
  }
}
