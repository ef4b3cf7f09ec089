import type { Redis } from 'ioredis';
import { clockOffsetInWords } from '../common/clock-offset-in-words.js';
import { supervisorError } from '../error-catalogue.js';
import type { SupervisorError } from '../errors.js';
import { desktopMessageWindowMs } from './desktop-message.js';
import { fleetKeys } from './fleet-channels.js';
import type { RedisAnswer } from './redis-answer.js';

/** How often a worker says it is up, and how long after its last beat it counts as gone. */
export const heartbeatEveryMs = 10_000;
export const heartbeatTtlMs = 30_000;

/**
 * A worker clock this far from the desktop's is said in Settings → Workers: well inside the 30 s
 * the supervisor's signed messages may differ by (`desktopMessageWindowMs`), so it is seen before
 * runs there fail.
 */
export const clockOffWarningMs = 10_000;

/** One worker's heartbeat as the desktop read it. */
export interface WorkerBeat {
  /** When the worker beat, by this computer's clock. */
  heardAt: number;
  /** How far the worker's clock is ahead of this computer's (negative: behind). */
  clockOffsetMs: number;
}

/**
 * How far a worker's clock is from this computer's, from one beat: the worker wrote its time
 * `beatAt` with the key's lifetime `heartbeatTtlMs`, and `remainingTtlMs` of it was left when
 * this computer read it at `readAt`. Redis counts the lifetime on its own clock, so the beat's
 * moment on this computer's clock is known to within the read's round trip, whatever the two
 * clocks (or Redis's) say.
 */
export function clockOffsetOf(beatAt: number, remainingTtlMs: number, readAt: number): number {
  return beatAt - (readAt - (heartbeatTtlMs - remainingTtlMs));
}

/** "Ward PC 1's clock is 1 min 30 s behind this computer's": the fact `fleet_worker_clock_off` starts with. */
export function clockFact(workerName: string, offsetMs: number): string {
  return `${workerName}'s clock is ${clockOffsetInWords(offsetMs)} this computer's`;
}

/**
 * `fleet_worker_clock_off` when a worker's clock is too far from this computer's for the signed
 * messages between them (beyond `desktopMessageWindowMs`); undefined when it is not, or unknown.
 */
export function clockOffError(workerName: string, offsetMs: number | undefined): SupervisorError | undefined {
  return offsetMs !== undefined && isClockOff(offsetMs) ? supervisorError('fleet_worker_clock_off', clockFact(workerName, offsetMs)) : undefined;
}

/** Too far apart for the signed messages between a worker and this computer. */
export function isClockOff(offsetMs: number): boolean {
  return Math.abs(offsetMs) > desktopMessageWindowMs;
}

/**
 * The heartbeats there now (`fleetKeys.alive`), by worker, with each worker's clock against this
 * computer's: one bounded round trip (the values and their remaining lifetimes) for the whole list.
 */
export async function readHeartbeats(answer: RedisAnswer, redis: Pick<Redis, 'pipeline'>, workerIds: readonly string[], now: () => number): Promise<ReadonlyMap<string, WorkerBeat>> {
  if (workerIds.length === 0) return new Map();
  const keys = workerIds.map((id) => fleetKeys.alive(id));
  const replies = await answer(async () => {
    const pipeline = redis.pipeline().mget(keys);
    for (const key of keys) pipeline.pttl(key);
    return (await pipeline.exec()) ?? [];
  });
  const readAt = now();
  const [valuesReply, ...ttlReplies] = replies;
  if (valuesReply?.[0]) throw valuesReply[0];
  const values = (valuesReply?.[1] ?? []) as (string | null)[];
  const beats = new Map<string, WorkerBeat>();
  workerIds.forEach((id, index) => {
    const at = Number(values[index] ?? Number.NaN);
    const remaining = ttlReplies[index]?.[1];
    if (!Number.isFinite(at)) return;
    // A key that lapsed between the two reads (-2) or has no lifetime (-1) tells nothing of the clock.
    const clockOffsetMs = typeof remaining === 'number' && remaining >= 0 ? clockOffsetOf(at, remaining, readAt) : 0;
    beats.set(id, { heardAt: at - clockOffsetMs, clockOffsetMs });
  });
  return beats;
}
