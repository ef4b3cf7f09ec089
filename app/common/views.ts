/**
 * The views of the contract: what the privileged side shows the renderer. Plain data, no tokens:
 * views carry status, user, company, scopes and `expiresAt`, never a token, because the renderer
 * is untrusted with respect to secrets (S45). Free of Node and DOM types and of zod, like the rest
 * of app/common/.
 */
import type { ErrorCode } from './error-catalogue.js';

export type SessionStatus =
  | 'signedOut'
  | 'waitingForBrowser'
  | 'exchanging'
  | 'active'
  | 'expiring'
  | 'expired'
  | 'error';

export interface ErrorView {
  /** Stable code from the one catalogue (error-catalogue.ts), e.g. `state_mismatch`. */
  code: ErrorCode;
  /** A sentence a clinic user can act on. Never contains a code, token or secret. */
  message: string;
  /** Field-by-field problems, keyed by a dotted path such as `profiles.0.clientId`. */
  fields?: Record<string, string>;
}

export interface UserView {
  subject: string;
  name?: string;
}

export interface SessionView {
  profileId: string;
  profileName: string;
  status: SessionStatus;
  user?: UserView;
  company?: string;
  scopes: string[];
  /** Epoch ms at which the access token stops being served to bots. */
  expiresAt?: number;
  /** Epoch ms at which the current sign-in attempt gives up (waiting states only). */
  signInExpiresAt?: number;
  /** The authorization URL of a pending sign-in, for the "browser didn't open?" fallback. */
  authorizationUrl?: string;
  /** Minutes-before-expiry thresholds that have been crossed, most urgent last. */
  warningMinutes?: number;
  error?: ErrorView;
}

export type RunStatus =
  | 'queued'
  | 'starting'
  | 'running'
  | 'succeeded'
  | 'failed'
  | 'cancelled'
  | 'timedOut'
  | 'halted'
  | 'interrupted'
  /** Its process runs, but the profile's session cannot serve it a token: sign in again. */
  | 'waitingForSignIn'
  /** Its process runs, but it waits for the human: an approval, their presence, or an answer. */
  | 'waitingForSupervisor'
  /** Paused by the operator: held at a safe point (SDK bots) or stopped by a signal (others). */
  | 'paused';

/** What a `waitingForSupervisor` run waits for. */
export type SupervisorWaitReason = 'approval' | 'presence' | 'answer';

/** Why a `halted` run was halted. */
export type HaltCause = 'signOut' | 'expiry' | 'absence' | 'shutdown';

/** What the operator may do with a live run that has a process (docs/bots.md, "Pause"). */
export interface RunControlView {
  /**
   * How Pause works for this run: at its next `checkpoint()` (bots using the SDK), by signalling
   * its process group (other bots on Linux and macOS), or not at all (other bots on Windows).
   */
  pause: 'checkpoint' | 'signal' | 'unavailable';
  /** "Stop at next safe point" is offered: the bot calls `checkpoint()`. */
  safeStop: boolean;
  /** The operator asked it to stop at its next safe point; it has not reached one yet. */
  stopRequested?: boolean;
  /** Paused at a checkpoint: the bot has reached its safe point and holds there. */
  holding?: boolean;
}

export interface RunView {
  id: string;
  botId: string;
  botName: string;
  profileId: string;
  status: RunStatus;
  /** Subject and name of the signed-in human supervising the run. */
  supervisor?: UserView;
  startedAt: number;
  endedAt?: number;
  exitCode?: number | null;
  signal?: string | null;
  /** Why the run ended, in words, for stopped, failed and halted runs. */
  reason?: string;
  /** `waitingForSupervisor`: what the run waits for. */
  waitingFor?: SupervisorWaitReason;
  /** `paused`, `waitingForSignIn`, `waitingForSupervisor`: since when. */
  since?: number;
  /** Live runs with a process: Pause, Resume and the two kinds of Stop. */
  control?: RunControlView;
  /** `halted`: what ended supervision. */
  haltedBy?: HaltCause;
}

export interface BotView {
  id: string;
  name: string;
  description: string;
  profileId: string;
  tokenDelivery: 'broker' | 'env';
  expectedDurationMs?: number;
  /** Each run waits for the supervisor's approval before it gets a token (manifest or policy). */
  requiresApproval?: boolean;
  /** Why Start is disabled right now, or undefined when a run may start. */
  startBlockedReason?: ErrorView;
  lastRun?: RunView;
}

export type ProfileKind = 'oidc' | 'partner' | 'sandbox';
export type ClientAuthMethod = 'none' | 'client_secret_basic' | 'client_secret_post';
export type RedirectMode = 'customScheme' | 'loopback' | 'bounce';
export type ProviderPreset = 'healthcodeProduction' | 'healthcodeUat' | 'hcssPartner' | 'custom' | 'sandbox';

/** A provider profile as the UI may see and edit it: everything but the client secret. */
export interface ProfileView {
  id: string;
  name: string;
  kind: ProfileKind;
  preset: ProviderPreset;
  issuer: string;
  clientId: string;
  clientAuth: ClientAuthMethod;
  /** True when a client secret is stored for this profile (the secret itself never leaves). */
  hasClientSecret: boolean;
  scopes: string[];
  extraAuthParams: Record<string, string>;
  redirectMode: RedirectMode;
  /** Loopback only: 0 means an ephemeral port. */
  loopbackPort?: number;
  loopbackPath?: string;
  /** Bounce only: the https page the organisation hosts. */
  bounceUrl?: string;
  /** The exact redirect URI to register with the provider. */
  redirectUri: string;
  /** Providers without a discovery document: the endpoints the admin entered. */
  endpoints?: { authorization: string; token: string; revocation?: string; userinfo?: string; jwks?: string };
  warningMinutes: number[];
  defaultTokenLifetimeMs: number;
  signInTimeoutMs: number;
  expiryPolicy: 'wait' | 'stop';
  /** HCSS partner profiles: the claim that carries the company id (default `CompanyId`). */
  companyClaim?: string;
  locked: boolean;
  /** Ships with the app or comes from the host (the Local sandbox profiles): never editable. */
  builtIn: boolean;
}

/** An HCSS company connected through a partner profile. */
export interface CompanyView {
  profileId: string;
  companyId: string;
  connectedBy: UserView;
  connectedAt: number;
  status: 'connected' | 'tokenValid' | 'error';
  tokenExpiresAt?: number;
  error?: ErrorView;
}

export interface PreferencesView {
  botsDir: string;
  maxConcurrentRuns: number;
  /** Undefined where the host cannot launch at login (the browser host). */
  launchAtLogin?: boolean;
  /** False until the first-run wizard is finished or skipped. */
  wizardCompleted: boolean;
}

export interface HostView {
  kind: 'electron' | 'browser';
  /** The custom scheme this instance answers to. */
  scheme: string;
  /** False when sign-ins are kept in memory only (no OS keychain). */
  secretsPersistent: boolean;
}

export interface SelfTestView {
  status: 'idle' | 'waiting' | 'passed' | 'failed';
  startedAt?: number;
  finishedAt?: number;
  url?: string;
  message?: string;
}

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
  message: string;
}

export interface AuditPage {
  records: AuditRecordView[];
  /** Pass as `beforeSeq` to read older records, or null when there are none. */
  nextBeforeSeq: number | null;
}

export interface ImportResult {
  imported: ProfileView[];
  errors: { index: number; field: string; message: string }[];
}

export interface NoticeView {
  id: string;
  level: 'info' | 'warning' | 'error';
  code: ErrorCode;
  message: string;
  at: number;
}

/** One field of a bot's question: a labelled text box. */
export interface QuestionFieldView {
  name: string;
  label: string;
  multiline?: boolean;
}

/**
 * A bot's question to its supervisor (docs/bots.md, "Ask the supervisor"). All text is plain
 * text the core has cleaned and bounded (S59); render it as text only.
 */
export interface QuestionView {
  id: string;
  runId: string;
  botId: string;
  botName: string;
  profileId: string;
  profileName: string;
  company?: string;
  text: string;
  /** Offered answers; the answer is one of them. Empty: see `fields`, or a free-text answer. */
  choices: string[];
  /** Named text boxes to fill in; empty with no choices means one free-text answer. */
  fields: QuestionFieldView[];
  askedAt: number;
  expiresAt: number;
}

/** The supervisor's answer to a question: a choice, the fields, or free text. */
export interface QuestionAnswer {
  choice?: string;
  fields?: Record<string, string>;
  text?: string;
}

/** A run that waits for the supervisor's approval before it may get a token. */
export interface ApprovalView {
  runId: string;
  botId: string;
  botName: string;
  profileId: string;
  profileName: string;
  company?: string;
  /** The scopes of the token the run would get. */
  scopes: string[];
  expectedDurationMs?: number;
  requestedAt: number;
}

/** Whether the human is at the computer, as the host's presence source and attestations say. */
export interface PresenceView {
  status: 'present' | 'absent';
  /** Absent: the screen is locked, nobody has used the computer for a while, or a check went unanswered. */
  absentReason?: 'locked' | 'idle' | 'attestationMissed';
  /** When the status last changed. */
  since: number;
  /** The idle threshold in force, when idle counts (the page paces its activity reports by it). */
  idleAfterMs?: number;
  /** An open "Still supervising?" check, and when it counts as missed. */
  attestation?: { requestedAt: number; deadlineAt: number };
  /** When the next check is due, when checks are on and someone is signed in. */
  nextAttestationAt?: number;
}

interface AttentionBase {
  /** Stable: the same thing needing attention keeps its id across snapshots and restarts. */
  id: string;
  /** When it started needing attention. */
  at: number;
  level: 'info' | 'warning' | 'error';
  /** Seen by someone: it no longer counts in the title, the tray or notifications. */
  acknowledged: boolean;
}

/** One thing that needs a human now (app/attention/attention-board.ts). */
export type AttentionItemView =
  | (AttentionBase & { kind: 'runFailed'; run: RunView })
  | (AttentionBase & { kind: 'runWaiting'; run: RunView })
  | (AttentionBase & { kind: 'question'; question: QuestionView })
  | (AttentionBase & { kind: 'approval'; approval: ApprovalView })
  | (AttentionBase & { kind: 'sessionExpiring'; profileId: string; profileName: string; expiresAt: number })
  | (AttentionBase & { kind: 'sessionExpired'; profileId: string; profileName: string })
  | (AttentionBase & { kind: 'attestation'; requestedAt: number; deadlineAt: number });

export type AttentionKind = AttentionItemView['kind'];

export interface SupervisorState {
  /** Wall-clock time at which this snapshot was taken; the renderer ticks countdowns from it. */
  at: number;
  host: HostView;
  profiles: ProfileView[];
  sessions: SessionView[];
  companies: CompanyView[];
  bots: BotView[];
  runs: RunView[];
  notices: NoticeView[];
  preferences: PreferencesView;
  selfTest: SelfTestView;
  /** What needs a human now, most urgent first. */
  attention: AttentionItemView[];
  presence: PresenceView;
}

export type LogStream = 'stdout' | 'stderr' | 'system';

export interface LogLine {
  /** Monotonic per run, starting at 0. */
  seq: number;
  at: number;
  stream: LogStream;
  /** Redacted, ANSI-stripped, bounded text. Render as text only. */
  text: string;
}

export interface LogBatch {
  runId: string;
  lines: LogLine[];
}

export interface LogPage {
  runId: string;
  lines: LogLine[];
  /** Sequence number to pass as `fromSeq` for the next page, or null at the live end. */
  nextSeq: number | null;
  /** The oldest sequence number still held in memory. */
  firstSeq: number;
}
