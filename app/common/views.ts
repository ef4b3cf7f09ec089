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
import type { AttentionItemView, PresenceView } from './attention-views.js';
import type { CompanyView, ProfileView, SessionCompanyView } from './profile-views.js';
import type { HostView, PreferencesView, SelfTestView } from './host-views.js';
import type { PreflightView } from './connection-test-views.js';

export type * from './audit-views.js';
export type * from './worker-views.js';
export type * from './log-views.js';
export type * from './artifact-views.js';
export type * from './today-views.js';
export type * from './attention-views.js';
export type * from './profile-views.js';
export type * from './host-views.js';
export type * from './connection-test-views.js';
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
  /** HCSS partner profiles with a person signed in: the companies that person may use. */
  companies?: SessionCompanyView[];
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
export type SupervisorWaitReason = 'approval' | 'presence' | 'answer' | 'company';

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
  /**
   * A failed run: the last line its bot wrote to its error output that can say why (not a stack
   * frame), redacted as its log is. Log content, so retention deletes it with the log.
   */
  lastError?: string;
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
  /** Fleet mode: the worker pool the run was sent to (docs/fleet.md). */
  pool?: string;
  /** Fleet mode: the approved worker that runs it, by the name given at approval. */
  worker?: { id: string; name: string };
}

/** Where a page of run history ends: `listRuns` with it as `before` answers the runs older than this one. */
export interface RunCursor {
  startedAt: number;
  id: string;
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
  /** HCSS partner profiles: the company the bot acts for (manifest `company`). */
  company?: string;
  tokenDelivery: 'broker' | 'env';
  expectedDurationMs?: number;
  /** Each run waits for the supervisor's approval before it gets a token (manifest or policy). */
  requiresApproval?: boolean;
  /** Why Start is disabled right now, or undefined when a run may start. */
  startBlockedReason?: ErrorView;
  /**
   * Its manifest left the bots folder while a run of it was live: listed, unable to start
   * (`bot_removed_from_folder`), until its live runs end.
   */
  removedFromFolder?: boolean;
  lastRun?: RunView;
  /** Where its runs wait in the queue by default (manifest `priority`). */
  priority?: RunPriority;
  /** Uses the screen: one exclusive run at a time across all bots (manifest `exclusive`). */
  exclusive?: boolean;
  /** Its schedule, from the manifest or the settings, with the next and the last firing. */
  schedule?: ScheduleView;
  /** Fleet mode: its runs go to a worker of this pool (manifest `pool`, or the bot's setting). */
  pool?: string;
  /** Fleet mode: the manifest's pool, shown beside the setting that may override it. */
  manifestPool?: string;
  /** Fleet mode: set in Settings → Workers: a pool, or null for this computer; absent follows the manifest. */
  poolSetting?: string | null;
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
  /** Why it waits: every slot is taken, a bot that uses the screen is running, or (fleet mode) no worker has taken it yet. */
  waitingFor: 'slot' | 'exclusive' | 'worker' | 'approval';
  /** Fleet mode: the worker pool it waits for. */
  pool?: string;
  /**
   * Fleet mode, waiting for a worker: no approved worker (in Settings or the policy) takes its
   * pool, so none will take the run until one is approved or the bot runs elsewhere.
   */
  noWorkerForPool?: boolean;
  /** Fleet mode, waiting for a worker: its pool's approved workers are none of them up (no heartbeat). */
  workersDown?: { workerNames: string[]; lastHeardAt?: number };
  /** The operator moved it: its place no longer follows its priority. */
  moved?: 'forward' | 'back';
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
  /** `connectedCompany`: an HCSS company connected for `user`; with `userStays`, the sign-in only proved its consent. */
  | { kind: 'signedIn'; profileId: string; profileName: string; user?: UserView; company?: string; connectedCompany?: string; userStays?: boolean }
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
