import type { Redis } from 'ioredis';
import { fleetKeys } from '../../app/fleet/fleet-channels.js';
import type { Disposable } from '../../app/common/contract.js';
import { supervisorError } from '../../app/error-catalogue.js';
import type { Clock } from '../../app/ports/clock.js';
import { heartbeatEveryMs, heartbeatTtlMs } from '../../app/fleet/worker-beat.js';

/**
 * How often a worker may beat. Faster than the floor only loads Redis; slower than the default
 * risks the key lapsing (three default beats) between two beats, showing a live worker as gone.
 */
export const heartbeatEveryMsBounds = { min: 250, max: heartbeatEveryMs } as const;

/** `everyMs` as given, or the default; out of bounds is refused with `fleet_worker_option_invalid`. */
export function checkedHeartbeatEveryMs(everyMs: number | undefined): number {
  if (everyMs === undefined) return heartbeatEveryMs;
  const { min, max } = heartbeatEveryMsBounds;
  if (!Number.isInteger(everyMs) || everyMs < min || everyMs > max) {
    throw supervisorError('fleet_worker_option_invalid', `heartbeatEveryMs ${String(everyMs)} is not a whole number of milliseconds from ${min} to ${max} (the default is ${heartbeatEveryMs})`);
  }
  return everyMs;
}

/**
 * The worker's "I am up": a key holding the time, lapsing three beats after the last one, so
 * Settings → Workers can tell an idle worker from one whose program stopped or lost the server
 * (a worker writes nothing else while idle). Deleted on a clean close, so it shows gone at once.
 * Only a time: nothing in it is secret, and forging it shows a dead worker as up, no more.
 * The key's lifetime stays `heartbeatTtlMs` whatever the interval: the desktop measures the
 * worker's clock from what is left of it (worker-beat.ts).
 */
export class WorkerHeartbeat {
  readonly #o: { redis: Redis; workerId: string; clock: Clock };
  readonly #everyMs: number;
  #timer: Disposable | undefined;
  #closed = false;

  constructor(options: { redis: Redis; workerId: string; clock: Clock; everyMs?: number | undefined }) {
    this.#everyMs = checkedHeartbeatEveryMs(options.everyMs);
    this.#o = options;
  }

  start(): void {
    this.#beat();
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#timer?.dispose();
    await this.#o.redis.del(fleetKeys.alive(this.#o.workerId)).catch(() => undefined);
  }

  #beat(): void {
    if (this.#closed) return;
    const { redis, workerId, clock } = this.#o;
    // With Redis away the write waits in the client's queue; a later beat replaces it anyway.
    void redis.set(fleetKeys.alive(workerId), String(clock.now()), 'PX', heartbeatTtlMs).catch(() => undefined);
    this.#timer = clock.setTimer(() => this.#beat(), this.#everyMs);
  }
}
