import type { Redis } from 'ioredis';
import { supervisorError } from '../error-catalogue.js';
import type { SupervisorError } from '../errors.js';
import { redisAddressForMessages, redisTroubleCode } from './fleet-redis.js';

/** How long a command of the window waits for Redis before it says the server cannot be reached. */
export const redisAnswerWithinMs = 3000;

/** Runs one Redis read for a command of the window, or fails with a catalogue error. */
export type RedisAnswer = <T>(read: () => Promise<T>) => Promise<T>;

/**
 * The fleet's clients queue commands while Redis is away and send them once it is back
 * (`maxRetriesPerRequest: null`), which is right for leases and the run queue but leaves a
 * command of the window (Settings → Workers) waiting for ever. This bounds such reads: a client
 * that has already lost its server fails at once, one still connecting after `withinMs`, with
 * `fleet_redis_unreachable` (or `fleet_redis_tls_untrusted` when the last error was the server's
 * certificate). A read abandoned here may still run once Redis is back; its answer is dropped.
 */
export function redisAnswer(client: Pick<Redis, 'status' | 'on'>, url: string, withinMs = redisAnswerWithinMs): RedisAnswer {
  let lastError: Error | undefined;
  client.on('error', (error: Error) => {
    lastError = error;
  });
  client.on('ready', () => {
    lastError = undefined;
  });
  const unreachable = (): SupervisorError => supervisorError(lastError ? redisTroubleCode(lastError) : 'fleet_redis_unreachable', redisAddressForMessages(url));
  return async <T>(read: () => Promise<T>): Promise<T> => {
    if (client.status === 'reconnecting' || client.status === 'close' || client.status === 'end') throw unreachable();
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(unreachable()), withinMs);
    });
    try {
      return await Promise.race([read(), late]);
    } finally {
      clearTimeout(timer);
    }
  };
}
