import { afterEach, describe, expect, it } from 'vitest';
import type { ApprovedWorker } from '../fleet/run-claim.js';
import { fleetRedisClients } from '../fleet/fleet-redis.js';
import { redisAnswer } from '../fleet/redis-answer.js';
import { makeTestWorker } from '../fleet/testing/test-workers.js';
import { leaseRevoker, WorkerAdmin } from '../fleet/worker-admin.js';
import { WorkerRoster } from '../fleet/worker-roster.js';
import { nullLogger } from '../ports/logger.js';
import { workerCommands } from './worker-commands.js';
import { freeLoopbackPort } from '../test-support/free-port.js';

const closers: (() => void)[] = [];
afterEach(() => {
  for (const close of closers.splice(0)) close();
});

describe('Remove in Settings → Workers with the fleet’s Redis down', () => {
  it('removes the worker for good and says so (leases withdrawn when Redis answers, lapsing meanwhile), instead of failing after removing it', async () => {
    const url = `redis://127.0.0.1:${await freeLoopbackPort()}`;
    const clients = fleetRedisClients({ url }, () => undefined);
    closers.push(clients.closeAll);
    const client = clients.client();
    const answer = redisAnswer(client, url, 500);
    const ward = makeTestWorker('Ward PC 7');
    closers.push(ward.dispose);
    let saved: ApprovedWorker[] = [ward.approved];
    const roster = new WorkerRoster({ redis: client, answer, load: () => saved, save: (workers) => (saved = workers), audit: () => undefined, now: () => 0 });
    const forgotten: string[] = [];
    // The coordinator forgets the worker's leases at once; deleting them in Redis waits for Redis.
    const workerRemoved = (workerId: string) => {
      forgotten.push(workerId);
      return new Promise<void>(() => undefined);
    };
    const admin = new WorkerAdmin({ roster, canApprove: true, lastSeen: () => undefined, revokeWorker: leaseRevoker(answer, workerRemoved, nullLogger), setBotPool: () => undefined, leaseTtlMs: 120_000 });
    const commands = workerCommands({ workers: admin, person: () => ({ subject: 'admin', name: 'Admin' }) });

    const outcome = await commands.removeWorker({ workerId: ward.approved.workerId });

    expect(outcome).toEqual({ name: 'Ward PC 7', leasesWithdrawn: false, leaseTtlMs: 120_000 });
    expect(saved).toEqual([]);
    expect(roster.approved(ward.approved.workerId)).toBeUndefined();
    expect(forgotten).toEqual([ward.approved.workerId]);
  });
});
