import type { Clock } from '../ports/clock.js';
import type { BotExit } from './bot-process.js';
import { formatDuration } from './format-duration.js';
import type { EndedStatus, EndIntent, Run, RunExit, RunningRunState, RunState } from './run-record.js';

/** How a run with a process ended. */
export interface RunEnd {
  status: EndedStatus;
  reason: string | undefined;
  exit: RunExit;
}

export interface RunControlDeps {
  clock: Clock;
  /** SIGTERM-to-SIGKILL grace when stopping a run. */
  stopGraceMs: number;
  /** The lifecycle's one way to change a run's phase, checked against the transition table. */
  move: (run: Run, next: RunState) => void;
}

/**
 * Supervises each live process from spawn to exit: its time limit, a stop (SIGTERM to the
 * process group, then SIGKILL after the grace), and how the run ended once the process is gone.
 */
export class RunControl {
  readonly #deps: RunControlDeps;

  constructor(deps: RunControlDeps) {
    this.#deps = deps;
  }

  /**
   * Arms the run's deadline and resolves once its process has exited and its output has been
   * read to the end. Never rejects.
   */
  async watch(run: Run, running: RunningRunState): Promise<RunEnd> {
    const { clock } = this.#deps;
    const timeoutMs = run.bot.timeoutMs;
    const deadline =
      running.deadlineAt === undefined || timeoutMs === undefined
        ? undefined
        : clock.setTimer(
            () => void this.stop(run, { status: 'timedOut', reason: `Stopped after its time limit of ${formatDuration(timeoutMs)}.` }),
            Math.max(0, running.deadlineAt - clock.now()),
          );
    let exit: BotExit;
    try {
      exit = await running.process.exited;
    } finally {
      deadline?.dispose();
    }
    const intent = run.state.status === 'stopping' ? run.state.intent : undefined;
    const status: EndedStatus = intent?.status ?? (exit.code === 0 ? 'succeeded' : 'failed');
    const ended = exit.signal ? `was ended by ${exit.signal}` : `exited with code ${exit.code}`;
    const reason = intent?.reason ?? (status === 'failed' ? `The bot ${ended}.` : undefined);
    const ranFor = formatDuration(clock.now() - run.createdAt);
    run.log.system(`The bot ${ended} after ${ranFor}; the run ${status === 'timedOut' ? 'timed out' : status}.`);
    return { status, reason, exit: { ...exit, pid: running.pid } };
  }

  /** Stops a running run. The first request decides how it ends; a later one changes nothing. */
  async stop(run: Run, intent: EndIntent): Promise<void> {
    const { state } = run;
    if (state.status !== 'running') return;
    const { stopGraceMs, clock } = this.#deps;
    this.#deps.move(run, { status: 'stopping', pid: state.pid, process: state.process, intent, since: clock.now() });
    run.log.system(`Stopping: ${intent.reason} (SIGTERM, then SIGKILL after ${formatDuration(stopGraceMs)}).`);
    await state.process.stop(stopGraceMs);
  }
}
