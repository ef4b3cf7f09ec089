import type { Redis } from 'ioredis';
import { formatDuration } from '../../app/common/format-duration.js';
import { fleetKeys, type RemoteStatus } from '../../app/fleet/fleet-channels.js';
import type { Clock } from '../../app/ports/clock.js';
import type { RemoteBotExit } from './remote-bot.js';

export interface WorkerRunReportOptions {
  redis: Redis;
  workerId: string;
  workerName: string;
  clock: Clock;
  /** One line for the person watching the worker's terminal or its journal. */
  say: (line: string) => void;
}

type Status = RemoteStatus['status'];

const endings: ReadonlySet<Status> = new Set(['succeeded', 'failed', 'stopped', 'interrupted', 'refused']);

/**
 * A run's statuses, written to the fleet's status stream for the desktop and said on the worker
 * too: IT watching `journalctl -u rpa-worker` sees which runs it took and how each ended, without
 * the desktop. Run and bot ids only: a bot's output never reaches these lines.
 */
export class WorkerRunReport {
  readonly #o: WorkerRunReportOptions;
  /** Runs under way: their bot and when they were taken, for the line that ends them. */
  readonly #runs = new Map<string, { botId: string; pool: string; takenAt: number }>();

  constructor(options: WorkerRunReportOptions) {
    this.#o = options;
  }

  /** A run taken from its pool's queue, before its claim is answered. */
  taken(runId: string, botId: string, pool: string): void {
    this.#runs.set(runId, { botId, pool, takenAt: this.#o.clock.now() });
  }

  async status(runId: string, status: Status, detail?: string): Promise<void> {
    const { workerId, workerName, clock } = this.#o;
    const entry: RemoteStatus = { runId, workerId, workerName, status, at: clock.now(), ...(detail === undefined ? {} : { detail }) };
    this.#say(entry);
    await this.#o.redis.xadd(fleetKeys.status, 'MAXLEN', '~', '10000', '*', 'status', JSON.stringify(entry)).catch(() => undefined);
  }

  #say({ runId, status, detail, at }: RemoteStatus): void {
    const run = this.#runs.get(runId);
    const bot = run === undefined ? '' : ` (bot ${run.botId}, pool ${run.pool})`;
    const why = detail === undefined ? '' : `: ${detail}`;
    if (endings.has(status)) {
      this.#runs.delete(runId);
      const took = run === undefined ? '' : ` after ${formatDuration(at - run.takenAt)}`;
      this.#o.say(`Run ${runId}${bot} ended ${status}${took}${why}.`);
    } else if (status === 'running') this.#o.say(`Run ${runId}${bot} running.`);
    else if (status === 'paused') this.#o.say(`Run ${runId}${bot} paused by the supervisor.`);
    else if (status === 'waiting for supervisor') this.#o.say(`Run ${runId}${bot} waiting: its sign-in lease lapsed, the bot is held until the supervisor renews it.`);
  }
}

/** How a bot ended while its worker stopped, for the run's `interrupted` status. */
export function howBotStopped(exit: RemoteBotExit, graceMs: number, hurried: boolean): string {
  if (exit.signal === 'SIGKILL') return hurried ? 'its bot was killed at once, on a second stop request' : `its bot did not stop within ${formatDuration(graceMs)} and was killed`;
  return `its bot stopped when told to (${exit.signal ?? `exit code ${String(exit.code)}`})`;
}

/** Waits for every promise to settle, but at most `ms`. */
export async function settledWithin(work: readonly Promise<unknown>[], ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([Promise.allSettled(work), new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}
