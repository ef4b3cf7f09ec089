import type { ApprovalView, Disposable, RunView } from '../common/contract.js';
import { hasRunProcess } from '../common/run-status.js';
import type { ParkReason } from '../broker/supervision-routes.js';
import { supervisorError } from '../error-catalogue.js';
import type { Clock } from '../ports/clock.js';
import type { BotManifest } from './bot-manifest.js';
import { actedByWords } from './acted-by-words.js';
import { pauseSupport, safeStopSupport } from './pause-support.js';
import type { RunControls } from './run-controls.js';
import type { RunLifecycle } from './run-lifecycle.js';
import { isProcessRunState, type EndIntent, type ProcessRunState, type Run, type RunState } from './run-record.js';

/** What the run manager needs from the supervision side (composed in app/supervisor.ts). */
export interface RunSupervisionDeps {
  controls: RunControls;
  approvals: { require(view: Omit<ApprovalView, 'requestedAt'>): void };
  /** A run ended: its questions close (`run_finished`), its approval is forgotten. */
  releaseRun: (runId: string) => void;
  /** The machine policy makes every run wait for approval. */
  requireApproval: boolean;
  scopesOf: (profileId: string) => string[];
  platform: NodeJS.Platform;
  /** What each run's parked broker requests wait for. */
  parked: { parkedReason(runId: string): ParkReason | undefined; onDidParkChange(listener: (runId: string) => void): Disposable };
}

/**
 * Pause, resume, "stop at next safe point", approvals and the waiting phases of live runs. A run
 * whose process exists is `paused` while the operator holds it, `waitingForSupervisor` while its
 * broker requests wait for an approval, the supervisor's presence or an answer,
 * `waitingForSignIn` while they wait for a usable session, and `running` otherwise.
 *
 * Paused time does not count against a run's time limit: the deadline moves on by the pause.
 * Waiting for sign-in or for the supervisor does count (the bot is working, as far as it knows).
 */
export class RunSupervisor {
  readonly #deps: RunSupervisionDeps & { clock: Clock; lifecycle: RunLifecycle; profileName?: ((id: string) => string | undefined) | undefined };
  readonly #subscriptions: Disposable[];

  constructor(deps: RunSupervisionDeps & { clock: Clock; lifecycle: RunLifecycle; profileName?: ((id: string) => string | undefined) | undefined }) {
    this.#deps = deps;
    const { lifecycle, controls } = deps;
    this.#subscriptions = [
      lifecycle.onDidRunEvent((event) => {
        const run = lifecycle.get(event.run.id);
        if (event.type === 'started' && run) this.#register(run);
        if (event.type === 'ended') {
          controls.release(event.run.id);
          deps.releaseRun(event.run.id);
        }
      }),
      deps.parked.onDidParkChange((runId) => this.#apply(runId)),
      controls.onDidChange((runId) => this.#apply(runId)),
    ];
  }

  needsApproval(bot: BotManifest): boolean {
    return this.#deps.requireApproval || bot.requiresApproval === true;
  }

  /** `by`: who paused it, as the run's lines name them (acted-by-words.ts); the same for resume and safe stop. */
  async pause(runId: string, by: string): Promise<void> {
    const run = this.#live(runId);
    if (run.state.status === 'paused') return;
    const facts = this.#deps.controls.facts(runId);
    const mode = pauseSupport(this.#deps.platform, facts?.checkpoints ?? false);
    if (mode === 'unavailable') throw supervisorError('pause_unavailable', run.bot.name);
    const { pid, process, deadlineAt } = run.state;
    this.#deps.controls.setPause(runId, mode);
    if (mode === 'signal') await process.signalTree('SIGSTOP');
    const now: RunState = run.state;
    if (!isProcessRunState(now)) {
      // A stop that came while SIGSTOP was on its way found the bot running, so it did not
      // continue it: its SIGTERM waits until the bot runs again, or SIGKILL ends the grace (S116).
      if (mode === 'signal' && now.status === 'stopping') await process.signalTree('SIGCONT');
      return;
    }
    run.log.system(mode === 'signal' ? actedByWords.paused(by) : actedByWords.pauseAsked(by));
    this.#deps.lifecycle.setProcessPhase(run, { status: 'paused', since: this.#deps.clock.now(), mode, pid, process, deadlineAt });
  }

  async resume(runId: string, by: string): Promise<void> {
    const run = this.#live(runId);
    const { state } = run;
    if (state.status !== 'paused') throw supervisorError('run_not_paused', run.bot.name);
    if (state.mode === 'signal') await state.process.signalTree('SIGCONT');
    const deadlineAt = state.deadlineAt === undefined ? undefined : state.deadlineAt + (this.#deps.clock.now() - state.since);
    run.log.system(actedByWords.resumed(by));
    this.#deps.lifecycle.setProcessPhase(run, { status: 'running', pid: state.pid, process: state.process, deadlineAt });
    this.#deps.controls.setPause(runId, undefined);
    this.#apply(runId);
  }

  /** The bot's next `checkpoint()` throws a stop-requested error; the run then ends `cancelled`. */
  stopAtSafePoint(runId: string, by: string): void {
    const run = this.#live(runId);
    const facts = this.#deps.controls.facts(runId);
    if (!safeStopSupport(facts?.checkpoints ?? false)) throw supervisorError('safe_stop_unavailable', run.bot.name);
    // A stop already asked for stands, with the person who asked first.
    if (facts?.safeStop !== undefined) return;
    this.#deps.controls.requestSafeStop(runId, by);
    run.log.system(actedByWords.safeStopAsked(by));
  }

  /** A bot that took its safe stop and exited ended as the person who asked for it wanted. */
  endAtExit(run: Run): EndIntent | undefined {
    const facts = this.#deps.controls.facts(run.id);
    return facts?.safeStop === 'delivered' ? { status: 'cancelled', reason: actedByWords.stoppedAtSafePoint(facts.safeStopBy ?? 'the operator') } : undefined;
  }

  withControl(view: RunView): RunView {
    if (!hasRunProcess(view.status)) return view;
    const facts = this.#deps.controls.facts(view.id);
    if (!facts) return view;
    const holding = view.status === 'paused' && this.#deps.parked.parkedReason(view.id) === 'checkpoint';
    return {
      ...view,
      control: {
        pause: pauseSupport(this.#deps.platform, facts.checkpoints),
        safeStop: safeStopSupport(facts.checkpoints),
        ...(facts.safeStop === 'requested' ? { stopRequested: true } : {}),
        ...(holding ? { holding: true } : {}),
      },
    };
  }

  dispose(): void {
    for (const subscription of this.#subscriptions) subscription.dispose();
  }

  #register(run: Run): void {
    const { bot } = run;
    const context = {
      runId: run.id,
      botId: bot.id,
      botName: bot.name,
      profileId: bot.profileId,
      profileName: this.#deps.profileName?.(bot.profileId) ?? bot.profileId,
      ...(bot.company === undefined ? {} : { company: bot.company }),
    };
    this.#deps.controls.register(context, { checkpoints: bot.checkpoints ?? false });
    if (this.needsApproval(bot)) {
      this.#deps.approvals.require({
        ...context,
        scopes: this.#deps.scopesOf(bot.profileId),
        ...(bot.expectedDurationMs === undefined ? {} : { expectedDurationMs: bot.expectedDurationMs }),
      });
    }
  }

  #live(runId: string): Run & { state: ProcessRunState } {
    const run = this.#deps.lifecycle.get(runId);
    if (!run) throw supervisorError('unknown_run', runId);
    if (!isProcessRunState(run.state)) throw supervisorError('run_not_running', run.bot.name);
    return run as Run & { state: ProcessRunState };
  }

  /** The phase the run's parked requests and controls say it is in. */
  #apply(runId: string): void {
    const run = this.#deps.lifecycle.get(runId);
    if (!run || !isProcessRunState(run.state) || run.state.status === 'paused') {
      // Paused runs keep their phase; the view's `holding` flag may still have changed.
      if (run) this.#deps.lifecycle.touch(run);
      return;
    }
    const { pid, process, deadlineAt } = run.state;
    const base = { pid, process, deadlineAt };
    const since = this.#deps.clock.now();
    const reason = this.#deps.parked.parkedReason(runId);
    const next: ProcessRunState =
      reason === 'approval' || reason === 'presence' || reason === 'answer' || reason === 'company'
        ? { status: 'waitingForSupervisor', since, reason, ...base }
        : reason === 'checkpoint'
          ? { status: 'waitingForSupervisor', since, reason: 'presence', ...base }
          : reason === 'signIn'
            ? { status: 'waitingForSignIn', since, ...base }
            : { status: 'running', ...base };
    const current = run.state;
    const same = current.status === next.status && (current.status !== 'waitingForSupervisor' || next.status !== 'waitingForSupervisor' || current.reason === next.reason);
    if (same) return this.#deps.lifecycle.touch(run);
    this.#deps.lifecycle.setProcessPhase(run, next);
  }
}
