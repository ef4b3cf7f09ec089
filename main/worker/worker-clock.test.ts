import { describe, expect, it } from 'vitest';
import { redisServerMissing } from '../../app/fleet/testing/redis-server.js';
import { systemClock, type Clock } from '../../app/ports/clock.js';
import type { FleetDesktop } from './testing/fleet-desktop.js';
import { desktopPerTest } from './testing/desktop-per-test.js';

/** A worker computer whose clock is set wrong by `offsetMs` (its timers run as anyone's do). */
const clockOff = (offsetMs: number): Clock => ({ now: () => Date.now() + offsetMs, setTimer: systemClock.setTimer });

/**
 * A worker whose clock is off (docs/fleet.md, "A worker's clock"): the desktop measures it from
 * the heartbeat, Settings → Workers says so, and a run that fails because of it says the clock,
 * not a key to re-pin or a worker to enrol again. Real supervisor, redis-server, worker and bot.
 */
describe.skipIf(redisServerMissing())('a worker whose clock is off', () => {
  const newDesk = desktopPerTest();
  let desk: FleetDesktop;

  async function approvedWorkerWithClock(name: string, offsetMs: number, leaseWaitMs?: number) {
    desk = newDesk();
    await desk.start();
    await desk.startWorker(name, { clock: clockOff(offsetMs), ...(leaseWaitMs === undefined ? {} : { leaseWaitMs }) });
    const { api } = desk.supervisor;
    const enrolment = (await api.invoke('listWorkers', {})).pending.find((entry) => entry.name === name);
    expect(enrolment).toBeDefined();
    await api.invoke('approveWorker', { fingerprint: enrolment!.fingerprint, name, pools: ['ward'] });
    return api;
  }

  it('is shown in Settings → Workers ahead by what it is, and a run there fails saying so (S86)', async () => {
    // Its claim ends by the lease wait (it refuses every lease as out of date), and the reason comes
    // from the clock the desktop measured, whatever the worker says: a short wait proves the same.
    const api = await approvedWorkerWithClock('Ward PC clock ahead', 90_000, 1500);
    const [worker] = (await api.invoke('listWorkers', {})).approved;
    expect(worker?.online).toBe(true);
    // Measured from the beat's remaining lifetime: within the read's round trip, not the beat interval.
    expect(Math.abs((worker?.clockOffsetMs ?? 0) - 90_000)).toBeLessThan(2_000);
    // "Last heard from" is on this computer's clock, not the worker's.
    expect(Math.abs((worker?.lastSeenAt ?? 0) - Date.now())).toBeLessThan(15_000);

    const run = await api.invoke('startRun', { botId: 'remote-once' });
    const ended = await desk.runEnd(run.id, 30_000);
    expect(ended.status).toBe('failed');
    expect(ended.reason).toMatch(/^Ward PC clock ahead's clock is 1 min (29|30|31) s ahead of this computer's, so each refuses the other's signed messages as out of date/);
    expect(ended.reason).not.toContain('fleet_desktop_key_mismatch');
  });

  it('behind, its claim is refused as a clock set wrong, not as a worker to enrol again (S86)', async () => {
    const api = await approvedWorkerWithClock('Ward PC clock behind', -90_000);
    expect((await api.invoke('listWorkers', {})).approved[0]?.clockOffsetMs).toBeLessThan(-88_000);
    const run = await api.invoke('startRun', { botId: 'remote-once' });
    const ended = await desk.runEnd(run.id, 30_000);
    expect(ended.status).toBe('failed');
    expect(ended.reason).toMatch(/^Ward PC clock behind's clock is 1 min (29|30|31) s behind this computer's, so each refuses/);
    expect(ended.reason).not.toContain('enrol it again');
  });

  it('a few seconds off is not mentioned, and runs there work', async () => {
    const api = await approvedWorkerWithClock('Ward PC clock close', 4_000);
    expect((await api.invoke('listWorkers', {})).approved[0]).not.toHaveProperty('clockOffsetMs');
    const run = await api.invoke('startRun', { botId: 'remote-once' });
    expect((await desk.runEnd(run.id, 30_000)).status).toBe('succeeded');
  });
});
