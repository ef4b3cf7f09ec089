/**
 * The one typed contract between the privileged side (core + host) and the renderer.
 *
 * It is shared by the Electron main process, the preload, the browser host and the renderer, so it
 * must stay free of Node and DOM types, and of zod: the sandboxed preload and the renderer import
 * values from it (app/common/ is the only part of app/ they may import values from). Views carry status, user, company, scopes and `expiresAt`,
 * never a token: the renderer is untrusted with respect to secrets (S45).
 */
// ---------------------------------------------------------------------------------------------
// Views (privileged side -> renderer). Plain data, no tokens.
// ---------------------------------------------------------------------------------------------

export type SessionStatus =
  | 'signedOut'
  | 'waitingForBrowser'
  | 'exchanging'
  | 'active'
  | 'expiring'
  | 'expired'
  | 'error';

export interface ErrorView {
  /** Stable machine code, e.g. `state_mismatch`. */
  code: string;
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
  code: string;
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

// ---------------------------------------------------------------------------------------------
// Commands (renderer -> privileged side). Every input is validated on entry by the zod schemas in
// app/transport/command-schemas.ts, which are checked at compile time against these types.
// ---------------------------------------------------------------------------------------------

/** What each command takes. */
export interface CommandInputs {
  getState: Record<string, never>;
  signIn: { profileId: string; prompt?: 'login' };
  cancelSignIn: { profileId: string };
  signOut: { profileId: string };
  startRun: { botId: string };
  stopRun: { runId: string };
  stopAll: { signOut?: boolean };
  listRuns: { botId?: string; limit?: number };
  readLog: { runId: string; fromSeq?: number; limit?: number };
  /**
   * A run's whole log from its files, for a download: every line, including those the ring
   * buffer (and so `readLog`) no longer holds. Bounded (`log_too_large`).
   */
  exportRunLog: { runId: string };
  /**
   * The runs whose live `log` events this connection wants (the log views on screen). A window or
   * page follows none until it asks; the list replaces the previous one, and [] stops them.
   */
  followLogs: { runIds: string[] };
  dismissNotice: { noticeId: string };
  /** The profile is validated field by field in the core (app/config/profile.ts). */
  saveProfile: { profile: Record<string, unknown>; clientSecret?: string };
  deleteProfile: { profileId: string };
  importProfiles: { json: string };
  connectCompany: { profileId: string };
  removeCompany: { profileId: string; companyId: string };
  listAudit: { beforeSeq?: number; limit?: number };
  verifyAudit: Record<string, never>;
  exportAudit: Record<string, never>;
  savePreferences: { botsDir?: string; maxConcurrentRuns?: number; launchAtLogin?: boolean; wizardCompleted?: boolean };
  startSelfTest: Record<string, never>;
}

export type CommandName = keyof CommandInputs;
export type CommandInput<K extends CommandName> = CommandInputs[K];

/**
 * Every command, in one list that the preload, the transports and the dispatcher derive from. The
 * `satisfies` check below fails to compile when a command is added to `CommandInputs` only.
 */
export const commandNames = [
  'getState',
  'signIn',
  'cancelSignIn',
  'signOut',
  'startRun',
  'stopRun',
  'stopAll',
  'listRuns',
  'readLog',
  'exportRunLog',
  'followLogs',
  'dismissNotice',
  'saveProfile',
  'deleteProfile',
  'importProfiles',
  'connectCompany',
  'removeCompany',
  'listAudit',
  'verifyAudit',
  'exportAudit',
  'savePreferences',
  'startSelfTest',
] as const satisfies readonly CommandName[];

type MissingCommands = Exclude<CommandName, (typeof commandNames)[number]>;
/** Compile-time proof that `commandNames` lists every command. */
export const everyCommandListed: [MissingCommands] extends [never] ? true : MissingCommands = true;

export interface SignInStarted {
  profileId: string;
  authorizationUrl: string;
}

/** What each command resolves to. */
export interface CommandOutputs {
  getState: SupervisorState;
  signIn: SignInStarted;
  cancelSignIn: void;
  signOut: void;
  startRun: RunView;
  stopRun: void;
  stopAll: void;
  listRuns: RunView[];
  readLog: LogPage;
  /** `text` is the log file format, one line each: `ISO-time stream #seq text`. */
  exportRunLog: { fileName: string; text: string };
  followLogs: void;
  dismissNotice: void;
  saveProfile: ProfileView;
  deleteProfile: void;
  importProfiles: ImportResult;
  connectCompany: SignInStarted;
  removeCompany: void;
  listAudit: AuditPage;
  verifyAudit: AuditVerification;
  exportAudit: { fileName: string; csv: string };
  savePreferences: PreferencesView;
  startSelfTest: { url: string };
}

// ---------------------------------------------------------------------------------------------
// Events (privileged side -> renderer).
// ---------------------------------------------------------------------------------------------

export interface SupervisorEvents {
  /** A full snapshot; sent on connect and after every change (coalesced). */
  state: SupervisorState;
  /** Log lines of the runs this connection follows (`followLogs`), batched per run, at most every 50 ms. */
  log: LogBatch;
  /**
   * Browser host only: the page should open this URL in a new tab, which stands in for the
   * system browser. The Electron shell opens URLs itself and never sends it.
   */
  openExternal: { url: string };
}

export type EventName = keyof SupervisorEvents;

export interface Disposable {
  dispose(): void;
}

/** What the renderer sees as `window.supervisor` (Electron) or over the WebSocket (browser host). */
export interface SupervisorApi {
  invoke<K extends CommandName>(command: K, input: CommandInput<K>): Promise<CommandOutputs[K]>;
  on<E extends EventName>(event: E, listener: (payload: SupervisorEvents[E]) => void): Disposable;
}

export const eventNames = ['state', 'log', 'openExternal'] as const satisfies readonly EventName[];

/** A request from a window or page; `input` is validated against the command's schema on entry. */
export interface RequestEnvelope {
  kind: 'invoke';
  requestId: number;
  command: CommandName;
  input: unknown;
}

export type ResponseEnvelope =
  | { kind: 'result'; requestId: number; ok: true; value: unknown }
  | { kind: 'result'; requestId: number; ok: false; error: ErrorView };

export interface EventEnvelope<E extends EventName = EventName> {
  kind: 'event';
  event: E;
  payload: SupervisorEvents[E];
}

/** Electron IPC channel names: one invoke channel, one event channel per event. */
export const ipcChannels = {
  invoke: 'supervisor:invoke',
  event: (name: EventName) => `supervisor:event:${name}`,
} as const;
