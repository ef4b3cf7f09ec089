import { closeSync, openSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import type { Disposable } from '../common/contract.js';
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';

/** How often a file's time is touched while runs are live: the error of an interrupted run's duration. */
export const heartbeatIntervalMs = 15_000;

/**
 * A file whose modification time says "runs were live and this instance was alive at that
 * moment", touched every 15 s while any run is live. When the supervisor dies, its live runs are
 * marked `interrupted` at the next start, and the file (or a run's own log, if later) tells how
 * long they really ran, instead of counting the time the app was not running.
 */
export class LivenessHeartbeat {
  readonly #path: string;
  readonly #clock: Clock;
  readonly #logger: Logger;
  #timer: Disposable | undefined;

  constructor(options: { path: string; clock: Clock; logger: Logger }) {
    this.#path = options.path;
    this.#clock = options.clock;
    this.#logger = options.logger;
  }

  /** The last beat before this instance started (or undefined): read it before `setLive(true)`. */
  lastBeatAt(): number | undefined {
    return modifiedAt(this.#path);
  }

  /** Beats while something is live; stops when nothing is. */
  setLive(live: boolean): void {
    if (live && !this.#timer) {
      this.#beat();
      this.#arm();
    } else if (!live && this.#timer) {
      this.#timer.dispose();
      this.#timer = undefined;
      this.#beat();
    }
  }

  dispose(): void {
    this.#timer?.dispose();
    this.#timer = undefined;
  }

  #arm(): void {
    this.#timer = this.#clock.setTimer(() => {
      this.#beat();
      this.#arm();
    }, heartbeatIntervalMs);
  }

  #beat(): void {
    const at = new Date(this.#clock.now());
    try {
      utimesSync(this.#path, at, at);
    } catch {
      try {
        closeSync(openSync(this.#path, 'a', 0o600));
        utimesSync(this.#path, at, at);
      } catch (error) {
        this.#logger.warn('Could not write the run heartbeat', { error: String(error) });
      }
    }
  }
}

/**
 * A file's modification time in whole epoch ms, or undefined when it cannot be read. Rounded:
 * `utimes` stores seconds as a float, so a beat written at t reads back as t − 0.001.
 */
export function modifiedAt(path: string): number | undefined {
  try {
    return Math.round(statSync(path).mtimeMs);
  } catch {
    return undefined;
  }
}

/**
 * The run heartbeat in `<dataDir>/runs.heartbeat`, and when each run of the instance before was
 * last known alive: the later of that instance's last beat and the run's own log file. Read once,
 * before this instance beats.
 */
export function openRunLiveness(options: { dataDir: string; logsDir: string; clock: Clock; logger: Logger }): {
  heartbeat: LivenessHeartbeat;
  lastAliveAt: (run: { id: string }) => number | undefined;
} {
  const heartbeat = new LivenessHeartbeat({ path: join(options.dataDir, 'runs.heartbeat'), clock: options.clock, logger: options.logger });
  const lastBeatAt = heartbeat.lastBeatAt();
  const lastAliveAt = (run: { id: string }) => {
    const known = [lastBeatAt, modifiedAt(join(options.logsDir, `${run.id}.log`))].filter((at): at is number => at !== undefined);
    return known.length === 0 ? undefined : Math.max(...known);
  };
  return { heartbeat, lastAliveAt };
}
