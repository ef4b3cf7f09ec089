import { join } from 'node:path';
import type { BotView, Disposable, LogBatch, LogPage, QueuedRunView, RunCursor, RunView } from '../common/contract.js';
import type { RunPriority } from '../common/run-priority.js';
import { ListenerSet } from '../common/listener-set.js';
import { supervisorError } from '../error-catalogue.js';
import type { SupervisorError } from '../errors.js';
import type { BotManifest } from './bot-manifest.js';
import { BotRoster } from './bot-roster.js';
import { botView, queuedRunView } from './bot-view.js';
import { LocalRunQueue } from './local-run-queue.js';
import type { RunManagerDeps } from './run-manager-deps.js';
export type { RunManagerDeps } from './run-manager-deps.js';
import { OrphanReaper } from './orphan-reaper.js';
import { openRunLiveness, type LivenessHeartbeat } from './liveness-heartbeat.js';
import { recoverInterruptedRuns } from './recover-interrupted-runs.js';
import { Redactor } from './redactor.js';
import { RunEnvironment } from './run-environment.js';
import { markLogsDeleted } from './mark-logs-deleted.js';
import { RunHistory, withoutPid, type StoredRun } from './run-history.js';
import { RunLauncher } from './run-launcher.js';
import { RunLifecycle } from './run-lifecycle.js';
import { RunLogs } from './run-logs.js';
import type { RunQueue } from './run-queue.js';
import { runView, type EndIntent, type Run, type RunEvent } from './run-record.js';
import { RunRedactions } from './run-redactions.js';
import { RunStartPolicy } from './run-start-policy.js';
import { RunSupervisor } from './run-supervisor.js';

/**
 * The runs facade the composition root and the commands use. It composes the parts, each with
 * one job: RunStartPolicy (may this bot start?), a RunQueue (when), RunLauncher (environment and
 * process), RunControl inside RunLifecycle (phases, time limit, stop, end), RunLogs (capture,
 * pages, files), RunRedactions (what to redact) and RunHistory (runs.json, crash recovery).
 */
export class RunManager {
  readonly #roster = new BotRoster((botId) => this.#lifecycle.countForBot(botId));
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
  /** Where run logs (`<runId>.log`) and the diagnostic log live. */
  readonly logsDir: string;
  /** Where each run's artifacts live, one folder per run. */
  readonly artifactsDir: string;
  readonly #supervisor: RunSupervisor | undefined;
  /** Lets the next start tell how long runs ran if this instance dies (interrupted runs' duration). */
  readonly #heartbeat: LivenessHeartbeat;
  #disposing = false;

  constructor(deps: RunManagerDeps) {
    const { sessions, clock, logger } = deps;
    const onListenerError = (error: unknown) => logger.error('A run listener failed', { error: String(error) });
    const logsDir = join(deps.dataDir, 'logs');
    this.logsDir = logsDir;
    this.artifactsDir = join(deps.dataDir, 'artifacts');
    const redactor = deps.redactor ?? new Redactor();
    const nodeExecutable = deps.nodeExecutable ?? process.execPath;
    this.#changes = new ListenerSet(onListenerError);
    this.#history = new RunHistory({ path: join(deps.dataDir, 'runs.json'), logger });
    this.#logs = new RunLogs({ logsDir, clock, logger, redactor, limits: deps.logLimits, isLogFollowed: deps.isLogFollowed ?? (() => true), history: { get: (runId) => this.#history.find(runId) }, onListenerError, redactionFor: deps.redactionFor, live: deps.liveLogs });
    const liveness = openRunLiveness({ dataDir: deps.dataDir, logsDir, clock, logger });
    this.#heartbeat = liveness.heartbeat;
    this.#interruptedAtStart = recoverInterruptedRuns(this.#history, logger, liveness.lastAliveAt);
    this.#reaper = new OrphanReaper({ nodeExecutable, logger, ...(deps.parentEnv ? { parentEnv: deps.parentEnv } : {}) });
    this.#redactions = new RunRedactions({ redactor, sessions });
    this.#policy = new RunStartPolicy({ sessions, clock, profileName: deps.profileName, allowEnvTokenDelivery: deps.allowEnvTokenDelivery, profileIds: deps.profileIds });
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
      changed: () => {
        this.#roster.prune();
        this.#heartbeat.setLive(this.#lifecycle.live().length > 0);
        this.#changes.emit();
      },
      onListenerError,
      endAtExit: (run) => this.#supervisor?.endAtExit(run),
    });
    this.#supervisor = deps.supervision ? new RunSupervisor({ ...deps.supervision, clock, lifecycle: this.#lifecycle, profileName: deps.profileName }) : undefined;
  }

  setBots(manifests: BotManifest[]): void {
    this.#roster.set(manifests);
    this.#changes.emit();
  }

  /** Fleet mode: a bot's runs on workers keep its card too when its manifest leaves the folder (BotRoster). */
  countRunsElsewhere(liveRuns: (botId: string) => number): void {
    this.#roster.countRunsElsewhere(liveRuns);
  }

  listBots(): BotView[] {
    return this.#roster.listed().map(({ bot, removed }) =>
      botView(bot, {
        blocked: removed ? this.#roster.removedError(bot) : this.#startBlocker(bot),
        lastRun: this.#history.views({ botId: bot.id, limit: 1 })[0],
        requiresApproval: this.#supervisor?.needsApproval(bot) === true,
        removed,
      }),
    );
  }

  /**
   * Starts a run, or queues it when `maxConcurrentRuns` are already executing. Throws a
   * SupervisorError (not_signed_in, session_expired, run_would_outlast_token, bot_already_running…)
   * when policy forbids it. A command that cannot be executed is not thrown: it becomes a
   * `failed` run with the reason, so the operator sees it in the run list.
   */
  async start(botId: string, options: { priority?: RunPriority } = {}): Promise<RunView> {
    if (this.#disposing) throw supervisorError('supervisor_shutting_down');
    const bot = this.#roster.startable(botId);
    const blocked = this.#startBlocker(bot);
    if (blocked) throw blocked;
    return this.#lifecycle.start(bot, options);
  }

  /** The bot's manifest, for the scheduler. */
  bot(botId: string): BotManifest | undefined {
    return this.#roster.get(botId);
  }

  /** Every bot's manifest, for the scheduler. */
  bots(): BotManifest[] {
    return this.#roster.current();
  }

  /** Runs waiting in the queue, next first, with why each waits. */
  queued(): QueuedRunView[] {
    return this.#queue.waiting().map((ticket) => queuedRunView(ticket, this.#lifecycle.get(ticket.runId)?.bot.name ?? (this.#roster.get(ticket.botId) ?? this.#roster.removed(ticket.botId))?.name ?? ticket.botId));
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
    if (run) await this.#lifecycle.end(run, { status: 'cancelled', reason });
    else if (!this.#history.get(runId)) throw supervisorError('unknown_run', runId);
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

  /** The newest runs of runs.json (not the archive), newest first; live runs with a process carry their controls. */
  listRuns(filter: { botId?: string; limit?: number } = {}): RunView[] {
    return this.#history.views(filter).map((view) => this.#current(view));
  }

  /** A page of the whole history, the archive included, older than `before` (RunHistory.page). */
  async pageRuns(filter: { botId?: string; limit?: number; before?: RunCursor } = {}): Promise<RunView[]> {
    return (await this.#history.page(filter)).map((view) => this.#current(view));
  }

  /** A page of a run's log; without `fromSeq`, the newest `limit` lines. An archived run is looked up first (`findRun`). */
  readLog(runId: string, fromSeq?: number, limit = 500): LogPage {
    return this.#logs.page(runId, fromSeq, limit);
  }

  /** The run's whole log as its files hold it; see RunLogs.export. */
  async exportLog(runId: string): Promise<{ fileName: string; text: string }> {
    await this.#history.lookUp(runId);
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

  /** `getRun`, or else the archive: afterwards `readLog` serves an archived run's log too. */
  async findRun(runId: string): Promise<RunView | undefined> {
    const view = this.getRun(runId) ?? (await this.#history.lookUp(runId));
    return view && this.#current(withoutPid(view));
  }

  /** A run's current view, live or from history. */
  getRun(runId: string): RunView | undefined {
    const view = this.#history.view(runId);
    return view && this.#current(view);
  }

  /** Every run in the history, oldest first, with its end time: what retention looks at. */
  storedRuns(): readonly StoredRun[] {
    return this.#history.all();
  }

  /** Archived runs whose logs are kept, the archive compacted first: what retention looks at too. */
  archivedRuns(at: number): Promise<readonly StoredRun[]> {
    return this.#history.sweepArchive(at);
  }

  /** Whether the run is queued, starting, running or stopping in this instance. */
  isLive(runId: string): boolean {
    return this.#lifecycle.get(runId) !== undefined || this.#logs.isLive(runId);
  }

  /** Retention deleted these runs' files (mark-logs-deleted.ts); live runs are never touched (S68). */
  markLogsDeleted(runIds: readonly string[], at: number): void {
    if (markLogsDeleted(this.#history, this.#logs, runIds, at, (runId) => this.isLive(runId)).length > 0) this.#changes.emit();
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
    this.#heartbeat.dispose();
    this.#supervisor?.dispose();
    this.#changes.clear();
  }

  /** A live run's redaction counts grow between phase changes; its stored view lags behind. Live runs carry their controls. */
  #current(view: RunView): RunView {
    const live = this.#lifecycle.get(view.id);
    const current = live ? runView(live) : view;
    return this.#supervisor?.withControl(current) ?? current;
  }

  #startBlocker(bot: BotManifest): SupervisorError | undefined {
    return this.#policy.blocker(bot, this.#lifecycle.countForBot(bot.id));
  }

  async #endWhere(predicate: (run: Run) => boolean, intent: EndIntent): Promise<void> {
    await Promise.all(this.#lifecycle.live().filter(predicate).map((run) => this.#lifecycle.end(run, intent)));
  }
}

