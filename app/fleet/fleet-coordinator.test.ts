import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Disposable, UserView } from '../common/contract.js';
import type { SessionAccess, TokenGrant } from '../bots/session-access.js';
import { systemClock } from '../ports/clock.js';
import { createDesktopKey } from './desktop-key.js';
import { fleetChannels, fleetKeys } from './fleet-channels.js';
import { FleetCoordinator, type FleetEvent } from './fleet-coordinator.js';
import { fleetRedisClients } from './fleet-redis.js';
import { signRunClaim, type ApprovedWorker } from './run-claim.js';
import { redisServerMissing, startTestRedis, type TestRedis } from './testing/redis-server.js';
import { makeTestWorker } from './testing/test-workers.js';
import { until } from './testing/until.js';

const supervisor: UserView = { subject: 'u-ada', name: 'Dr Ada' };

/** A session that always grants: what is under test is the worker's approval, not the session. */
const grantingSession: SessionAccess = {
  tokenFor: (profileId): TokenGrant => ({ ok: true, accessToken: 'token-for-the-fleet-test', expiresAt: Date.now() + 3_600_000, profileId, supervisor }),
  onDidChange: (): Disposable => ({ dispose: () => undefined }),
};

const closers: (() => unknown)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

describe.skipIf(redisServerMissing())('FleetCoordinator: a removed worker never gets a lease later (real redis-server)', () => {
  it('a renewal held back while Redis is down is neither kept nor announced when Redis is back, once its worker was removed meanwhile', async () => {
    const redis: TestRedis = await startTestRedis();
    closers.push(() => redis.stop());
    const clients = fleetRedisClients({ url: redis.url }, () => undefined);
    closers.push(clients.closeAll);
    const ward = makeTestWorker('Ward PC 7');
    closers.push(ward.dispose);
    const approved = new Map<string, ApprovedWorker>([[ward.approved.workerId, ward.approved]]);
    const leaseTtlMs = 900;
    // The coordinator's own connection, watched: its lease writes and deletes say where it got to.
    const commands = clients.client();
    const sets = vi.spyOn(commands, 'set');
    const deletes = vi.spyOn(commands, 'del');
    const coordinator = new FleetCoordinator({
      redis: commands,
      subscriber: clients.client(),
      sessions: grantingSession,
      clock: systemClock,
      approved: (id) => approved.get(id),
      ticket: (runId) => (runId === 'run-ward' ? { runId, profileId: 'sandbox', pool: 'ward', expectedDurationMs: 60_000 } : undefined),
      leaseTtlMs,
      desktopKey: createDesktopKey(),
    });
    closers.push(() => coordinator.close());
    const events: FleetEvent[] = [];
    coordinator.onDidChange((event) => events.push(event));
    await coordinator.start();

    const claim = await signRunClaim({ workerId: ward.approved.workerId, runId: 'run-ward', issuedAt: Date.now() }, ward.identity.privateKey);
    await clients.client().publish(fleetChannels.claims, JSON.stringify({ runId: 'run-ward', pool: 'ward', claim }));
    await until(() => events.find((event) => event.kind === 'leased'));

    const watcher = clients.client();
    const announced: string[] = [];
    watcher.on('message', (_channel: string, text: string) => announced.push(text));
    await watcher.subscribe(fleetChannels.leases);

    await redis.down();
    // A renewal (every TTL/3) comes due while Redis is away: its write waits in the client's queue.
    const setsBefore = sets.mock.calls.length;
    await until(() => (sets.mock.calls.length > setsBefore ? true : undefined));
    // Removed in Settings → Workers while Redis is still away.
    approved.delete(ward.approved.workerId);
    const removedAt = events.length;
    // Renewals announced before the removal were right (every TTL/3; a busy machine may fit one in
    // between subscribing and stopping Redis): only what comes after it must be silent.
    const announcedBefore = announced.length;
    const deletesBefore = deletes.mock.results.length;
    await redis.up();

    // Once Redis is back the held write lands, and the coordinator, finding the worker removed,
    // deletes it instead of announcing it: the delete is the end of that renewal.
    const removal = await until(() => deletes.mock.results.slice(deletesBefore).find((result) => result.type === 'return')?.value as Promise<number> | undefined);
    await removal;
    expect(events.slice(removedAt).filter((event) => event.kind === 'leased')).toEqual([]);
    expect(announced.slice(announcedBefore)).toEqual([]);
    expect(await watcher.exists(fleetKeys.lease('run-ward'))).toBe(0);
    expect(coordinator.workerOf('run-ward')).toBeUndefined();
  }, 30_000);
});
