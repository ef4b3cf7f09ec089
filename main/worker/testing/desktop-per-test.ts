import { afterAll, afterEach, beforeAll } from 'vitest';
import type { TestRedis } from '../../../app/fleet/testing/redis-server.js';
import type { Logger } from '../../../app/ports/logger.js';
import { FleetDesktop, startFleetRedis } from './fleet-desktop.js';

/**
 * For a describe block: one password-protected redis-server for the file, and a new desktop for
 * each call, closed after the test that made it. Call it inside the describe.
 */
export function desktopPerTest(): (logger?: Logger) => FleetDesktop {
  let redis: TestRedis | undefined;
  const made: FleetDesktop[] = [];
  beforeAll(async () => {
    redis = await startFleetRedis();
  });
  afterEach(async () => {
    for (const desk of made.splice(0)) await desk.close();
  });
  afterAll(async () => {
    await redis?.stop();
  });
  return (logger) => {
    if (redis === undefined) throw new Error('desktopPerTest: the redis-server did not start');
    const desk = new FleetDesktop(redis.url, undefined, logger);
    made.push(desk);
    return desk;
  };
}
