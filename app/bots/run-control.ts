import type { Disposable } from '../common/contract.js';
import { endedRunWords } from '../common/run-status.js';
import type { Clock } from '../ports/clock.js';
import type { BotExit } from './bot-process.js';
import { formatDuration } from './format-duration.js';
import { isProcessRunState, type EndedStatus, type EndIntent, type ProcessRunState, type Run, type RunExit, type RunState } from './run-record.js';

/** How a run with a process ended. */
export interface RunEnd {
  status: EndedStatus;
  reason: string | undefined;
  exit: RunExit;
  haltedBy?: EndIntent['haltedBy'];
}

export interface RunControlDeps {
  clock: Clock;
  /** SIGTERM-to-SIGKILL grace when stopping a run. */
  stopGraceMs: number;
  /** The lifecycle's one way to change a run's phase, checked against the transition table. */
  move: (run: Run, next: RunState) => void;
  /**
   * How a run ends when its process exits without a stop from us: the bot took a "stop at next
   * safe point" (it ends `cancelled`), or undefined (its exit code decides).
   */
  endAtExit?: (run: Run) => EndIntent | undefined;
}

/**
 * Supervises each live process from spawn to exit: its time limit, a stop (SIGTERM to the
 * process group, then SIGKILL after the grace), and how the run ended once the process is gone.
 */
export class RunControl {
  readonly #deps: RunControlDeps;
  readonly #deadlines = new Map<string, Disposable>();

  constructor(deps: RunControlDeps) {
    this.#deps = deps;
  }

  /**
   * Arms the run's deadline and resolves once its process has exited and its output has been
   * read to the end. Never rejects.
   */
  async watch(run: Run, started: ProcessRunState): Promise<RunEnd> {
    const { clock } = this.#deps;
    this.setDeadline(run, started.deadlineAt);
    let exit: BotExit;
    try {
      exit = await started.process.exited;
    } finally {
      this.setDeadline(run, undefined);
    }
    let intent = run.state.status === 'stopping' ? run.state.intent : undefined;
    const atExit = intent ? undefined : this.#deps.endAtExit?.(run);
    if (atExit && isProcessRunState(run.state)) {
      // The bot took a safe stop and exited: it ends as that stop says, through `stopping`.
      const { pid, process } = run.state;
      this.#deps.move(run, { status: 'stopping', pid, process, intent: atExit, since: clock.now() });
      intent = atExit;
    }
    const status: EndedStatus = intent?.status ?? (exit.code === 0 ? 'succeeded' : 'failed');
    const ended = exit.signal ? `was ended by ${exit.signal}` : `exited with code ${exit.code}`;
    const reason = intent?.reason ?? (status === 'failed' ? `The bot ${ended}.` : undefined);
    const ranFor = formatDuration(clock.now() - run.createdAt);
    run.log.system(`The bot ${ended} after ${ranFor}; the run ${status === 'cancelled' ? 'was stopped' : endedRunWords(status)}.`);
    return { status, reason, exit: { ...exit, pid: started.pid }, ...(intent?.haltedBy ? { haltedBy: intent.haltedBy } : {}) };
  }

  /**
   * (Re-)arms the time limit at `deadlineAt`, or disarms it (undefined): a pause moves it when
   * paused time does not count against the run's time limit.
   */
  setDeadline(run: Run, deadlineAt: number | undefined): void {
    this.#deadlines.get(run.id)?.dispose();
    this.#deadlines.delete(run.id);
    const timeoutMs = run.bot.timeoutMs;
    if (deadlineAt === undefined || timeoutMs === undefined) return;
    const timer = this.#deps.clock.setTimer(
      () => void this.stop(run, { status: 'timedOut', reason: `Stopped after its time limit of ${formatDuration(timeoutMs)}.` }),
      Math.max(0, deadlineAt - this.#deps.clock.now()),
    );
    this.#deadlines.set(run.id, timer);
  }

  /**
   * Stops a run whose process exists. The first request decides how it ends; a later one changes
   * nothing. A bot stopped by SIGSTOP is continued first, so it can handle SIGTERM.
   *
   * A bot that already exited by itself, its output still being read, came first: its exit
   * decides how the run ends, so a sign-out or time limit a moment later cannot record a run
   * that finished as halted or timed out, which an operator would then run again (S115).
   */
  async stop(run: Run, intent: EndIntent): Promise<void> {
    const { state } = run;
    if (!isProcessRunState(state) || state.process.hasExited) return;
    const { stopGraceMs, clock } = this.#deps;
    this.#deps.move(run, { status: 'stopping', pid: state.pid, process: state.process, intent, since: clock.now() });
    run.log.system(`Stopping (SIGTERM, then SIGKILL after ${formatDuration(stopGraceMs)}): ${intent.reason}`);
    if (state.status === 'paused' && state.mode === 'signal') await state.process.signalTree('SIGCONT');
    await state.process.stop(stopGraceMs);
  }
}
