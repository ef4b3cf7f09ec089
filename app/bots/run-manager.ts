import { join } from 'node:path';
import type { BotView, Disposable, LogBatch, LogPage, QueuedRunView, RunView } from '../common/contract.js';
import type { RunPriority } from '../common/run-priority.js';
import { toErrorView } from '../common/error-view.js';
import type { RedactionSettings } from '../common/patient-data.js';
import { ListenerSet } from '../common/listener-set.js';
import type { TokenBroker } from '../broker/token-broker.js';
import { supervisorError } from '../error-catalogue.js';
import type { SupervisorError } from '../errors.js';
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { BotManifest } from './bot-manifest.js';
import { LocalRunQueue } from './local-run-queue.js';
import { OrphanReaper } from './orphan-reaper.js';
import { recoverInterruptedRuns } from './recover-interrupted-runs.js';
import { Redactor } from './redactor.js';
import { RunEnvironment, type ValueSource } from './run-environment.js';
import { RunHistory, type StoredRun } from './run-history.js';
import { RunLauncher } from './run-launcher.js';
import { RunLifecycle } from './run-lifecycle.js';
import type { RunLogLimits } from './run-log.js';
import { deleteRunLogFiles, RunLogs } from './run-logs.js';
import type { RunQueue } from './run-queue.js';
import { runView, type EndIntent, type Run, type RunEvent } from './run-record.js';
import { RunRedactions } from './run-redactions.js';
import { RunStartPolicy } from './run-start-policy.js';
import { RunSupervisor, type RunSupervisionDeps } from './run-supervisor.js';
import type { SessionAccess } from './session-access.js';

export interface RunManagerDeps {
  sessions: SessionAccess;
  broker: Pick<TokenBroker, 'url' | 'registerRun' | 'revokeRun'>;
  clock: Clock;
  logger: Logger;
  /** Run history (`runs.json`) and run logs (`logs/<runId>.log`) live here. */
  dataDir: string;
  /** Runs executing at once across all bots; further starts wait as `queued`. Default 8. */
  maxConcurrentRuns?: number;
  /** How many runs may wait in the queue. Default 50. */
  maxQueuedRuns?: number;
  /**
   * The queue engine. Default: a LocalRunQueue with the two limits above, which are then the
   * given queue's own business.
   */
  queue?: RunQueue;
  /** Shared with the host's logger so a token is redacted everywhere it is known. */
  redactor?: Redactor;
  /** Added to every run's environment, e.g. `{ RPA_SANDBOX_API_URL }`. Read at each start. */
  envVars?: ValueSource;
  /** Values for `${name}` placeholders in manifest env, e.g. `{ 'sandbox.apiBaseUrl': … }`. Read at each start. */
  placeholders?: ValueSource;
  /** Display name of a profile, for messages; defaults to the profile id. */
  profileName?: (profileId: string) => string | undefined;
  /**
   * Whether anybody wants a run's live lines. Lines of runs nobody follows are not batched: the
   * ring buffer and the file hold them for `readLog`. Default: every run is followed.
   */
  isLogFollowed?: (runId: string) => boolean;
  /** SIGTERM-to-SIGKILL grace when stopping a run. Default 5 s. */
  stopGraceMs?: number;
  logLimits?: Partial<RunLogLimits> & { fileMaxBytes?: number };
  /** The environment bots inherit allow-listed variables from. Default `process.env`. */
  parentEnv?: NodeJS.ProcessEnv;
  /**
   * The Node.js binary a manifest's `node` command runs. Default `process.execPath`, which is right
   * in plain Node (the browser host, tests). Electron must pass a real Node: its own binary only
   * acts as Node through ELECTRON_RUN_AS_NODE, which the packaged app disables (RunAsNode fuse).
   */
  nodeExecutable?: string;
  /** Which patient identifiers a profile's runs have redacted (the profile with the policy applied). Default: the defaults. */
  redactionFor?: (profileId: string) => RedactionSettings;
  /** The machine policy's `bots.allowEnvTokenDelivery`: false refuses bots that want their token in env. Default true. */
  allowEnvTokenDelivery?: boolean;
  /**
   * The playwright-core the app ships, outside any asar archive (RPA_PLAYWRIGHT_CORE for bots), so
   * Playwright bots need nothing installed beside them. Unset: bots resolve `playwright-core` themselves.
   */
  playwrightCoreDir?: string;
  /** Pause, safe stop, approvals and questions (app/supervision/); absent: runs only run and stop. */
  supervision?: RunSupervisionDeps;
}

/**
 * The runs facade the composition root and the commands use. It composes the parts, each with
 * one job: RunStartPolicy (may this bot start?), a RunQueue (when), RunLauncher (environment and
 * process), RunControl inside RunLifecycle (phases, time limit, stop, end), RunLogs (capture,
 * pages, files), RunRedactions (what to redact) and RunHistory (runs.json, crash recovery).
 */
export class RunManager {
  readonly #bots = new Map<string, BotManifest>();
  readonly #history: RunHistory;
  readonly #logs: RunLogs;
  readonly #redactions: RunRedactions;
  readonly #policy: RunStartPolicy;
  readonly #queue: RunQueue;
  /** Kills live runs' trees if this process dies without dispose() (S38); spawned at the first launch. */
  readonly #reaper: OrphanReaper;
  readonly #lifecycle: RunLifecycle;
  readonly #changes: ListenerSet<void>;
  readonly #interruptedAtStart: RunView[];
  readonly #logsDir: string;
  readonly #artifactsDir: string;
  readonly #supervisor: RunSupervisor | undefined;
  #disposing = false;

  constructor(deps: RunManagerDeps) {
    const { sessions, clock, logger } = deps;
    const onListenerError = (error: unknown) => logger.error('A run listener failed', { error: String(error) });
    const logsDir = join(deps.dataDir, 'logs');
    this.#logsDir = logsDir;
    this.#artifactsDir = join(deps.dataDir, 'artifacts');
    const redactor = deps.redactor ?? new Redactor();
    const nodeExecutable = deps.nodeExecutable ?? process.execPath;
    this.#changes = new ListenerSet(onListenerError);
    this.#history = new RunHistory({ path: join(deps.dataDir, 'runs.json'), logger, onPrune: (runIds) => deleteRunLogFiles(logsDir, runIds) });
    this.#logs = new RunLogs({ logsDir, clock, logger, redactor, limits: deps.logLimits, isLogFollowed: deps.isLogFollowed ?? (() => true), history: this.#history, onListenerError, redactionFor: deps.redactionFor });
    this.#interruptedAtStart = recoverInterruptedRuns(this.#history, logger);
    this.#reaper = new OrphanReaper({ nodeExecutable, logger, ...(deps.parentEnv ? { parentEnv: deps.parentEnv } : {}) });
    this.#redactions = new RunRedactions({ redactor, sessions });
    this.#policy = new RunStartPolicy({ sessions, clock, profileName: deps.profileName, allowEnvTokenDelivery: deps.allowEnvTokenDelivery });
    this.#queue = deps.queue ?? new LocalRunQueue({ maxConcurrentRuns: deps.maxConcurrentRuns, maxQueuedRuns: deps.maxQueuedRuns, onListenerError });
    const environment = new RunEnvironment({
      sessions,
      broker: deps.broker,
      redactions: this.#redactions,
      parentEnv: deps.parentEnv,
      envVars: deps.envVars,
      placeholders: deps.placeholders,
      allowEnvTokenDelivery: deps.allowEnvTokenDelivery,
      playwrightCoreDir: deps.playwrightCoreDir,
    });
    this.#lifecycle = new RunLifecycle({
      clock,
      logger,
      history: this.#history,
      logs: this.#logs,
      redactions: this.#redactions,
      queue: this.#queue,
      launcher: new RunLauncher({ sessions, policy: this.#policy, environment, logs: this.#logs, reaper: this.#reaper, clock, nodeExecutable }),
      broker: deps.broker,
      reaper: this.#reaper,
      stopGraceMs: deps.stopGraceMs ?? 5000,
      changed: () => this.#changes.emit(),
      onListenerError,
      endAtExit: (run) => this.#supervisor?.endAtExit(run),
    });
    this.#supervisor = deps.supervision ? new RunSupervisor({ ...deps.supervision, clock, lifecycle: this.#lifecycle, profileName: deps.profileName }) : undefined;
  }

  setBots(manifests: BotManifest[]): void {
    this.#bots.clear();
    for (const manifest of manifests) this.#bots.set(manifest.id, manifest);
    this.#changes.emit();
  }

  listBots(): BotView[] {
    return [...this.#bots.values()].map((bot) => {
      const blocked = this.#startBlocker(bot);
      const lastRun = this.#history.views({ botId: bot.id, limit: 1 })[0];
      return {
        id: bot.id,
        name: bot.name,
        description: bot.description,
        profileId: bot.profileId,
        tokenDelivery: bot.tokenDelivery,
        ...(bot.expectedDurationMs === undefined ? {} : { expectedDurationMs: bot.expectedDurationMs }),
        priority: bot.priority ?? 'normal',
        exclusive: bot.exclusive === true,
        ...(this.#supervisor?.needsApproval(bot) ? { requiresApproval: true } : {}),
        ...(blocked ? { startBlockedReason: toErrorView(blocked, 'internal_error') } : {}),
        ...(lastRun ? { lastRun } : {}),
      };
    });
  }

  /**
   * Starts a run, or queues it when `maxConcurrentRuns` are already executing. Throws a
   * SupervisorError (not_signed_in, session_expired, run_would_outlast_token, bot_already_running…)
   * when policy forbids it. A command that cannot be executed is not thrown: it becomes a
   * `failed` run with the reason, so the operator sees it in the run list.
   */
  async start(botId: string, options: { priority?: RunPriority } = {}): Promise<RunView> {
    if (this.#disposing) throw supervisorError('supervisor_shutting_down');
    const bot = this.#bots.get(botId);
    if (!bot) throw supervisorError('unknown_bot', botId);
    const blocked = this.#startBlocker(bot);
    if (blocked) throw blocked;
    return this.#lifecycle.start(bot, options);
  }

  /** The bot's manifest, for the scheduler. */
  bot(botId: string): BotManifest | undefined {
    return this.#bots.get(botId);
  }

  /** Every bot's manifest, for the scheduler. */
  bots(): BotManifest[] {
    return [...this.#bots.values()];
  }

  /** Runs waiting in the queue, next first, with why each waits. */
  queued(): QueuedRunView[] {
    return this.#queue.waiting().map((ticket) => ({
      runId: ticket.runId,
      botId: ticket.botId,
      botName: this.#lifecycle.get(ticket.runId)?.bot.name ?? this.#bots.get(ticket.botId)?.name ?? ticket.botId,
      profileId: ticket.profileId,
      priority: ticket.priority,
      exclusive: ticket.exclusive,
      enqueuedAt: ticket.enqueuedAt,
      waitingFor: ticket.waitingFor,
      ...(ticket.moved ? { moved: ticket.moved } : {}),
    }));
  }

  /** Puts a waiting run at `index` of the queue. Throws `run_not_queued` once it has started or ended. */
  moveQueued(runId: string, index: number): void {
    if (!this.#queue.move(runId, index)) throw supervisorError('run_not_queued');
    this.#changes.emit();
  }

  /** Takes a waiting run out of the queue (it ends `cancelled`). Throws `run_not_queued` once it has started or ended. */
  cancelQueued(runId: string, reason = 'Cancelled by the operator while it waited in the queue.'): void {
    if (!this.#lifecycle.cancelQueued(runId, reason)) throw supervisorError('run_not_queued');
  }

  /** Graceful stop (SIGTERM, then SIGKILL after the grace period); the run ends `cancelled`. */
  async stop(runId: string, reason = 'Stopped by the operator.'): Promise<void> {
    const run = this.#lifecycle.get(runId);
    if (!run) {
      if (this.#history.get(runId)) return;
      throw supervisorError('unknown_run', runId);
    }
    await this.#lifecycle.end(run, { status: 'cancelled', reason });
  }

  async stopAll(reason = 'Stopped by the operator (stop all).'): Promise<void> {
    await this.#endWhere(() => true, { status: 'cancelled', reason });
  }

  /** The profile's session ended, or its supervisor left, and policy says stop: its runs end `halted`. */
  async haltProfile(profileId: string, reason: string, haltedBy?: EndIntent['haltedBy']): Promise<void> {
    await this.#endWhere((run) => run.bot.profileId === profileId, { status: 'halted', reason, ...(haltedBy ? { haltedBy } : {}) });
  }

  /** Pause, resume and "stop at next safe point" (docs/bots.md, "Pause"). */
  get supervisor(): RunSupervisor {
    if (!this.#supervisor) throw supervisorError('internal_error');
    return this.#supervisor;
  }

  /** Newest first; live runs with a process carry their controls. */
  listRuns(filter: { botId?: string; limit?: number } = {}): RunView[] {
    // A live run's redaction counts grow between phase changes; its stored view lags behind.
    const views = this.#history.views(filter).map((view) => {
      const live = this.#lifecycle.get(view.id);
      return live ? runView(live) : view;
    });
    return this.#supervisor ? views.map((view) => this.#supervisor?.withControl(view) ?? view) : views;
  }

  /** A page of a run's log; without `fromSeq`, the newest `limit` lines. */
  readLog(runId: string, fromSeq?: number, limit = 500): LogPage {
    return this.#logs.page(runId, fromSeq, limit);
  }

  /** The run's whole log as its files hold it; see RunLogs.export. */
  async exportLog(runId: string): Promise<{ fileName: string; text: string }> {
    return this.#logs.export(runId);
  }

  onDidChange(listener: () => void): Disposable {
    return this.#changes.add(listener);
  }

  /** A run's process started, or a run ended (whatever the reason, including never starting). */
  onDidRunEvent(listener: (event: RunEvent) => void): Disposable {
    return this.#lifecycle.onDidRunEvent(listener);
  }

  /** Live lines, batched per run and flushed at most every 50 ms. */
  onDidLog(listener: (batch: LogBatch) => void): Disposable {
    return this.#logs.onDidLog(listener);
  }

  /** Runs the previous instance left live, now `interrupted` (found when this one started). */
  get interruptedAtStart(): readonly RunView[] {
    return this.#interruptedAtStart;
  }

  /** A run's current view, live or from history. */
  getRun(runId: string): RunView | undefined {
    const live = this.#lifecycle.get(runId);
    const view = live ? runView(live) : this.#history.view(runId);
    return view && this.#supervisor ? this.#supervisor.withControl(view) : view;
  }

  /** Where run logs (`<runId>.log`) and the diagnostic log live. */
  get logsDir(): string {
    return this.#logsDir;
  }

  /** Where each run's artifacts live, one folder per run. */
  get artifactsDir(): string {
    return this.#artifactsDir;
  }

  /** Every run in the history, oldest first, with its end time: what retention looks at. */
  storedRuns(): readonly StoredRun[] {
    return this.#history.all();
  }

  /** Whether the run is queued, starting, running or stopping in this instance. */
  isLive(runId: string): boolean {
    return this.#lifecycle.get(runId) !== undefined || this.#logs.isLive(runId);
  }

  /**
   * Retention deleted these runs' files: their history entries keep the summary and say when,
   * and nothing of their logs stays in memory. Live runs are never touched (S68).
   */
  markLogsDeleted(runIds: readonly string[], at: number): void {
    const updated: StoredRun[] = [];
    for (const runId of runIds) {
      const stored = this.#history.get(runId);
      if (!stored || this.isLive(runId)) continue;
      this.#logs.forget(runId);
      updated.push({ ...stored, logDeletedAt: at });
    }
    this.#history.upsertMany(updated);
    if (updated.length > 0) this.#changes.emit();
  }

  /** Applies a new global limit at once: a raise starts queued runs; a cut lets live runs finish. */
  setMaxConcurrentRuns(limit: number): void {
    this.#queue.setMaxConcurrentRuns(limit);
    this.#changes.emit();
  }

  /** Stops every run (`halted`), waits for the processes to go, and closes files. */
  async dispose(): Promise<void> {
    if (this.#disposing) return;
    this.#disposing = true;
    this.#queue.close();
    await this.#endWhere(() => true, { status: 'halted', reason: 'RPA Supervisor closed.', haltedBy: 'shutdown' });
    this.#reaper.close();
    this.#redactions.dispose();
    await this.#logs.dispose();
    this.#lifecycle.dispose();
    this.#supervisor?.dispose();
    this.#changes.clear();
  }

  #startBlocker(bot: BotManifest): SupervisorError | undefined {
    return this.#policy.blocker(bot, this.#lifecycle.countForBot(bot.id));
  }

  async #endWhere(predicate: (run: Run) => boolean, intent: EndIntent): Promise<void> {
    await Promise.all(this.#lifecycle.live().filter(predicate).map((run) => this.#lifecycle.end(run, intent)));
  }
}

