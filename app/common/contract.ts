/**
 * The one typed contract between the privileged side (core + host) and the renderer: commands,
 * events, the envelopes that carry them and the IPC channel names. The views the commands and
 * events carry are in views.ts, re-exported here so there is one place to import the contract from.
 *
 * Shared by the Electron main process, the preload, the browser host and the renderer, so it stays
 * free of Node and DOM types, and of zod: the sandboxed preload and the renderer import values from
 * it (app/common/ is the only part of app/ they may import values from).
 */
import type { ArtifactContent, ArtifactList, ErrorView, LogBatch, LogPage, RunCursor, RunView, SupervisorState, ProfileView, ImportResult, AuditPage, AuditListOptions, AuditVerification, PreferencesView, LinkResult, ConnectionTestView, AuditStatusView, RunPriority, QuestionAnswer, WorkerRemovalView, WorkersView } from './views.js';

export type * from './views.js';

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
  /** `priority` overrides the manifest's for this run only. */
  startRun: { botId: string; priority?: RunPriority };
  stopRun: { runId: string };
  stopAll: { signOut?: boolean };
  /** Newest first, `limit` (1–1000, default 100) at a time; `before`: older runs, through the archive. */
  listRuns: { botId?: string; limit?: number; before?: RunCursor };
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
  /**
   * The profile is validated field by field in the core (app/config/profile.ts). `create` refuses
   * an id that is taken instead of replacing that profile; `asDraft` lets it be saved without a
   * client id (a draft cannot sign in until one is added).
   */
  saveProfile: { profile: Record<string, unknown>; clientSecret?: string; create?: boolean; asDraft?: boolean };
  deleteProfile: { profileId: string };
  importProfiles: { json: string };
  connectCompany: { profileId: string };
  removeCompany: { profileId: string; companyId: string };
  listAudit: AuditListOptions;
  /** `checkpoint`: the text of a checkpoint file an auditor kept (from an export). */
  verifyAudit: { checkpoint?: string };
  exportAudit: Record<string, never>;
  auditStatus: Record<string, never>;
  /** null switches forwarding off; refused while the machine policy sets it. */
  saveAuditForwarding: { target: { host: string; port: number; tls: boolean; ca?: string } | null };
  savePreferences: {
    botsDir?: string;
    maxConcurrentRuns?: number;
    launchAtLogin?: boolean;
    wizardCompleted?: boolean;
    browserPath?: string;
    /** Electron only; accelerators are checked (`hotkey_invalid`, per field). */
    hotkeys?: { enabled: boolean; stopAll: string; pauseAll: string };
  };
  startSelfTest: Record<string, never>;
  /** The files a run's bot attached (`attach` in the SDK), oldest first. */
  listArtifacts: { runId: string };
  /** One attached file's content as base64, for a preview or a download (at most 8 MB). */
  readArtifact: { runId: string; artifactId: string };
  /**
   * A link the browser could not hand to the app (an app link in a plain browser), pasted by the
   * user. The core parses it once, like any deep link, with the same checks (S4, S5, S7, S8).
   */
  openPastedLink: { url: string };
  /** Opens the waiting sign-in's page in the system browser (after a refused pre-flight, S55). */
  openSignInPage: { profileId: string };
  /** Settings' "Test connection": discovery and the authorization pre-flight, nothing stored. */
  testConnection: { profileId: string };
  /** Clears every notice at once ("Dismiss all"). */
  dismissAllNotices: Record<string, never>;
  /** Puts a waiting run at `index` of the queue (0 = next); `run_not_queued` once it has left it. */
  moveQueuedRun: { runId: string; index: number };
  /** Takes a waiting run out of the queue (it ends `cancelled`, audited); `run_not_queued` once it has left it. */
  cancelQueuedRun: { runId: string };
  /**
   * Sets a bot's schedule for its profile in the app (a cron pattern of its own, or the
   * manifest's, on or off); null removes the setting so the manifest's applies again.
   */
  setBotSchedule: { botId: string; schedule: { cron?: string; enabled: boolean } | null };
  /**
   * Pauses a live run: SDK bots hold at their next `checkpoint()`, other bots are stopped by a
   * signal to their process group (Linux, macOS). Refused where neither works (`pause_unavailable`).
   */
  pauseRun: { runId: string };
  resumeRun: { runId: string };
  /** Asks an SDK bot to stop at its next `checkpoint()`, which then throws `StopRequestedError`. */
  stopRunAtSafePoint: { runId: string };
  /** Only the page can answer: the answer is recorded with the signed-in human of the run's profile. */
  answerQuestion: { questionId: string; answer: QuestionAnswer };
  approveRun: { runId: string };
  refuseRun: { runId: string };
  /** "Still supervising?": the human at the page says they are there. */
  attestPresence: Record<string, never>;
  /**
   * Browser host: the page says the person used it (`activity`) or it was shown or hidden. The
   * Electron shell reads presence from the operating system and ignores these.
   */
  reportPresence: { activity?: true; visible?: boolean };
  /** Marks attention items as seen: they stop counting in the title, the tray and notifications. */
  acknowledgeAttention: { itemIds: string[] };
  /** Settings → Workers (fleet mode): enrolments waiting for approval and the approved workers. */
  listWorkers: Record<string, never>;
  /** Approves the enrolment whose fingerprint the admin compared, under a name and pools (audited). */
  approveWorker: { fingerprint: string; name: string; pools: string[] };
  /** Removes an approved worker: its claims are refused at once, its live leases revoked as soon as Redis answers (audited). */
  removeWorker: { workerId: string };
  /** Where a bot's runs go (fleet mode): a pool, null for this computer, absent to follow its manifest (audited). */
  setBotPool: { botId: string; pool?: string | null };
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
  'auditStatus',
  'saveAuditForwarding',
  'savePreferences',
  'startSelfTest',
  'listArtifacts',
  'readArtifact',
  'openPastedLink',
  'openSignInPage',
  'testConnection',
  'dismissAllNotices',
  'moveQueuedRun',
  'cancelQueuedRun',
  'setBotSchedule',
  'pauseRun',
  'resumeRun',
  'stopRunAtSafePoint',
  'answerQuestion',
  'approveRun',
  'refuseRun',
  'attestPresence',
  'reportPresence',
  'acknowledgeAttention',
  'listWorkers',
  'approveWorker',
  'removeWorker',
  'setBotPool',
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
  /** The CSV and, beside it, a signed checkpoint of the trail's end for the auditor to keep. */
  exportAudit: { fileName: string; csv: string; checkpoint: { fileName: string; json: string } };
  auditStatus: AuditStatusView;
  saveAuditForwarding: AuditStatusView;
  savePreferences: PreferencesView;
  startSelfTest: { url: string };
  listArtifacts: ArtifactList;
  readArtifact: ArtifactContent;
  openPastedLink: LinkResult;
  openSignInPage: void;
  testConnection: ConnectionTestView;
  dismissAllNotices: void;
  moveQueuedRun: void;
  cancelQueuedRun: void;
  setBotSchedule: void;
  pauseRun: void;
  resumeRun: void;
  stopRunAtSafePoint: void;
  answerQuestion: void;
  approveRun: void;
  refuseRun: void;
  attestPresence: void;
  reportPresence: void;
  acknowledgeAttention: void;
  listWorkers: WorkersView;
  approveWorker: WorkersView;
  removeWorker: WorkerRemovalView;
  setBotPool: void;
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
  /**
   * Electron: the person clicked the OS notification of this attention item; the window brings
   * it into view (the browser host's in-page notifications do that in the page itself).
   */
  focusAttention: { itemId: string };
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

export const eventNames = ['state', 'log', 'openExternal', 'focusAttention'] as const satisfies readonly EventName[];

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
