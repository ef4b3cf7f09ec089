/**
 * The views of the contract: what the privileged side shows the renderer. Plain data, no tokens:
 * views carry status, user, company, scopes and `expiresAt`, never a token, because the renderer
 * is untrusted with respect to secrets (S45). Free of Node and DOM types and of zod, like the rest
 * of app/common/.
 */
import type { ErrorCode } from './error-catalogue.js';
import type { RedactionCounts, RedactionSettings } from './patient-data.js';
import type { RunPriority } from './run-priority.js';
import type { TodaySummaryView } from './today-views.js';

export type * from './audit-views.js';
export type * from './log-views.js';
export type * from './artifact-views.js';
export type * from './today-views.js';
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
  /** Why Sign in cannot work yet (a draft profile without a client id); says what is missing. */
  signInBlocked?: ErrorView;
  /**
   * Waiting states only: the provider refused the authorization request before its login page,
   * or could not be reached from this computer (S55). The browser was not opened for a refusal;
   * the user may still continue in it (`openSignInPage`).
   */
  preflight?: PreflightView;
}

/** Settings' "Test connection" for one profile: discovery, then the authorization pre-flight. */
export interface ConnectionTestView {
  profileId: string;
  checkedAt: number;
  discovery: { ok: true; issuer: string; authorizationEndpoint: string } | { ok: false; error: ErrorView };
  /** Absent when discovery failed. `unreachable` without an error: no answer from this computer. */
  preflight?: { outcome: 'accepted' | 'refused' | 'unreachable'; error?: ErrorView };
}

/** What the authorization pre-flight found (app/auth/authorization-preflight.ts). */
export interface PreflightView {
  outcome: 'refused' | 'unreachable';
  error: ErrorView;
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
  /** What was redacted from the run's output, by kind (absent when nothing was). */
  redactions?: RedactionCounts;
  /** When retention deleted the run's log and artifacts; the summary above is kept. */
  logDeletedAt?: number;
  /** `waitingForSupervisor`: what the run waits for. */
  waitingFor?: SupervisorWaitReason;
  /** `paused`, `waitingForSignIn`, `waitingForSupervisor`: since when. */
  since?: number;
  /** Live runs with a process: Pause, Resume and the two kinds of Stop. */
  control?: RunControlView;
  /** `halted`: what ended supervision. */
  haltedBy?: HaltCause;
}

/**
 * What the machine policy says about patient data, for the profile editor: settings it forces
 * are shown switched on and disabled, with the reason.
 */
export interface PatientDataPolicyView {
  /** Kinds the policy forces on for every profile. */
  forcedRedaction: (keyof RedactionSettings)[];
  /** `never`: no profile may turn screenshots on; `always`: on for every profile; `profile`: each profile decides. */
  screenshots: 'never' | 'profile' | 'always';
  /** Days every profile keeps logs and artifacts, when the policy sets it. */
  retentionDays?: number;
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
  /** Patient identifiers redacted from this profile's bot output (the profile's own choice; see PatientDataPolicyView). */
  redaction: RedactionSettings;
  /** Whether this profile's bots may attach screenshots (off by default: they may show patient data). */
  screenshots: boolean;
  /** Days this profile's run logs and artifacts are kept. */
  retentionDays: number;
  locked: boolean;
  /** Ships with the app or comes from the host (the Local sandbox profiles): never editable. */
  builtIn: boolean;
  /** Saved without a client id yet (while waiting for the provider to issue one): cannot sign in. */
  draft: boolean;
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
  /** The browser Playwright bots launch (passed to them as RPA_BROWSER_PATH); absent: an installed Edge or Chrome. */
  browserPath?: string;
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
  /**
   * The build flavour. Development builds and the browser host answer the development scheme,
   * which must never be registered with a live provider.
   */
  flavour: 'production' | 'development';
  /** `<scheme>://auth/callback`: the redirect URI of the app-link (custom scheme) mode. */
  appLinkRedirectUri: string;
  /** This installation's data folder: settings, logs, run history and the audit trail. */
  dataDir: string;
  /**
   * True when this instance offers the Local sandbox and the demo bots (development runs, the
   * browser host, or a packaged build whose machine policy turns demo mode on). The first-run
   * wizard offers the sandbox only then.
   */
  sandboxOffered: boolean;
  /** What the machine policy lets people change here (docs/providers.md, "For administrators"). */
  policy: PolicyView;
}

/** The machine policy as the window needs it: what to offer, hide or explain. */
export interface PolicyView {
  /** `none`: no policy file; `file`: the administrator's file applies; `lockedDown`: the file could not be trusted. */
  source: 'none' | 'file' | 'lockedDown';
  /** The policy file's location, to name it in Settings. */
  path: string;
  /** False: profiles cannot be added, edited, imported or deleted here. */
  allowUserProfiles: boolean;
  /** Set when bots may only come from these folders. */
  allowedBotFolders?: string[];
  /** False: bots asking for their token in the environment are refused. */
  allowEnvTokenDelivery: boolean;
  /** Set when the administrator manages updates from this feed. */
  updateFeedUrl?: string;
}

export interface SelfTestView {
  status: 'idle' | 'waiting' | 'passed' | 'failed';
  startedAt?: number;
  finishedAt?: number;
  url?: string;
  message?: string;
}

export interface ImportResult {
  imported: ProfileView[];
  /**
   * One entry per problem. `profileName` and `profileId` are what the file's entry says (text
   * only), so the page can name the profile; `index` (from 0) is for entries that name neither.
   */
  errors: { index: number; field: string; message: string; profileName?: string; profileId?: string }[];
}

/**
 * What became of a link handed to the app by hand (the waiting card's paste box, or the browser
 * host's hand-off launcher). Never carries the link itself.
 */
export type LinkResult =
  | { kind: 'signedIn'; profileId: string; profileName: string; user?: UserView; company?: string }
  | { kind: 'selfTestPassed' }
  | { kind: 'refused'; error: ErrorView };

export interface NoticeView {
  id: string;
  level: 'info' | 'warning' | 'error';
  code: ErrorCode;
  /** The latest message posted under this code. */
  message: string;
  /** When it was last posted. */
  at: number;
  /** How many times a notice with this code was posted since it was last dismissed (absent: once). */
  count?: number;
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
  /** Waiting runs, next first. Always sent by the core; optional so hand-made snapshots need not list it. */
  queue?: QueuedRunView[];
  notices: NoticeView[];
  preferences: PreferencesView;
  selfTest: SelfTestView;
  /** Patient-data settings the machine policy forces; absent when it forces none. */
  patientDataPolicy?: PatientDataPolicyView;
  today: TodaySummaryView;
  /** What needs a human now, most urgent first. */
  attention: AttentionItemView[];
  presence: PresenceView;
}
