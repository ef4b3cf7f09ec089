import type { Redis } from 'ioredis';
import { fleetKeys } from '../../app/fleet/fleet-channels.js';
import type { Disposable } from '../../app/common/contract.js';
import type { Clock } from '../../app/ports/clock.js';
import { heartbeatEveryMs, heartbeatTtlMs } from '../../app/fleet/worker-beat.js';

/**
 * The worker's "I am up": a key holding the time, lapsing three beats after the last one, so
 * Settings → Workers can tell an idle worker from one whose program stopped or lost the server
 * (a worker writes nothing else while idle). Deleted on a clean close, so it shows gone at once.
 * Only a time: nothing in it is secret, and forging it shows a dead worker as up, no more.
 */
export class WorkerHeartbeat {
  readonly #o: { redis: Redis; workerId: string; clock: Clock; everyMs?: number; ttlMs?: number };
  #timer: Disposable | undefined;
  #closed = false;

  constructor(options: { redis: Redis; workerId: string; clock: Clock; everyMs?: number; ttlMs?: number }) {
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
    void redis.set(fleetKeys.alive(workerId), String(clock.now()), 'PX', this.#o.ttlMs ?? heartbeatTtlMs).catch(() => undefined);
    this.#timer = clock.setTimer(() => this.#beat(), this.#o.everyMs ?? heartbeatEveryMs);
  }
}
