import { randomBytes } from 'node:crypto';
import type { Disposable, RunView } from '../common/contract.js';
import type { RunPriority } from '../common/run-priority.js';
import { ListenerSet } from '../common/listener-set.js';
import type { TokenBroker } from '../broker/token-broker.js';
import { supervisorError } from '../error-catalogue.js';
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { BotManifest } from './bot-manifest.js';
import type { OrphanReaper } from './orphan-reaper.js';
import { RunControl } from './run-control.js';
import type { RunHistory } from './run-history.js';
import type { RunLauncher } from './run-launcher.js';
import type { RunLogs } from './run-logs.js';
import type { RunQueue } from './run-queue.js';
import { runEvent, runView, storedRun, type EndedStatus, type EndIntent, type Run, type RunEvent, type RunExit, type ProcessRunState, type RunningRunState, type RunState } from './run-record.js';
import { isProcessRunState } from './run-record.js';
import type { RunRedactions } from './run-redactions.js';
import { assertRunTransition, viewStatusOf } from './run-state.js';

export interface RunLifecycleDeps {
  clock: Clock;
  logger: Logger;
  history: RunHistory;
  logs: RunLogs;
  redactions: RunRedactions;
  queue: RunQueue;
  launcher: Pick<RunLauncher, 'launch'>;
  broker: Pick<TokenBroker, 'revokeRun'>;
  reaper: Pick<OrphanReaper, 'untrack'>;
  /** SIGTERM-to-SIGKILL grace when stopping a run. */
  stopGraceMs: number;
  /** Something a view shows changed (a run's status, the queue). */
  changed: () => void;
  /** How a run ends whose bot exited by itself after taking a "stop at next safe point". */
  endAtExit?: (run: Run) => EndIntent | undefined;
  onListenerError: (error: unknown) => void;
}

/**
 * Takes each run from creation to its end: it holds the live runs, makes every phase change
 * (checked against the table in run-state.ts, stored in the history when the view changes), and
 * on the end releases what the run held. The queue decides when, the launcher how to start, and
 * RunControl watches the process; this class only sequences them.
 */
export class RunLifecycle {
  readonly #deps: RunLifecycleDeps;
  readonly #control: RunControl;
  readonly #live = new Map<string, Run>();
  readonly #events: ListenerSet<RunEvent>;
  readonly #admissions: Disposable;

  constructor(deps: RunLifecycleDeps) {
    this.#deps = deps;
    this.#events = new ListenerSet(deps.onListenerError);
    this.#control = new RunControl({
      clock: deps.clock,
      stopGraceMs: deps.stopGraceMs,
      move: (run, next) => this.#move(run, next),
      ...(deps.endAtExit ? { endAtExit: deps.endAtExit } : {}),
    });
    this.#admissions = deps.queue.onDidAdmit((ticket) => {
      const run = this.#live.get(ticket.runId);
      if (run) void this.#launch(run);
      // A ticket for a run that ended meanwhile must not hold a slot.
      else deps.queue.release(ticket.runId);
    });
  }

  /**
   * Creates a run (on disk, `queued`) and launches it when the queue admits it at once; otherwise
   * it waits for its turn. Throws `run_queue_full` without creating anything.
   */
  async start(bot: BotManifest, options: { priority?: RunPriority } = {}): Promise<RunView> {
    const { clock, queue } = this.#deps;
    const createdAt = clock.now();
    const id = `run-${createdAt.toString(36)}-${randomBytes(4).toString('hex')}`;
    const exclusive = bot.exclusive === true;
    const priority = options.priority ?? bot.priority ?? 'normal';
    const admission = queue.enqueue({ runId: id, botId: bot.id, profileId: bot.profileId, enqueuedAt: createdAt, priority, exclusive });
    if (admission === 'full') throw supervisorError('run_queue_full', queue.maxQueuedRuns);
    const run = this.#create(id, bot, createdAt);
    if (admission === 'admitted') {
      await this.#launch(run);
    } else {
      const waiting = queue.waiting().find((ticket) => ticket.runId === id);
      run.log.system(
        waiting?.waitingFor === 'exclusive'
          ? 'Queued: another bot that uses the screen is running; this one starts when it ends.'
          : `Queued: ${queue.maxConcurrentRuns === 1 ? '1 run is' : `${queue.maxConcurrentRuns} runs are`} already running, as many as run at once here; this one starts when a slot is free.`,
      );
      this.#deps.changed();
    }
    return runView(run);
  }

  /** Takes a run that is still waiting in the queue out of it; it ends `cancelled`. False when it no longer waits. */
  cancelQueued(runId: string, reason: string): boolean {
    const run = this.#live.get(runId);
    if (!run || run.state.status !== 'queued' || !this.#deps.queue.cancel(runId)) return false;
    this.#finish(run, 'cancelled', reason);
    return true;
  }

  /** Ends a live run as `intent` says (its first request wins) and resolves once it has ended. */
  async end(run: Run, intent: EndIntent): Promise<void> {
    const { state } = run;
    this.#revokeIfHalted(run, intent);
    switch (state.status) {
      case 'queued':
        this.#deps.queue.cancel(run.id);
        this.#finish(run, intent.status, intent.reason, undefined, intent.haltedBy);
        break;
      case 'starting':
        state.pendingStop ??= intent;
        break;
      case 'running':
      case 'waitingForSignIn':
      case 'waitingForSupervisor':
      case 'paused':
        void this.#control.stop(run, intent);
        break;
      default:
        // Stopping already, or ended: the first request decides.
        break;
    }
    await run.ended.promise;
  }

  /**
   * Moves a run whose process exists between working, waiting and paused (checked against the
   * table); `deadlineAt` re-arms its time limit.
   */
  setProcessPhase(run: Run, next: ProcessRunState): void {
    if (!isProcessRunState(run.state)) return;
    const same = run.state.status === next.status && (run.state.status !== 'waitingForSupervisor' || next.status !== 'waitingForSupervisor' || run.state.reason === next.reason);
    const rearm = run.state.status === 'paused' || next.status === 'paused' || run.state.deadlineAt !== next.deadlineAt;
    if (rearm) this.#control.setDeadline(run, next.status === 'paused' ? undefined : next.deadlineAt);
    if (same) {
      run.state = next;
      return;
    }
    this.#move(run, next);
    if (next.status === 'waitingForSupervisor') this.#changedReason(run);
  }

  get(runId: string): Run | undefined {
    return this.#live.get(runId);
  }

  live(): Run[] {
    return [...this.#live.values()];
  }

  countForBot(botId: string): number {
    let count = 0;
    for (const run of this.#live.values()) if (run.bot.id === botId) count += 1;
    return count;
  }

  /** A run's process started, or a run ended (whatever the reason, including never starting). */
  onDidRunEvent(listener: (event: RunEvent) => void): Disposable {
    return this.#events.add(listener);
  }

  dispose(): void {
    this.#admissions.dispose();
    this.#events.clear();
  }

  #create(id: string, bot: BotManifest, createdAt: number): Run {
    let resolve: () => void = () => undefined;
    const promise = new Promise<void>((resolvePromise) => {
      resolve = resolvePromise;
    });
    const run: Run = { id, bot, createdAt, log: this.#deps.logs.open(id, bot.profileId), supervision: undefined, state: { status: 'queued' }, ended: { promise, resolve } };
    this.#live.set(id, run);
    this.#deps.redactions.add(id, bot.profileId, bot.company);
    this.#deps.history.upsert(storedRun(run));
    this.#deps.logger.info('Run created', { runId: id, botId: bot.id, profileId: bot.profileId });
    return run;
  }

  /** Never throws: anything unexpected ends the run `failed` rather than leaving it `starting` for ever. */
  async #launch(run: Run): Promise<void> {
    try {
      await this.#launchUnguarded(run);
    } catch (error) {
      // The diagnostic log is kept too, and an error from the file system names the bot's paths.
      this.#deps.logger.error('Run failed to launch', { runId: run.id, error: run.log.redactOutsideLog(error instanceof Error ? error.message : String(error)) });
      if (this.#live.has(run.id) && run.state.status === 'starting') {
        const message = supervisorError('internal_error').message;
        run.log.system(message);
        this.#finish(run, 'failed', message);
      }
    }
  }

  async #launchUnguarded(run: Run): Promise<void> {
    this.#move(run, { status: 'starting', pendingStop: undefined });
    const outcome = await this.#deps.launcher.launch(run);
    if (!outcome.ok) {
      run.log.system(outcome.message);
      this.#finish(run, outcome.status, outcome.message);
      return;
    }
    const pendingStop = run.state.status === 'starting' ? run.state.pendingStop : undefined;
    const { timeoutMs } = run.bot;
    const running: RunningRunState = {
      status: 'running',
      pid: outcome.pid,
      process: outcome.process,
      deadlineAt: timeoutMs === undefined ? undefined : this.#deps.clock.now() + timeoutMs,
    };
    this.#move(run, running);
    this.#deps.logger.info('Run started', { runId: run.id, botId: run.bot.id, pid: outcome.pid });
    this.#events.emit(runEvent('started', run));
    void this.#control
      .watch(run, running)
      .then((end) => this.#finish(run, end.status, end.reason, end.exit, end.haltedBy))
      .catch((error: unknown) => this.#deps.logger.error('Run failed to end', { runId: run.id, error: String(error) }));
    // A stop requested while the process was being created is honoured now that it exists.
    if (pendingStop) {
      // The secret the launch issued came after the halt's revocation.
      this.#revokeIfHalted(run, pendingStop);
      void this.#control.stop(run, pendingStop);
    }
  }

  /**
   * A halt means the session ended or its supervisor left: the bot loses access now, not once its
   * process is gone, which for a bot that ignores SIGTERM is the whole stop grace later (S29).
   * Other stops (Stop, Stop all, a time limit) keep the secret through the grace, so a bot can
   * still attach what it was doing as it winds down.
   */
  #revokeIfHalted(run: Run, intent: EndIntent): void {
    if (intent.status === 'halted') this.#deps.broker.revokeRun(run.id);
  }

  #finish(run: Run, status: EndedStatus, reason: string | undefined, exit?: RunExit, haltedBy?: EndIntent['haltedBy']): void {
    const { id } = run;
    const { clock, redactions } = this.#deps;
    // A reason reaches the UI, the history and the audit trail: one the launcher words names the
    // bot's paths, and callers (haltProfile, stop) word others, so it is redacted as bot output is.
    this.#apply(run, { status, endedAt: clock.now(), reason: reason === undefined ? undefined : run.log.redactOutsideLog(reason), exit, ...(haltedBy ? { haltedBy } : {}) });
    // Revoke first: from here on the bot (or anything it left behind) gets 401 run_finished.
    this.#deps.broker.revokeRun(id);
    this.#deps.logs.finish(id);
    // Reached after BotProcess killed what the bot left behind, so nothing remains to reap.
    this.#deps.reaper.untrack(id);
    this.#live.delete(id);
    this.#deps.history.upsert(storedRun(run));
    redactions.release(id);
    this.#deps.logger.info('Run ended', { runId: id, botId: run.bot.id, status, exitCode: exit?.code, signal: exit?.signal });
    this.#events.emit(runEvent('ended', run));
    this.#deps.changed();
    run.ended.resolve();
    this.#deps.queue.release(id);
  }

  /** Something the run's view shows besides its phase changed (its controls). */
  touch(_run: Run): void {
    this.#deps.changed();
  }

  #changedReason(run: Run): void {
    this.#deps.history.upsert(storedRun(run));
    this.#deps.changed();
  }

  /** A phase change; stored and announced when the view changes (`stopping` still shows `running`). */
  #move(run: Run, next: RunState): void {
    const before = viewStatusOf(run.state.status);
    this.#apply(run, next);
    if (viewStatusOf(next.status) === before) return;
    this.#deps.history.upsert(storedRun(run));
    this.#deps.changed();
  }

  #apply(run: Run, next: RunState): void {
    assertRunTransition(run.state.status, next.status);
    run.state = next;
  }
}
