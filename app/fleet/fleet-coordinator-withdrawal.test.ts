import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Disposable, UserView } from '../common/contract.js';
import { ListenerSet } from '../common/listener-set.js';
import type { SessionAccess, TokenGrant } from '../bots/session-access.js';
import type { Clock } from '../ports/clock.js';
import { createDesktopKey } from './desktop-key.js';
import { fleetChannels, fleetKeys } from './fleet-channels.js';
import { FleetCoordinator, type FleetEvent } from './fleet-coordinator.js';
import { fleetRedisClients } from './fleet-redis.js';
import { signRunClaim } from './run-claim.js';
import { redisServerMissing, startTestRedis, type TestRedis } from './testing/redis-server.js';
import { makeTestWorker } from './testing/test-workers.js';
import { until } from './testing/until.js';

const supervisor: UserView = { subject: 'u-ada', name: 'Dr Ada' };

/** A session that can be signed out, and that runs `duringNextGrant` right after the next token it grants. */
class Session implements SessionAccess {
  readonly #changes = new ListenerSet<string>();
  signedIn = true;
  duringNextGrant: (() => void) | undefined;
  tokenFor(profileId: string): TokenGrant {
    if (!this.signedIn) return { ok: false, code: 'signed_out', message: 'Signed out.' };
    const during = this.duringNextGrant;
    this.duringNextGrant = undefined;
    // Once the coordinator is sealing the lease with this token, not before.
    if (during) queueMicrotask(during);
    return { ok: true, accessToken: 'token-for-the-withdrawal-test', expiresAt: Date.now() + 3_600_000, profileId, supervisor };
  }
  signOut(): void {
    this.signedIn = false;
    this.#changes.emit('sandbox');
  }
  onDidChange(listener: (profileId: string) => void): Disposable {
    return this.#changes.add(listener);
  }
}

/** Real time, but the renewal timer fires when the test says; `renewed` resolves when the renewal after it is scheduled. */
function handClock(): Clock & { renew: () => Promise<void> } {
  let due: (() => void) | undefined;
  let scheduled: (() => void) | undefined;
  return {
    now: () => Date.now(),
    setTimer(callback) {
      due = callback;
      scheduled?.();
      return { dispose: () => (due = undefined) };
    },
    renew: () =>
      new Promise<void>((resolve) => {
        scheduled = resolve;
        due?.();
      }),
  };
}

let redis: TestRedis | undefined;
const closers: (() => unknown)[] = [];
beforeAll(async () => {
  if (!redisServerMissing()) redis = await startTestRedis();
});
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});
afterAll(async () => {
  await redis?.stop();
});

/** A started coordinator for one run and one approved worker, on the test's redis-server. */
async function coordinatorFor(workerName: string, runIdPrefix: string, session: Session, clock: Clock, mayStart?: () => string | undefined) {
  const clients = fleetRedisClients({ url: redis!.url }, () => undefined);
  closers.push(clients.closeAll);
  const ward = makeTestWorker(workerName);
  closers.push(ward.dispose);
  const runId = `${runIdPrefix}-${String(Math.random()).slice(2, 10)}`;
  const commands = clients.client();
  const publishes = vi.spyOn(commands, 'publish');
  const coordinator = new FleetCoordinator({
    redis: commands,
    subscriber: clients.client(),
    sessions: session,
    clock,
    approved: (id) => (id === ward.approved.workerId ? ward.approved : undefined),
    ticket: (id) => (id === runId ? { runId, profileId: 'sandbox', pool: 'ward', expectedDurationMs: 60_000 } : undefined),
    ...(mayStart ? { mayStart } : {}),
    leaseTtlMs: 120_000,
    desktopKey: createDesktopKey(),
  });
  closers.push(() => coordinator.close());
  const events: FleetEvent[] = [];
  coordinator.onDidChange((event) => events.push(event));
  await coordinator.start();
  const claim = async () => {
    const signed = await signRunClaim({ workerId: ward.approved.workerId, runId, issuedAt: Date.now() }, ward.identity.privateKey);
    await clients.client().publish(fleetChannels.claims, JSON.stringify({ runId, pool: 'ward', claim: signed }));
  };
  return { coordinator, commands, publishes, events, runId, claim };
}

describe.skipIf(redisServerMissing())('FleetCoordinator: a lease withdrawn while its renewal is being sealed stays withdrawn (real redis-server)', () => {
  const withdrawals = [
    ['the supervisor signs out', (session: Session) => session.signOut()],
    ['the supervisor leaves the computer', (_session: Session, coordinator: FleetCoordinator) => void coordinator.suspendAll('supervisor away')],
    ['the run ends', (_session: Session, coordinator: FleetCoordinator, runId: string) => void coordinator.runEnded(runId)],
  ] as const;

  it.each(withdrawals)('S69 %s during a renewal: the renewal is neither written to Redis nor announced, and the worker gets no lease back', async (_what, withdraw) => {
    const session = new Session();
    const clock = handClock();
    const { coordinator, commands, publishes, events, runId, claim } = await coordinatorFor('Ward PC 40', 'run-withdrawn', session, clock);
    await claim();
    await until(() => events.find((event) => event.kind === 'leased'));

    // The renewal takes the token; the lease is withdrawn while that token is being sealed into it.
    session.duringNextGrant = () => withdraw(session, coordinator, runId);
    const before = publishes.mock.calls.length;
    await clock.renew();
    // Whatever the withdrawal sent is through once a command sent after it has its answer.
    await commands.ping();

    expect(await commands.exists(fleetKeys.lease(runId))).toBe(0);
    expect(coordinator.workerOf(runId)).toBeUndefined();
    expect(publishes.mock.calls.slice(before).filter(([channel]) => channel === fleetChannels.leases)).toEqual([]);
    expect(events.filter((event) => event.kind === 'leased' && event.renewal)).toEqual([]);
  });

  it('S69 the supervisor leaves while a first lease is being sealed: it is neither written nor announced, and the claim is refused by the start policy', async () => {
    const session = new Session();
    let away = false;
    const { coordinator, commands, publishes, events, runId, claim } = await coordinatorFor('Ward PC 41', 'run-first', session, handClock(), () => (away ? 'The supervisor is away from the computer.' : undefined));
    session.duringNextGrant = () => (away = true);
    await claim();

    expect(await until(() => events.find((event) => event.kind === 'refused'))).toMatchObject({ runId, reason: 'policy', detail: 'The supervisor is away from the computer.' });
    await commands.ping();
    expect(await commands.exists(fleetKeys.lease(runId))).toBe(0);
    expect(coordinator.workerOf(runId)).toBeUndefined();
    expect(publishes.mock.calls.filter(([channel]) => channel === fleetChannels.leases)).toEqual([]);
    expect(events.filter((event) => event.kind === 'leased')).toEqual([]);
  });
});
