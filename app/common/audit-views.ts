/**
 * The audit trail's views: records, verification, keys and forwarding. Plain data, free of Node,
 * DOM and zod like the rest of app/common/; re-exported by views.ts.
 */
import type { UserView } from './views.js';

/**
 * Every kind of record the app writes, so each has a label on the audit screen.
 * `settingsChanged` is for profile and preference edits; `retentionPass` holds counts, never
 * content; `runPaused`, `runResumed` and `runSafeStopRequested` are the supervisor's own controls.
 */
export const auditEventTypes = [
  'signedIn',
  'reauthenticated',
  'signedOut',
  'sessionExpired',
  'sessionRestored',
  'sessionDiscarded',
  'signInFailed',
  'runStarted',
  'runEnded',
  'brokerDenied',
  'settingsChanged',
  'auditRepaired',
  'auditGap',
  'auditExported',
  'retentionPass',
  'auditKeyChanged',
  'auditCheckpoint',
  'auditForwarding',
  'signInCancelled',
  'signInTimedOut',
  'policyLoaded',
  'companyConnected',
  'companyRemoved',
  'companyRefused',
  'companyTokenRefused',
  'runPaused',
  'runResumed',
  'runSafeStopRequested',
  'supervisorAway',
  'supervisorPresent',
  'attestationRequested',
  'presenceAttested',
  'questionAsked',
  'questionAnswered',
  'questionClosed',
  'approvalRequested',
  'runApproved',
  'runRefused',
  'queuedRunMoved',
  'scheduledRunStarted',
  'scheduledRunSkipped',
  /** Fleet mode: Settings → Workers approved or removed a worker (docs/fleet.md). */
  'workerApproved',
  'workerRemoved',
] as const;

export type AuditEventType = (typeof auditEventTypes)[number];

export interface AuditRecordView {
  seq: number;
  at: number;
  type: string;
  /** Who did it or supervised it. */
  actor?: UserView;
  profileId?: string;
  botId?: string;
  runId?: string;
  company?: string;
  detail?: string;
}

export interface AuditVerification {
  ok: boolean;
  records: number;
  /** 1-based line number of the first record whose hash chain is broken. */
  brokenAtLine?: number;
  /** That line's record as far as it could be read, so the screen can say which record it is. */
  brokenRecord?: { seq: number; at: number; type: string; actor?: UserView };
  message: string;
  /** Records before the first key this computer holds: checked by their hash chain only. */
  plainOnly?: number;
  /** Whether records carry keyed MACs, and whether the key outlives the session. */
  keyed?: 'none' | 'persistent' | 'session';
  /** The checkpoint checked against, when one was given. */
  checkpoint?: { seq: number; at: number; fingerprint: string; signedHere: boolean };
}

/** The audit trail's keys and forwarding, for Settings. */
export interface AuditStatusView {
  /** The checkpoint key's public half (SPKI DER, base64) for the auditor to keep. */
  publicKey: string;
  fingerprint: string;
  keyed: 'persistent' | 'session';
  lastCheckpoint?: { seq: number; at: number };
  forwarding: AuditForwardingView;
}

/**
 * What a syslog collector's address may be, shared by the core's request schema and the page's
 * form, so the page refuses at the field exactly what the core would refuse.
 */
export const collectorRules = { hostPattern: /^[A-Za-z0-9.:[\]-]+$/, hostMaxLength: 253, portMin: 1, portMax: 65535 } as const;

export interface AuditForwardingView {
  /** The collector as set (by the user or the machine policy), or null when off. */
  target: { host: string; port: number; tls: boolean } | null;
  /** True when the machine policy sets it, so Settings cannot change it. */
  managed: boolean;
  state: 'off' | 'sending' | 'upToDate' | 'retrying';
  /** Highest seq the collector has taken; records after it wait in the outbox. */
  confirmedSeq: number;
  pending: number;
  lastError?: string;
  lastSuccessAt?: number;
  /** When the current outage of the collector began; absent while sending works. */
  failingSince?: number;
}

/**
 * Which records a page of the trail holds (every field optional; all given must hold), applied by
 * the core over the whole file so a filter is never limited to the records already on screen.
 */
export interface AuditMatch {
  /** Records at or after this moment (epoch ms). */
  fromAt?: number;
  /** Records before this moment (epoch ms). */
  untilAt?: number;
  type?: string;
  /** The actor's subject. */
  subject?: string;
  botId?: string;
  /** The HCSS company the record is about, by the id HCSS gives it; a record about no company never matches. */
  company?: string;
}

export interface AuditListOptions {
  /** Records with a lower seq only: the `nextBeforeSeq` of the page before. */
  beforeSeq?: number;
  limit?: number;
  match?: AuditMatch;
}

export interface AuditPage {
  records: AuditRecordView[];
  /** Pass as `beforeSeq` to read older records, or null when there are none. */
  nextBeforeSeq: number | null;
  /** Who and what the whole trail names, whatever the match: the filters' choices. */
  facets: AuditFacetsView;
}

/**
 * Every person, bot and HCSS company named anywhere in the trail, so a filter can offer someone who
 * acted only months ago or a company disconnected since without older pages being loaded first.
 */
export interface AuditFacetsView {
  /** By subject, each with the name of their newest record that gives one. */
  people: UserView[];
  botIds: string[];
  companies: string[];
}
