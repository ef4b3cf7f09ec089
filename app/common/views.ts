/**
 * The views of the contract: what the privileged side shows the renderer. Plain data, no tokens:
 * views carry status, user, company, scopes and `expiresAt`, never a token, because the renderer
 * is untrusted with respect to secrets (S45). Free of Node and DOM types and of zod, like the rest
 * of app/common/.
 */
import type { ErrorCode } from './error-catalogue.js';
import type { RunPriority } from './run-priority.js';

export type { RunPriority } from './run-priority.js';

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
  | 'interrupted';

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
}

export interface BotView {
  id: string;
  name: string;
  description: string;
  profileId: string;
  tokenDelivery: 'broker' | 'env';
  expectedDurationMs?: number;
  /** Why Start is disabled right now, or undefined when a run may start. */
  startBlockedReason?: ErrorView;
  lastRun?: RunView;
  /** Where its runs wait in the queue by default (manifest `priority`). */
  priority?: RunPriority;
  /** Uses the screen: one exclusive run at a time across all bots (manifest `exclusive`). */
  exclusive?: boolean;
  /** Its schedule, from the manifest or the settings, with the next and the last firing. */
  schedule?: ScheduleView;
}

/** A bot's cron schedule as the UI shows it. */
export interface ScheduleView {
  /** The cron pattern (croner syntax, local time). */
  cron: string;
  /** `settings` when set in RPA Supervisor for this bot and profile, else the manifest's. */
  source: 'manifest' | 'settings';
  enabled: boolean;
  /** When it fires next (epoch ms); undefined when disabled or never again. */
  nextAt?: number;
  /** The last firing: the run it started, or why it was skipped. */
  last?: { at: number; outcome: 'started'; runId: string } | { at: number; outcome: 'skipped'; reason: ErrorView };
}

/** A run waiting in the queue, in the order runs will start. */
export interface QueuedRunView {
  runId: string;
  botId: string;
  botName: string;
  profileId: string;
  priority: RunPriority;
  exclusive: boolean;
  enqueuedAt: number;
  /** Why it waits: every slot is taken, or a bot that uses the screen is running. */
  waitingFor: 'slot' | 'exclusive';
  /** The operator moved it: its place no longer follows its priority. */
  moved?: 'forward' | 'back';
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
  /** Global shortcuts; only where the host can register them (Electron). */
  hotkeys?: HotkeyPreferences;
}

/** Pause all and Stop all as global shortcuts (Electron accelerators); off by default. */
export interface HotkeyPreferences {
  enabled: boolean;
  stopAll: string;
  pauseAll: string;
  /** False while the app cannot pause runs: the Pause all shortcut is then not offered. */
  pauseAllOffered: boolean;
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

export interface SupervisorState {
  /** Wall-clock time at which this snapshot was taken; the renderer ticks countdowns from it. */
  at: number;
  host: HostView;
  profiles: ProfileView[];
  sessions: SessionView[];
  companies: CompanyView[];
  bots: BotView[];
  runs: RunView[];
  /** Waiting runs, next first. Always sent by the core; optional so hand-made snapshots need not list it. */
  queue?: QueuedRunView[];
  /** The next scheduled run across all bots, for the Today summary (BotScheduler.nextScheduled). */
  nextScheduled?: { botName: string; at: number };
  notices: NoticeView[];
  preferences: PreferencesView;
  selfTest: SelfTestView;
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
