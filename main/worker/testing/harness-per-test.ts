import { afterAll, afterEach, beforeAll } from 'vitest';
import { startTestRedis, type TestRedis } from '../../../app/fleet/testing/redis-server.js';
import { FleetHarness } from './fleet-harness.js';

/**
 * For a describe block: one real redis-server for the file, and a fresh harness for each test on
 * its own queue (`<prefix>-<n>`), closed after the test. Call it inside the describe.
 */
export function harnessPerTest(prefix: string): () => FleetHarness {
  let redis: TestRedis | undefined;
  let current: FleetHarness | undefined;
  let serial = 0;
  beforeAll(async () => {
    redis = await startTestRedis();
  });
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  afterAll(async () => {
    await redis?.stop();
  });
  return () => {
    if (redis === undefined) throw new Error('harnessPerTest: the redis-server did not start');
    serial += 1;
    current = new FleetHarness(redis.url, `${prefix}-${String(serial)}`);
    return current;
  };
}
