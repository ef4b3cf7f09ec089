import { actedByWords } from '../bots/acted-by-words.js';
import type { BotManifest } from '../bots/bot-manifest.js';
import type { RunHistory } from '../bots/run-history.js';
import type { RunLogs } from '../bots/run-logs.js';
import type { RunEvent } from '../bots/run-record.js';
import type { RunStartPolicy } from '../bots/run-start-policy.js';
import type { Disposable, HaltCause, QueuedRunView, RunPriority, RunView, UserView } from '../common/contract.js';
import { ListenerSet } from '../common/listener-set.js';
import type { RedactionCounts } from '../common/patient-data.js';
import { supervisorError } from '../error-catalogue.js';
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { ApprovalGate } from '../supervision/approval-gate.js';
import type { BullmqRunQueue, FleetRunLost } from './bullmq-run-queue.js';
import type { RemoteStatus } from './fleet-channels.js';
import type { FleetCoordinator, FleetEvent, RemoteRunTicket } from './fleet-coordinator.js';
import { refusalError } from './fleet-refusal.js';
import { RemoteRunRecords } from './remote-run-records.js';
import { newRemoteRun } from './new-remote-run.js';
import { endedRemoteView, isRemoteProcess, queuedRunView, remoteRunTicket, remoteRunView, statusOutcome, within, type RemoteEndStatus, type RemoteRun, type StopIntent } from './remote-run.js';

export interface RemoteRunsDeps {
  queue: Pick<BullmqRunQueue, 'enqueue' | 'cancel' | 'move' | 'release' | 'waiting' | 'onDidAdmit' | 'onDidLose' | 'maxQueuedRuns'>;
  coordinator: Pick<FleetCoordinator, 'onDidChange' | 'control' | 'runEnded'>;
  /** `fleet-runs.json`: remote runs' views, apart from the local history so neither rewrites the other. */
  history: RunHistory;
  /** The same logs folder and redaction as local runs; lines arrive from the worker already redacted (secrets and, by the ticket's settings, patient identifiers). */
  logs: RunLogs;
  clock: Clock;
  logger: Logger;
  /** The local start policy: signed in, session long enough, company, concurrency. */
  policy: Pick<RunStartPolicy, 'blocker'>;
  supervisorOf(profileId: string): UserView | undefined;
  approvals: Pick<ApprovalGate, 'require' | 'request' | 'state' | 'release' | 'onDidEvent'>;
  needsApproval(bot: BotManifest): boolean;
  approvalFacts(bot: BotManifest): { profileName: string; scopes: string[] };
  /** Reads what a run's worker wrote before the run is closed (the tail of its log stream). */
  drain(runId: string): Promise<void>;
  /** Before a claimed run is told to stop: its bot's open questions are answered first (question-relay.ts). */
  beforeStop?: (runId: string, intent: StopIntent) => Promise<void>;
  /** A worker's clock against this computer's, as its heartbeat last said: a refusal it explains is said so. */
  clockOffsetOf?: (workerId: string) => number | undefined;
}

/**
 * The desktop's side of runs sent to workers: each shows the moment it is asked for (`queued`, for a
 * worker or an approval), follows the coordinator and the worker's status stream, and ends exactly
 * once. Never retried: a lost worker ends it `interrupted`; only Run again starts it anew (a new run).
 */
export class RemoteRuns {
  readonly #deps: RemoteRunsDeps;
  /** Views and logs of every remote run, live or ended. */
  readonly records: RemoteRunRecords;
  readonly #live = new Map<string, RemoteRun>();
  readonly #changes = new ListenerSet<void>();
  readonly #events = new ListenerSet<RunEvent>();
  readonly #subscriptions: Disposable[];

  constructor(deps: RemoteRunsDeps) {
    this.#deps = deps;
    this.records = new RemoteRunRecords(deps.history, deps.logs);
    this.records.recoverAtStart(deps.clock.now());
    this.#subscriptions = [
      deps.queue.onDidAdmit((ticket) => this.#admitted(ticket.runId)),
      deps.queue.onDidLose((lost) => void this.#lost(lost)),
      deps.coordinator.onDidChange((event) => void this.#coordinated(event)),
      deps.approvals.onDidEvent((event) => {
        const run = this.#live.get(event.approval.runId);
        if (run?.phase !== 'approval') return;
        if (event.type === 'approved') this.#enqueue(run);
        if (event.type === 'refused') void this.#end(run, 'cancelled', `Refused by ${event.by.name ?? event.by.subject}.`);
      }),
    ];
  }

  start(bot: BotManifest, pool: string, options: { priority?: RunPriority } = {}): RunView {
    const run = newRemoteRun(this.#deps, { bot, pool, priority: options.priority, liveForBot: this.countForBot(bot.id), waiting: this.queued().length });
    const { id } = run.view;
    this.#live.set(id, run);
    if (this.#deps.needsApproval(bot)) {
      const facts = this.#deps.approvalFacts(bot);
      this.#deps.approvals.require({ runId: id, botId: bot.id, botName: bot.name, profileId: bot.profileId, ...facts, ...(bot.company ? { company: bot.company } : {}), ...(bot.expectedDurationMs === undefined ? {} : { expectedDurationMs: bot.expectedDurationMs }) });
      run.log.system(`Waiting for your approval before it is sent to a worker of pool ${pool}.`);
      this.#deps.approvals.request(id);
    } else {
      this.#enqueue(run);
    }
    this.#changes.emit();
    return { ...run.view };
  }

  /** What the coordinator checks a claim against; undefined once the run has ended (or never was). */
  ticket(runId: string): RemoteRunTicket | undefined {
    const run = this.#live.get(runId);
    if (run === undefined || run.phase === 'approval') return undefined;
    return remoteRunTicket(run.ticket);
  }

  /** The claim check's local start policy (beside the session): approval given where one is needed. */
  approvalRefusal(runId: string): string | undefined {
    const state = this.#deps.approvals.state(runId);
    return state === 'none' || state === 'approved' ? undefined : 'the run has not been approved';
  }

  get(runId: string): RunView | undefined {
    const live = this.#live.get(runId);
    return live ? remoteRunView(live) : this.#deps.history.view(runId);
  }

  list(filter: { botId?: string; limit?: number } = {}): RunView[] {
    return this.#deps.history.views(filter).map((view) => {
      const live = this.#live.get(view.id);
      return live ? remoteRunView(live) : view;
    });
  }

  queued(): QueuedRunView[] {
    return [...this.#live.values()].filter((run) => run.phase !== 'claimed').map(queuedRunView);
  }

  countForBot(botId: string): number {
    return [...this.#live.values()].filter((run) => run.bot.id === botId).length;
  }

  isLive(runId: string): boolean {
    return this.#live.has(runId);
  }

  /** The worker's redacted lines, into the run's own log (and its file) as they arrive. */
  line(runId: string, stream: 'out' | 'err', text: string, redacted?: RedactionCounts): void {
    this.#live.get(runId)?.log.writeRedactedElsewhere(stream === 'err' ? 'stderr' : 'stdout', text, redacted);
  }

  /** A status the worker wrote to `rpa:fleet:status`. */
  async status(entry: RemoteStatus): Promise<void> {
    const run = this.#live.get(entry.runId);
    // One worker per run: a second worker's word (its claim refused as already started) never ends the run.
    if (run === undefined || (run.view.worker !== undefined && run.view.worker.id !== entry.workerId)) return;
    run.view.worker ??= { id: entry.workerId, name: entry.workerName };
    const outcome = statusOutcome(entry, run, this.#deps.clockOffsetOf?.(entry.workerId));
    if (outcome.kind === 'held') return this.#set(run, { status: outcome.status, since: outcome.since });
    if (outcome.kind === 'end') return this.#end(run, outcome.status, outcome.reason, outcome.exitCode, outcome.haltedBy);
    if (outcome.kind !== 'running') return undefined;
    run.phase = 'claimed';
    this.#set(run, { status: 'running', since: undefined });
    if (run.started) return undefined;
    run.started = true;
    run.log.system(`Running on ${run.view.worker.name}.`);
    this.#events.emit({ type: 'started', run: { ...run.view }, ...(run.bot.company ? { company: run.bot.company } : {}) });
    return undefined;
  }

  /** Stop (`halted` with a cause, or `cancelled`): a waiting run ends at once; a claimed one when its worker says it stopped. */
  async stop(runId: string, reason: string, intent: StopIntent = { status: 'cancelled', reason }): Promise<void> {
    const run = this.#live.get(runId);
    if (run === undefined) {
      if (this.records.has(runId)) return;
      throw supervisorError('unknown_run', runId);
    }
    if (run.phase !== 'claimed') {
      this.#deps.queue.cancel(runId);
      return this.#end(run, intent.status, intent.reason, undefined, intent.haltedBy);
    }
    await this.#deps.beforeStop?.(runId, (run.intent ??= intent));
    run.log.system(`Stop asked for: ${intent.reason}`);
    await this.#deps.coordinator.control(runId, 'stop');
  }

  async stopWhere(predicate: (run: RunView) => boolean, intent: StopIntent): Promise<void> {
    await Promise.all([...this.#live.values()].filter((run) => predicate(run.view)).map((run) => this.stop(run.view.id, intent.reason, intent)));
  }

  /** Takes a waiting run out of the queue; false once a worker took it. */
  cancelQueued(runId: string, reason: string): boolean {
    const run = this.#live.get(runId);
    if (run === undefined || run.phase === 'claimed') return false;
    void this.stop(runId, reason);
    return true;
  }

  move(runId: string, index: number): boolean {
    const moved = this.#deps.queue.move(runId, index);
    if (moved) this.#changes.emit();
    return moved;
  }

  /** Pause, resume and stop at safe point, carried to the run's worker (docs/fleet.md). */
  async control(runId: string, verb: 'pause' | 'resume' | 'safeStop', by: string): Promise<void> {
    const run = this.#live.get(runId);
    if (run === undefined) throw supervisorError('unknown_run', runId);
    if (!isRemoteProcess(run)) throw supervisorError('run_not_running', run.bot.name);
    if (verb === 'resume' && run.view.status !== 'paused') throw supervisorError('run_not_paused', run.bot.name);
    if (verb === 'safeStop' && run.bot.checkpoints !== true) throw supervisorError('safe_stop_unavailable', run.bot.name);
    // A stop already asked for stands, with the person who asked first, as for a local run.
    if (verb === 'safeStop' && run.intent) return;
    if (verb === 'safeStop') run.intent = { status: 'cancelled', reason: actedByWords.stoppedAtSafePoint(by) };
    run.log.system(actedByWords.onWorker[verb](by));
    await this.#deps.coordinator.control(runId, verb, run.bot.checkpoints === true ? 'checkpoint' : 'signal');
    this.#changes.emit();
  }

  /** Something the bot views show changed outside the runs (where a bot runs). */
  notifyChanged(): void {
    this.#changes.emit();
  }

  onDidChange(listener: () => void): Disposable {
    return this.#changes.add(listener);
  }

  onDidRunEvent(listener: (event: RunEvent) => void): Disposable {
    return this.#events.add(listener);
  }

  /** The desktop is closing: runs end `halted` here, and their workers are told to stop them. */
  async dispose(): Promise<void> {
    for (const subscription of this.#subscriptions) subscription.dispose();
    const intent = { status: 'halted' as const, reason: 'RPA Supervisor closed.', haltedBy: 'shutdown' as const };
    for (const run of [...this.#live.values()]) {
      if (run.phase === 'claimed') await this.#deps.coordinator.control(run.view.id, 'stop').catch(() => undefined);
      else this.#deps.queue.cancel(run.view.id);
      await this.#end(run, intent.status, intent.reason, undefined, intent.haltedBy, false);
    }
    await this.#deps.logs.dispose();
  }

  #enqueue(run: RemoteRun): void {
    run.phase = 'queued';
    if (this.#deps.queue.enqueue(run.ticket) === 'full') {
      void this.#end(run, 'failed', supervisorError('run_queue_full', this.#deps.queue.maxQueuedRuns).message);
      return;
    }
    run.log.system(`Waiting for a worker of pool ${run.ticket.pool}.`);
    this.#changes.emit();
  }

  #admitted(runId: string): void {
    const run = this.#live.get(runId);
    if (run === undefined) return;
    if (run.phase === 'claimed') return;
    run.phase = 'claimed';
    run.log.system('A worker took the run; its claim is being checked.');
    // The worker's own `running` may have arrived first (two streams, no common order).
    if (run.view.status === 'queued') this.#set(run, { status: 'starting', since: undefined });
  }

  async #coordinated(event: FleetEvent): Promise<void> {
    if (event.kind === 'leased' && !event.renewal) {
      const run = this.#live.get(event.runId);
      if (run === undefined) return;
      run.view.worker = { id: event.workerId, name: event.workerName };
      run.log.system(`Sign-in lease granted to ${event.workerName}.`);
      this.#set(run, {});
    } else if (event.kind === 'refused' && event.reason !== 'already_started') {
      const run = this.#live.get(event.runId);
      if (run !== undefined) await this.#end(run, 'failed', refusalError(event.reason, event.detail).message);
    }
  }

  async #lost(lost: FleetRunLost): Promise<void> {
    const run = this.#live.get(lost.runId);
    if (run === undefined) return;
    if (lost.reason === 'worker lost') return this.#end(run, 'interrupted', supervisorError('fleet_worker_lost', run.view.worker?.name ?? 'the worker').message);
    if (run.intent) return this.#end(run, run.intent.status, run.intent.reason, undefined, run.intent.haltedBy);
    return this.#end(run, 'failed', supervisorError('fleet_run_failed', lost.detail.replace(/^refused: /, '')).message);
  }

  #set(run: RemoteRun, change: Partial<Pick<RunView, 'status' | 'since'>>): void {
    Object.assign(run.view, change);
    if (run.view.since === undefined) delete run.view.since;
    this.#deps.history.upsert(run.view);
    this.#changes.emit();
  }

  /** Ends a run once: its log drained and closed, its place in the queue and its approval released. */
  async #end(run: RemoteRun, status: RemoteEndStatus, reason: string | undefined, exitCode?: number, haltedBy?: HaltCause, drain = true): Promise<void> {
    const { id } = run.view;
    if (run.ending === true) return;
    run.ending = true;
    // Bounded: with Redis away the tail is lost from the desktop's copy, never the run's end.
    if (drain) await within(this.#deps.drain(id), 3000, this.#deps.clock);
    this.#live.delete(id);
    // The reason first: the ended view counts what redaction hid from it too.
    if (reason !== undefined) run.log.system(reason);
    run.view = endedRemoteView(run, { status, reason, exitCode, haltedBy }, this.#deps.clock.now());
    this.#deps.history.upsert(run.view);
    this.#deps.logs.finish(id);
    this.#deps.queue.release(id);
    void this.#deps.coordinator.runEnded(id).catch(() => undefined);
    this.#deps.approvals.release(id);
    this.#deps.logger.info('Remote run ended', { runId: id, botId: run.bot.id, status, worker: run.view.worker?.id });
    this.#events.emit({ type: 'ended', run: { ...run.view }, ...(run.bot.company ? { company: run.bot.company } : {}) });
    this.#changes.emit();
  }
}
