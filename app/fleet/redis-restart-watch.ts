import type { Redis } from 'ioredis';
import type { Disposable } from '../common/contract.js';

/** The server's `run_id` from INFO: a new value on every start of redis-server. */
export async function redisRunId(redis: Redis): Promise<string | undefined> {
  const info = await redis.info('server');
  return /^run_id:([0-9a-f]+)\s*$/m.exec(info)?.[1];
}

/**
 * Calls `onRestart` when the connection comes back to a Redis that restarted (another `run_id`),
 * as opposed to a dropped connection to the same server. A Redis without persistence comes back
 * empty, so the desktop adds its waiting runs again (BullmqRunQueue.resubmitWaiting).
 */
export function watchRedisRestarts(redis: Redis, onRestart: () => void, onError: (error: unknown) => void = () => undefined): Disposable {
  let known: string | undefined;
  let disposed = false;
  const check = (): void => {
    void redisRunId(redis).then(
      (runId) => {
        if (disposed || runId === undefined) return;
        const restarted = known !== undefined && runId !== known;
        known = runId;
        if (restarted) onRestart();
      },
      (error: unknown) => onError(error),
    );
  };
  redis.on('ready', check);
  if (redis.status === 'ready') check();
  return {
    dispose: () => {
      disposed = true;
      redis.off('ready', check);
    },
  };
}
