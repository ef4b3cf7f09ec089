import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { BotView, Disposable, LogBatch, LogPage, RunStatus, RunView } from '../common/contract.js';
import { toErrorView } from '../common/error-view.js';
import { supervisorError } from '../error-catalogue.js';
import type { SupervisorError } from '../errors.js';
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { TokenBroker } from '../broker/token-broker.js';
import { resolveBotCommand, type BotManifest } from './bot-manifest.js';
import { BotProcess, type BotExit } from './bot-process.js';
import { buildChildEnv, interpolateEnv } from './child-env.js';
import { formatDuration } from './format-duration.js';
import { killRunLeftovers } from './kill-process-tree.js';
import { ListenerSet } from '../common/listener-set.js';
import { LogBatcher } from './log-batcher.js';
import { OrphanReaper } from './orphan-reaper.js';
import { readRunLogFiles } from './read-run-log-files.js';
import { Redactor } from './redactor.js';
import { RotatingLogFile } from './rotating-log-file.js';
import { RunHistory } from './run-history.js';
import { LogMemoryBudget } from './log-memory-budget.js';
import { defaultLogMemoryBudgetUnits, defaultRunLogLimits, RunLog, type RunLogLimits } from './run-log.js';
import { assertRunTransition, isLiveRunStatus } from './run-state.js';
import type { SessionAccess, TokenGrant } from './session-access.js';

type ValueSource = Record<string, string> | (() => Record<string, string>);

export interface RunManagerDeps {
  sessions: SessionAccess;
  broker: Pick<TokenBroker, 'url' | 'registerRun' | 'revokeRun'>;
  clock: Clock;
  logger: Logger;
  /** Run history (`runs.json`) and run logs (`logs/<runId>.log`) live here. */
  dataDir: string;
  /** Runs executing at once across all bots; further starts wait as `queued`. Default 8. */
  maxConcurrentRuns?: number;
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
  /** How many runs may wait in the queue. Default 50. */
  maxQueuedRuns?: number;
  logLimits?: Partial<RunLogLimits> & { fileMaxBytes?: number };
  /** The environment bots inherit allow-listed variables from. Default `process.env`. */
  parentEnv?: NodeJS.ProcessEnv;
  /**
   * The Node.js binary a manifest's `node` command runs. Default `process.execPath`, which is right
   * in plain Node (the browser host, tests). Electron must pass a real Node: its own binary only
   * acts as Node through ELECTRON_RUN_AS_NODE, which the packaged app disables (RunAsNode fuse).
   */
  nodeExecutable?: string;
}

/** A run started (its process exists) or ended; for the audit trail. */
export type RunEvent = { type: 'started' | 'ended'; run: RunView; company?: string };

type EndStatus = Extract<RunStatus, 'cancelled' | 'timedOut' | 'halted'>;

interface RunRecord {
  view: RunView;
  bot: BotManifest;
  log: RunLog;
  pid?: number;
  process?: BotProcess;
  /** The session's company when the run started (partner profiles). */
  company?: string;
  /** Why we are ending the run, decided by whoever asked first (a timeout beats a later stop). */
  intent?: { status: EndStatus; reason: string };
  stopping?: boolean;
  timeout?: Disposable;
  cleanups: Disposable[];
  done: Promise<void>;
  resolveDone: () => void;
}

const finishedLogCacheSize = 20;
const maxTokensPerProfile = 8;
/** File backlog beyond which a bot's output is paused until the disk catches up. */
const fileBacklogLimitBytes = 128 * 1024;

/**
 * Starts, watches and stops bot runs. Composes the pieces that each own one concern: policy comes
 * from SessionAccess, secrets from the broker, processes from BotProcess, logs from RunLog and
 * history from RunHistory; this class owns only the run lifecycle that ties them together.
 */
export class RunManager {
  readonly #deps: RunManagerDeps;
  readonly #redactor: Redactor;
  readonly #history: RunHistory;
  readonly #batcher: LogBatcher;
  readonly #logsDir: string;
  readonly #logLimits: RunLogLimits;
  readonly #fileMaxBytes: number;
  #maxConcurrentRuns: number;
  readonly #maxQueuedRuns: number;
  readonly #stopGraceMs: number;
  readonly #bots = new Map<string, BotManifest>();
  readonly #live = new Map<string, RunRecord>();
  readonly #queue: RunRecord[] = [];
  readonly #finishedLogs = new Map<string, RunLog>();
  /** Shared by every run's in-memory ring (live and cached finished ones). */
  readonly #logBudget = new LogMemoryBudget(defaultLogMemoryBudgetUnits);
  readonly #profileTokens = new Map<string, Map<string, Disposable>>();
  readonly #changeListeners: ListenerSet<void>;
  readonly #logListeners: ListenerSet<LogBatch>;
  readonly #runListeners: ListenerSet<RunEvent>;
  readonly #interruptedAtStart: RunView[];
  readonly #sessionSubscription: Disposable;
  readonly #isLogFollowed: (runId: string) => boolean;
  /** Kills live runs' trees if this process dies without dispose() (S38); spawned at the first launch. */
  readonly #reaper: OrphanReaper;
  #disposing = false;

  constructor(deps: RunManagerDeps) {
    this.#deps = deps;
    this.#isLogFollowed = deps.isLogFollowed ?? (() => true);
    this.#redactor = deps.redactor ?? new Redactor();
    this.#logsDir = join(deps.dataDir, 'logs');
    this.#logLimits = { ...defaultRunLogLimits, ...deps.logLimits };
    this.#fileMaxBytes = deps.logLimits?.fileMaxBytes ?? 5 * 1024 * 1024;
    this.#maxConcurrentRuns = deps.maxConcurrentRuns ?? 8;
    this.#maxQueuedRuns = deps.maxQueuedRuns ?? 50;
    this.#stopGraceMs = deps.stopGraceMs ?? 5000;
    const reportListenerError = (error: unknown) => deps.logger.error('A run listener failed', { error: String(error) });
    this.#changeListeners = new ListenerSet(reportListenerError);
    this.#logListeners = new ListenerSet(reportListenerError);
    this.#runListeners = new ListenerSet(reportListenerError);
    mkdirSync(this.#logsDir, { recursive: true });
    this.#history = new RunHistory({
      path: join(deps.dataDir, 'runs.json'),
      logger: deps.logger,
      onPrune: (runIds) => this.#deleteLogFiles(runIds),
    });
    this.#batcher = new LogBatcher({ clock: deps.clock, emit: (batch) => this.#logListeners.emit(batch) });
    this.#interruptedAtStart = this.#markInterruptedRuns();
    this.#reaper = new OrphanReaper({ nodeExecutable: this.#nodeExecutable(), logger: deps.logger, ...(deps.parentEnv ? { parentEnv: deps.parentEnv } : {}) });
    this.#sessionSubscription = deps.sessions.onDidChange((profileId) => this.#onSessionChange(profileId));
  }

  setBots(manifests: BotManifest[]): void {
    this.#bots.clear();
    for (const manifest of manifests) this.#bots.set(manifest.id, manifest);
    this.#changed();
  }

  listBots(): BotView[] {
    return [...this.#bots.values()].map((bot) => {
      const blocked = this.#startBlocker(bot);
      const lastRun = this.listRuns({ botId: bot.id, limit: 1 })[0];
      return {
        id: bot.id,
        name: bot.name,
        description: bot.description,
        profileId: bot.profileId,
        tokenDelivery: bot.tokenDelivery,
        ...(bot.expectedDurationMs === undefined ? {} : { expectedDurationMs: bot.expectedDurationMs }),
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
  async start(botId: string): Promise<RunView> {
    if (this.#disposing) throw supervisorError('supervisor_shutting_down');
    const bot = this.#bots.get(botId);
    if (!bot) throw supervisorError('unknown_bot', botId);
    const blocked = this.#startBlocker(bot);
    if (blocked) throw blocked;
    if (this.#activeCount() >= this.#maxConcurrentRuns && this.#queue.length >= this.#maxQueuedRuns) {
      throw supervisorError('run_queue_full', this.#maxQueuedRuns);
    }
    const record = this.#createRecord(bot);
    this.#live.set(record.view.id, record);
    this.#persist(record);
    this.#deps.logger.info('Run created', { runId: record.view.id, botId: bot.id, profileId: bot.profileId });
    if (this.#activeCount() < this.#maxConcurrentRuns) {
      await this.#launch(record);
    } else {
      record.log.system(`Queued: ${this.#maxConcurrentRuns} runs are already executing.`);
      this.#queue.push(record);
      this.#changed();
    }
    return { ...record.view };
  }

  /** Graceful stop (SIGTERM, then SIGKILL after the grace period); the run ends `cancelled`. */
  async stop(runId: string, reason = 'Stopped by the operator.'): Promise<void> {
    const record = this.#live.get(runId);
    if (!record) {
      if (this.#history.get(runId)) return;
      throw supervisorError('unknown_run', runId);
    }
    await this.#requestEnd(record, { status: 'cancelled', reason });
  }

  async stopAll(reason = 'Stopped by the operator (stop all).'): Promise<void> {
    await Promise.all([...this.#live.values()].map((record) => this.#requestEnd(record, { status: 'cancelled', reason })));
  }

  /** The profile's session ended and policy says stop: its runs end `halted`. */
  async haltProfile(profileId: string, reason: string): Promise<void> {
    const records = [...this.#live.values()].filter((record) => record.bot.profileId === profileId);
    await Promise.all(records.map((record) => this.#requestEnd(record, { status: 'halted', reason })));
  }

  /** Newest first. */
  listRuns(filter: { botId?: string; limit?: number } = {}): RunView[] {
    const limit = Math.min(Math.max(filter.limit ?? 100, 1), 1000);
    const runs: RunView[] = [];
    const all = this.#history.all();
    for (let i = all.length - 1; i >= 0 && runs.length < limit; i -= 1) {
      const stored = all[i];
      if (!stored || (filter.botId !== undefined && stored.botId !== filter.botId)) continue;
      const { pid: _pid, ...view } = stored;
      runs.push(view);
    }
    return runs;
  }

  /** A page of a run's log; without `fromSeq`, the newest `limit` lines. */
  readLog(runId: string, fromSeq?: number, limit = 500): LogPage {
    const bounded = Math.min(Math.max(Math.floor(limit), 1), 5000);
    return this.#logFor(runId).page(fromSeq, bounded);
  }

  /**
   * The run's whole log as its files hold it (`.log.1`, then `.log`), in the file format: every
   * line, where `readLog` has only what the ring buffer still holds. For a live run, the lines
   * written before the call are included.
   */
  async exportLog(runId: string): Promise<{ fileName: string; text: string }> {
    const run = this.getRun(runId);
    if (!run) throw supervisorError('unknown_run', runId);
    // Lines already shown may still be on their way to the disk.
    await (this.#live.get(runId)?.log ?? this.#finishedLogs.get(runId))?.whenFileWritten();
    const text = await readRunLogFiles({ runId, path: join(this.#logsDir, `${runId}.log`) });
    if (text === undefined) throw supervisorError('run_log_missing', runId);
    return { fileName: `${run.botId}-${runId}.full-log.txt`, text };
  }

  onDidChange(listener: () => void): Disposable {
    return this.#changeListeners.add(listener);
  }

  /** A run's process started, or a run ended (whatever the reason, including never starting). */
  onDidRunEvent(listener: (event: RunEvent) => void): Disposable {
    return this.#runListeners.add(listener);
  }

  /** Runs the previous instance left live, now `interrupted` (found when this one started). */
  get interruptedAtStart(): readonly RunView[] {
    return this.#interruptedAtStart;
  }

  /** A run's current view, live or from history. */
  getRun(runId: string): RunView | undefined {
    const live = this.#live.get(runId);
    if (live) return { ...live.view };
    const stored = this.#history.get(runId);
    if (!stored) return undefined;
    const { pid: _pid, ...view } = stored;
    return view;
  }

  /** Applies a new global limit at once: a raise starts queued runs; a cut lets live runs finish. */
  setMaxConcurrentRuns(limit: number): void {
    this.#maxConcurrentRuns = Math.max(1, Math.floor(limit));
    this.#pump();
    this.#changed();
  }

  /** Live lines, batched per run and flushed at most every 50 ms. */
  onDidLog(listener: (batch: LogBatch) => void): Disposable {
    return this.#logListeners.add(listener);
  }

  /** Stops every run (`halted`), waits for the processes to go, and closes files. */
  async dispose(): Promise<void> {
    if (this.#disposing) return;
    this.#disposing = true;
    await Promise.all(
      [...this.#live.values()].map((record) => this.#requestEnd(record, { status: 'halted', reason: 'RPA Supervisor closed.' })),
    );
    this.#reaper.close();
    this.#sessionSubscription.dispose();
    this.#batcher.dispose();
    await Promise.all([...this.#finishedLogs.values()].map((log) => log.close()));
    for (const tokens of this.#profileTokens.values()) for (const entry of tokens.values()) entry.dispose();
    this.#profileTokens.clear();
    this.#changeListeners.clear();
    this.#logListeners.clear();
    this.#runListeners.clear();
  }

  // ------------------------------------------------------------------------------------------
  // Lifecycle
  // ------------------------------------------------------------------------------------------

  #createRecord(bot: BotManifest): RunRecord {
    const now = this.#deps.clock.now();
    const id = `run-${now.toString(36)}-${randomBytes(4).toString('hex')}`;
    let resolveDone: () => void = () => undefined;
    const done = new Promise<void>((resolvePromise) => {
      resolveDone = resolvePromise;
    });
    const log = new RunLog({
      runId: id,
      clock: this.#deps.clock,
      redactor: this.#redactor,
      limits: this.#logLimits,
      budget: this.#logBudget,
      file: new RotatingLogFile({
        path: join(this.#logsDir, `${id}.log`),
        maxBytes: this.#fileMaxBytes,
        onError: (error) => this.#deps.logger.error('Could not write a run log', { runId: id, error: String(error) }),
      }),
      onLine: (line) => {
        if (this.#isLogFollowed(id)) this.#batcher.add(id, line);
      },
    });
    const view: RunView = { id, botId: bot.id, botName: bot.name, profileId: bot.profileId, status: 'queued', startedAt: now };
    return { view, bot, log, cleanups: [], done, resolveDone };
  }

  /** Never throws: anything unexpected ends the run `failed` rather than leaving it `starting` for ever. */
  async #launch(record: RunRecord): Promise<void> {
    try {
      await this.#launchUnguarded(record);
    } catch (error) {
      this.#deps.logger.error('Run failed to launch', { runId: record.view.id, error: error instanceof Error ? error.message : String(error) });
      if (this.#live.has(record.view.id) && record.pid === undefined) {
        const message = supervisorError('internal_error').message;
        record.log.system(message);
        this.#finish(record, 'failed', message);
      }
    }
  }

  async #launchUnguarded(record: RunRecord): Promise<void> {
    const { bot, log } = record;
    this.#transition(record, 'starting');
    const grant = this.#deps.sessions.tokenFor(bot.profileId, bot.expectedDurationMs ?? 0);
    if (!grant.ok) {
      // Only reachable for a run that waited in the queue while the session changed.
      const message = this.#policyError(bot, grant).message;
      log.system(message);
      this.#finish(record, 'halted', message);
      return;
    }
    record.view.supervisor = grant.supervisor;
    const company = bot.company ?? grant.company;
    if (company !== undefined) record.company = company;
    const env = this.#runEnv(record, grant);
    if (!env.ok) {
      log.system(env.error.message);
      this.#finish(record, 'failed', env.error.message);
      return;
    }
    const cwd = bot.cwd ?? process.cwd();
    const command = resolveBotCommand(bot.command, cwd, this.#nodeExecutable());
    const who = grant.supervisor.name ? `${grant.supervisor.name} (${grant.supervisor.subject})` : grant.supervisor.subject;
    log.system(`Starting ${bot.name}: ${[command, ...bot.args].join(' ')}; supervised by ${who}; token delivery ${bot.tokenDelivery}.`);
    if (!isDirectory(cwd)) {
      const message = supervisorError('bot_cwd_missing', cwd).message;
      log.system(message);
      this.#finish(record, 'failed', message);
      return;
    }

    // Running before the bot exists, so there is no moment when a bot is live and unguarded.
    this.#reaper.start();
    let child: BotProcess;
    try {
      child = this.#spawn(record, command, cwd, env.env);
    } catch (error) {
      // spawn() throws synchronously for arguments the OS cannot take (a NUL byte, say).
      const message = supervisorError('bot_command_failed', command, describeSpawnError(error as NodeJS.ErrnoException)).message;
      log.system(message);
      this.#finish(record, 'failed', message);
      return;
    }
    record.process = child;
    const outcome = await child.spawned;
    if (!outcome.ok) {
      const message = supervisorError('bot_command_failed', command, describeSpawnError(outcome.error)).message;
      log.system(message);
      this.#finish(record, 'failed', message);
      return;
    }
    record.pid = outcome.pid;
    this.#reaper.track(record.view.id, outcome.pid);
    this.#transition(record, 'running');
    this.#deps.logger.info('Run started', { runId: record.view.id, botId: bot.id, pid: outcome.pid });
    this.#runListeners.emit({ type: 'started', run: { ...record.view }, ...(record.company === undefined ? {} : { company: record.company }) });
    if (bot.timeoutMs !== undefined) {
      const timeoutMs = bot.timeoutMs;
      record.timeout = this.#deps.clock.setTimer(
        () => void this.#requestEnd(record, { status: 'timedOut', reason: `Stopped after its time limit of ${formatDuration(timeoutMs)}.` }),
        timeoutMs,
      );
    }
    void child.exited.then((exit) => this.#onExit(record, exit));
    // A stop requested while the process was being created is honoured now that it exists.
    if (record.intent) void this.#terminate(record);
  }

  #spawn(record: RunRecord, command: string, cwd: string, env: Record<string, string>): BotProcess {
    const { log } = record;
    return new BotProcess({
      runId: record.view.id,
      command,
      args: record.bot.args,
      cwd,
      env,
      clock: this.#deps.clock,
      keepLineBytes: log.keepBytes,
      onLine: (stream, line) => log.write(stream, line.text, line.droppedBytes),
      backpressure: () => (log.fileBacklogBytes > fileBacklogLimitBytes ? log.whenFileDrained() : undefined),
    });
  }

  #runEnv(record: RunRecord, grant: Extract<TokenGrant, { ok: true }>): { ok: true; env: Record<string, string> } | { ok: false; error: SupervisorError } {
    const { bot } = record;
    const interpolated = interpolateEnv(bot.env ?? {}, read(this.#deps.placeholders));
    if (!interpolated.ok) return { ok: false, error: supervisorError('bot_env_placeholder_unknown', bot.id, interpolated.placeholder) };
    const secret = this.#deps.broker.registerRun(record.view.id, bot.profileId, bot.company);
    record.cleanups.push(this.#redactor.add(secret));
    this.#trackToken(bot.profileId, grant.accessToken);
    let envToken = grant.accessToken;
    if (bot.company !== undefined) {
      const companyGrant = this.#deps.sessions.tokenFor(bot.profileId, 0, bot.company);
      if (companyGrant.ok) {
        this.#trackToken(bot.profileId, companyGrant.accessToken);
        envToken = companyGrant.accessToken;
      } else if (bot.tokenDelivery === 'env') {
        return { ok: false, error: supervisorError('company_token_pending', bot.company) };
      }
    }
    const reserved: Record<string, string> = {
      RPA_BROKER_URL: this.#deps.broker.url,
      RPA_RUN_SECRET: secret,
      RPA_RUN_ID: record.view.id,
      RPA_PROFILE_ID: bot.profileId,
      // Opt-in only: a token in the environment is readable through /proc by the same user.
      ...(bot.tokenDelivery === 'env' ? { RPA_ACCESS_TOKEN: envToken } : {}),
    };
    const env = buildChildEnv({
      parentEnv: this.#deps.parentEnv ?? process.env,
      envVars: read(this.#deps.envVars),
      manifestEnv: interpolated.env,
      reserved,
    });
    return { ok: true, env };
  }

  async #requestEnd(record: RunRecord, intent: { status: EndStatus; reason: string }): Promise<void> {
    record.intent ??= intent;
    if (record.view.status === 'queued') {
      const index = this.#queue.indexOf(record);
      if (index !== -1) this.#queue.splice(index, 1);
      this.#finish(record, record.intent.status, record.intent.reason);
    } else if (record.process?.pid !== undefined) {
      void this.#terminate(record);
    }
    await record.done;
  }

  async #terminate(record: RunRecord): Promise<void> {
    if (record.stopping || !record.process) return;
    record.stopping = true;
    record.log.system(`Stopping: ${record.intent?.reason ?? 'requested'} (SIGTERM, then SIGKILL after ${formatDuration(this.#stopGraceMs)}).`);
    await record.process.stop(this.#stopGraceMs);
  }

  #onExit(record: RunRecord, exit: BotExit): void {
    const status: RunStatus = record.intent?.status ?? (exit.code === 0 ? 'succeeded' : 'failed');
    const ended = exit.signal ? `was ended by ${exit.signal}` : `exited with code ${exit.code}`;
    const reason = record.intent?.reason ?? (status === 'failed' ? `The bot ${ended}.` : undefined);
    const ranFor = formatDuration(this.#deps.clock.now() - record.view.startedAt);
    record.log.system(`The bot ${ended} after ${ranFor}; the run ${status === 'timedOut' ? 'timed out' : status}.`);
    this.#finish(record, status, reason, exit);
  }

  #finish(record: RunRecord, status: RunStatus, reason: string | undefined, exit?: BotExit): void {
    assertRunTransition(record.view.status, status);
    const runId = record.view.id;
    // Revoke first: from here on the bot (or anything it left behind) gets 401 run_finished.
    this.#deps.broker.revokeRun(runId);
    record.timeout?.dispose();
    record.view = {
      ...record.view,
      status,
      endedAt: this.#deps.clock.now(),
      // Reasons can come from callers (haltProfile, stop); they reach the UI and history, so redact.
      ...(reason === undefined ? {} : { reason: this.#redactor.redact(reason) }),
      ...(exit ? { exitCode: exit.code, signal: exit.signal } : {}),
    };
    this.#batcher.flush(runId);
    // Reached after BotProcess killed what the bot left behind, so nothing remains to reap.
    this.#reaper.untrack(runId);
    this.#live.delete(runId);
    this.#persist(record);
    for (const cleanup of record.cleanups) cleanup.dispose();
    this.#releaseTokensIfIdle(record.bot.profileId);
    this.#rememberFinishedLog(record.log);
    void record.log.close();
    this.#deps.logger.info('Run ended', { runId, botId: record.bot.id, status, exitCode: exit?.code, signal: exit?.signal });
    this.#runListeners.emit({ type: 'ended', run: { ...record.view }, ...(record.company === undefined ? {} : { company: record.company }) });
    this.#changed();
    record.resolveDone();
    this.#pump();
  }

  #transition(record: RunRecord, status: RunStatus): void {
    assertRunTransition(record.view.status, status);
    record.view = { ...record.view, status };
    this.#persist(record);
    this.#changed();
  }

  #pump(): void {
    while (!this.#disposing && this.#queue.length > 0 && this.#activeCount() < this.#maxConcurrentRuns) {
      const next = this.#queue.shift() as RunRecord;
      void this.#launch(next).catch((error: unknown) => this.#deps.logger.error('Queued run failed to launch', { runId: next.view.id, error: String(error) }));
    }
  }

  #activeCount(): number {
    let count = 0;
    for (const record of this.#live.values()) if (record.view.status !== 'queued') count += 1;
    return count;
  }

  // ------------------------------------------------------------------------------------------
  // Policy
  // ------------------------------------------------------------------------------------------

  #startBlocker(bot: BotManifest): SupervisorError | undefined {
    const liveForBot = [...this.#live.values()].filter((record) => record.bot.id === bot.id).length;
    if (liveForBot >= bot.concurrency) return supervisorError('bot_already_running', bot.name, bot.concurrency);
    const grant = this.#deps.sessions.tokenFor(bot.profileId, bot.expectedDurationMs ?? 0);
    if (!grant.ok) return this.#policyError(bot, grant);
    if (bot.company !== undefined) {
      // `session_expired` here only means the company token is still being fetched; the SDK waits.
      const companyGrant = this.#deps.sessions.tokenFor(bot.profileId, 0, bot.company);
      if (!companyGrant.ok && companyGrant.code === 'signed_out') return supervisorError('bot_company_mismatch', bot.name, bot.company);
    }
    return undefined;
  }

  #policyError(bot: BotManifest, grant: Extract<TokenGrant, { ok: false }>): SupervisorError {
    const profileName = this.#deps.profileName?.(bot.profileId) ?? bot.profileId;
    switch (grant.code) {
      case 'signed_out':
        return supervisorError('not_signed_in', profileName);
      case 'session_expired':
        return supervisorError('session_expired', profileName);
      case 'insufficient_validity': {
        const leftMs = grant.expiresAt === undefined ? 0 : grant.expiresAt - this.#deps.clock.now();
        return supervisorError('run_would_outlast_token', Math.max(0, Math.floor(leftMs / 60_000)));
      }
    }
  }

  // ------------------------------------------------------------------------------------------
  // Tokens to redact
  // ------------------------------------------------------------------------------------------

  /** A re-authentication swaps the token under running bots; the new one must be redacted too. */
  #onSessionChange(profileId: string): void {
    if (![...this.#live.values()].some((record) => record.bot.profileId === profileId)) return;
    const grant = this.#deps.sessions.tokenFor(profileId, 0);
    if (grant.ok) this.#trackToken(profileId, grant.accessToken);
    // Company tokens served to partner bots must be redacted from their logs too.
    const companies = new Set([...this.#live.values()].filter((r) => r.bot.profileId === profileId && r.bot.company !== undefined).map((r) => r.bot.company as string));
    for (const company of companies) {
      const companyGrant = this.#deps.sessions.tokenFor(profileId, 0, company);
      if (companyGrant.ok) this.#trackToken(profileId, companyGrant.accessToken);
    }
  }

  #trackToken(profileId: string, token: string): void {
    let tokens = this.#profileTokens.get(profileId);
    if (!tokens) {
      tokens = new Map();
      this.#profileTokens.set(profileId, tokens);
    }
    if (tokens.has(token)) return;
    tokens.set(token, this.#redactor.add(token));
    for (const [old, entry] of tokens) {
      if (tokens.size <= maxTokensPerProfile) break;
      entry.dispose();
      tokens.delete(old);
    }
  }

  #releaseTokensIfIdle(profileId: string): void {
    if ([...this.#live.values()].some((record) => record.bot.profileId === profileId)) return;
    for (const entry of this.#profileTokens.get(profileId)?.values() ?? []) entry.dispose();
    this.#profileTokens.delete(profileId);
  }

  // ------------------------------------------------------------------------------------------
  // History and logs
  // ------------------------------------------------------------------------------------------

  #persist(record: RunRecord): void {
    this.#history.upsert({ ...record.view, ...(record.pid === undefined ? {} : { pid: record.pid }) });
  }

  #nodeExecutable(): string {
    return this.#deps.nodeExecutable ?? process.execPath;
  }

  /** Runs that were live when the previous instance died are `interrupted`; kill their leftovers. */
  #markInterruptedRuns(): RunView[] {
    const interrupted = this.#history
      .all()
      .filter((run) => isLiveRunStatus(run.status))
      .map((run) => {
        assertRunTransition(run.status, 'interrupted');
        return { ...run, status: 'interrupted' as const, reason: 'RPA Supervisor stopped while this run was live.' };
      });
    this.#history.upsertMany(interrupted);
    for (const run of interrupted) {
      void killRunLeftovers(run.id).then((killed) => {
        if (killed > 0) this.#deps.logger.warn('Killed processes left over from an interrupted run', { runId: run.id, killed });
      });
    }
    return interrupted.map(({ pid: _pid, ...view }) => view);
  }

  #logFor(runId: string): RunLog {
    const live = this.#live.get(runId)?.log ?? this.#finishedLogs.get(runId);
    if (live) return live;
    if (!this.#history.get(runId)) throw supervisorError('unknown_run', runId);
    const log = RunLog.fromFile({
      runId,
      path: join(this.#logsDir, `${runId}.log`),
      clock: this.#deps.clock,
      redactor: this.#redactor,
      limits: this.#logLimits,
      budget: this.#logBudget,
    });
    this.#rememberFinishedLog(log);
    return log;
  }

  #rememberFinishedLog(log: RunLog): void {
    this.#finishedLogs.delete(log.runId);
    this.#finishedLogs.set(log.runId, log);
    for (const runId of this.#finishedLogs.keys()) {
      if (this.#finishedLogs.size <= finishedLogCacheSize) break;
      this.#finishedLogs.get(runId)?.release();
      this.#finishedLogs.delete(runId);
    }
  }

  #deleteLogFiles(runIds: string[]): void {
    for (const runId of runIds) {
      for (const suffix of ['.log', '.log.1']) rmSync(join(this.#logsDir, `${runId}${suffix}`), { force: true });
    }
  }

  #changed(): void {
    this.#changeListeners.emit();
  }
}

function read(source: ValueSource | undefined): Record<string, string> {
  return typeof source === 'function' ? source() : (source ?? {});
}

function isDirectory(path: string): boolean {
  try {
    return existsSync(path) && statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function describeSpawnError(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ENOENT':
      return 'was not found';
    case 'EACCES':
      return 'is not executable (permission denied)';
    case 'ENOEXEC':
      return 'is not a program this computer can run';
    default:
      return `could not be run (${error.code ?? error.name})`;
  }
}
