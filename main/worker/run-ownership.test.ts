import type { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import type { FleetEvent } from '../../app/fleet/fleet-coordinator.js';
import { fleetChannels, parseMessage, type ClaimMessage } from '../../app/fleet/fleet-channels.js';
import { signRunClaim } from '../../app/fleet/run-claim.js';
import { redisServerMissing } from '../../app/fleet/testing/redis-server.js';
import { makeTestWorker } from '../../app/fleet/testing/test-workers.js';
import { until } from '../../app/fleet/testing/until.js';
import { TestSession } from './testing/fleet-harness.js';
import { harnessPerTest } from './testing/harness-per-test.js';

const token = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1LWFkYSIsInJhY2UiOiJ0ZXN0In0.c2lnbmF0dXJlLWZvci1jbGFpbS1yYWNl';

/** Publishes `claim` once, the moment the first claim for `runId` is seen on the channel (a copy of the job, or a replay). */
async function followFirstClaim(watcher: Redis, publisher: Redis, runId: string, claim: string): Promise<void> {
  let sent = false;
  watcher.on('message', (_channel: string, text: string) => {
    if (sent || parseMessage<ClaimMessage>(text)?.runId !== runId) return;
    sent = true;
    void publisher.publish(fleetChannels.claims, JSON.stringify({ runId, pool: 'ward', claim }));
  });
  await watcher.subscribe(fleetChannels.claims);
}

describe.skipIf(redisServerMissing())('two claims for one run at the same moment (real redis-server, worker agent, real bot)', () => {
  const harness = harnessPerTest('claim-race');

  it.each([
    ['another approved worker', false],
    ['the same worker (its claim replayed)', true],
  ])('S71 a second claim from %s right behind the first: one lease, the first worker runs the bot to its end, the second claim is refused as already started', async (_who, replay) => {
    const f = harness();
    // The status stream is shared by every test on this server: each test its own run.
    const runId = replay ? 'run-race-replay' : 'run-race-other';
    await f.startSupervisor(new TestSession(token));
    const events: FleetEvent[] = [];
    f.coordinator.onDidChange((event) => events.push(event));
    const first = makeTestWorker('Ward PC 30');
    const agent = await f.startWorker('Ward PC 30', { approve: true, worker: first });
    const other = makeTestWorker('Ward PC 31');
    f.closers.push(other.dispose);
    f.approved.set(other.approved.workerId, other.approved);
    const claimant = replay ? first : other;
    const second = await signRunClaim({ workerId: claimant.approved.workerId, runId, issuedAt: Date.now() }, claimant.identity.privateKey);
    await followFirstClaim(f.client(), f.client(), runId, second);

    f.enqueue(runId, { botId: 'once' });
    await until(() => (events.filter((event) => event.kind === 'leased' || event.kind === 'refused').length >= 2 ? true : undefined));
    // The job leaves the queue once its worker is done with it, whichever way.
    await until(async () => ((await f.queue.getJob(runId)) === undefined || (await f.queue.getJob(runId))?.finishedOn !== undefined ? true : undefined));

    expect(events.filter((event) => event.kind === 'leased' && !event.renewal)).toMatchObject([{ runId, workerId: agent.workerId }]);
    expect(events.filter((event) => event.kind === 'refused')).toMatchObject([{ runId, reason: 'already_started' }]);
    const statuses = (await f.statuses(runId)).map((status) => `${status.workerName}: ${status.status}`);
    expect(statuses).toEqual(['Ward PC 30: starting', 'Ward PC 30: running', 'Ward PC 30: succeeded']);
  });
});

describe.skipIf(redisServerMissing())('a run the desktop ended while its bot still runs (real redis-server, worker agent, real bot)', () => {
  const harness = harnessPerTest('run-ended');

  it('S71 the run ended on the desktop (declared lost, say) while its bot still runs on the worker: the worker stops serving the token at once, not at the lease TTL', async () => {
    const f = harness();
    await f.startSupervisor(new TestSession(token));
    await f.startWorker('Ward PC 32', { approve: true });
    f.enqueue('run-ended-early');
    const served = (lines: string[]) => lines.filter((line) => /^served \d+ at \d+$/.test(line)).length;
    await until(async () => (served(await f.logLines('run-ended-early')) >= 2 ? true : undefined));
    const endedAt = Date.now();
    await f.coordinator.runEnded('run-ended-early');
    const denied = await until(async () => (await f.logLines('run-ended-early')).map((line) => /^denied \w+ at (\d+)$/.exec(line)?.[1]).find((at) => at !== undefined), 5000);
    expect(Number(denied) - endedAt).toBeLessThan(1000);
  });
});
