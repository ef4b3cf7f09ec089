import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FleetRunLost } from '../../app/fleet/bullmq-run-queue.js';
import { fleetChannels, fleetKeys } from '../../app/fleet/fleet-channels.js';
import { redisServerMissing } from '../../app/fleet/testing/redis-server.js';
import { until } from '../../app/fleet/testing/until.js';
import { findProcessesByRunId } from '../../app/bots/process-table.js';
import type { Logger } from '../../app/ports/logger.js';
import { TestSession } from './testing/fleet-harness.js';
import { harnessPerTest } from './testing/harness-per-test.js';
import { liveRunsFileName } from './worker-orphans.js';

const token = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1LWZhdWx0In0.c2lnbmF0dXJlLWZvci1mYXVsdC10ZXN0';

/** Every warning the worker program would print, with its fields. */
function warnings(): { logger: Logger; seen: { message: string; fields?: object }[] } {
  const seen: { message: string; fields?: object }[] = [];
  const add = (message: string, fields?: object) => void seen.push({ message, ...(fields ? { fields } : {}) });
  return { logger: { info: () => undefined, warn: add, error: add }, seen };
}

describe.skipIf(redisServerMissing())('worker agent faults, on a real redis-server', () => {
  const harness = harnessPerTest('agent-faults');
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown): void => void rejections.push(reason);
  beforeEach(() => {
    rejections.length = 0;
    process.on('unhandledRejection', onRejection);
  });
  afterEach(() => {
    process.off('unhandledRejection', onRejection);
  });

  it('S111 a lease key Redis holds as another type (someone who writes to Redis) is refused and logged, never an unhandled failure that ends the worker', async () => {
    const f = harness();
    await f.startSupervisor(new TestSession(token));
    // Nobody answers the claim, so the forged lease is the only one.
    await f.coordinator.close();
    const { logger, seen } = warnings();
    await f.startWorker('Ward PC F1', { approve: true, logger, leaseWaitMs: 60_000 });
    f.enqueue('run-forged-type', { botId: 'once' });
    await until(async () => ((await f.statuses('run-forged-type')).some((s) => s.status === 'starting') ? true : undefined));
    const forger = f.client();
    await forger.hset(fleetKeys.lease('run-forged-type'), 'not', 'a lease');
    await forger.publish(fleetChannels.leases, JSON.stringify({ runId: 'run-forged-type' }));
    const refused = await until(() => seen.find((w) => w.message === 'Fleet lease refused'));
    expect(refused.fields).toMatchObject({ runId: 'run-forged-type', reason: 'unreadable' });
    expect(rejections).toEqual([]);
    expect(await findProcessesByRunId('run-forged-type')).toEqual([]);
  });

  it('the live-runs file cannot be written (a full disk): the bot still runs under the orphan reaper, the run ends once with its own status, and the worker says why', async () => {
    const f = harness();
    await f.startSupervisor(new TestSession(token));
    const lost: FleetRunLost[] = [];
    f.queue.onDidLose((l) => lost.push(l));
    const dataDir = mkdtempSync(join(tmpdir(), 'rpa-worker-data-'));
    f.closers.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const { logger, seen } = warnings();
    await f.startWorker('Ward PC F2', { approve: true, logger, dataDir });
    // The list is written whole to a temporary file first: a folder in its place makes every write fail.
    mkdirSync(join(dataDir, `${liveRunsFileName}.tmp`));
    f.enqueue('run-disk-full', { botId: 'once' });
    const ended = await until(async () => (await f.statuses('run-disk-full')).find((s) => ['succeeded', 'failed', 'stopped'].includes(s.status)), 15_000);
    expect(ended).toMatchObject({ status: 'succeeded' });
    expect((await f.statuses('run-disk-full')).map((s) => s.status)).toEqual(['starting', 'running', 'succeeded']);
    expect(lost).toEqual([]);
    const said = seen.filter((w) => w.message.startsWith("Could not save this worker's live runs"));
    expect(said.map((w) => w.fields)).toEqual([{ runId: 'run-disk-full' }, { runId: 'run-disk-full' }]);
    expect(said[0]?.message).toContain('(it is a folder, not a file, EISDIR)');
    expect(await findProcessesByRunId('run-disk-full')).toEqual([]);
    expect(rejections).toEqual([]);
  });
});
