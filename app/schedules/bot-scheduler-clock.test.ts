import { describe, expect, it } from 'vitest';
import { flush, scheduledBot, schedulerFixture } from './testing/scheduler-fixture.js';
import { WallClockFake } from './testing/wall-clock-fake.js';
import { inTimeZone } from '../test-support/in-time-zone.js';

const minute = 60_000;
const hour = 60 * minute;
// 23 Nov 2026: Greenwich Mean Time in London, so these UTC times are the clinic's local times.
const at = (hours: number, minutes = 0) => Date.UTC(2026, 10, 23, hours, minutes);
const daily = scheduledBot({ schedule: '0 9 * * *' });

/**
 * Timers run on elapsed time, but schedules on the wall clock. When the two part (the clock set by
 * hand, or a suspend the host did not report), a firing must still come at its wall-clock time,
 * once, and a skipped stretch must give one skip, never a burst.
 */
describe('BotScheduler when the wall clock and elapsed time part', () => {
  inTimeZone('Europe/London');

  it('starts a 09:00 run at 09:00, not skipped as missed, after the clock was put forward an hour by hand at 06:00', async () => {
    const clock = new WallClockFake(at(6));
    const { sessions, startedAt, scheduler } = schedulerFixture(clock, { bots: [daily] });
    sessions.signIn('sandbox', { accessToken: 'x', expiresAt: at(20) });
    clock.setWallClock(at(7));
    clock.advance(2 * hour);
    await flush();
    expect(startedAt).toEqual([at(9)]);
    expect(scheduler.view(daily)?.last).toMatchObject({ outcome: 'started' });
  });

  it('starts a 09:00 run at 09:00 after a suspend from 08:00 to 08:30 that the host did not report', async () => {
    const clock = new WallClockFake(at(8));
    const { sessions, startedAt } = schedulerFixture(clock, { bots: [daily] });
    sessions.signIn('sandbox', { accessToken: 'x', expiresAt: at(20) });
    clock.suspend(30 * minute);
    clock.advance(30 * minute);
    await flush();
    expect(startedAt).toEqual([at(9)]);
  });

  it('does not run twice when the clock is put back an hour after the 09:00 run', async () => {
    const clock = new WallClockFake(at(8, 59));
    const { sessions, startedAt, scheduler } = schedulerFixture(clock, { bots: [daily] });
    sessions.signIn('sandbox', { accessToken: 'x', expiresAt: at(23) });
    clock.advance(minute);
    await flush();
    clock.setWallClock(at(8, 10));
    clock.advance(3 * hour);
    await flush();
    expect(startedAt).toEqual([at(9)]);
    expect(scheduler.view(daily)?.nextAt).toBe(Date.UTC(2026, 10, 24, 9, 0));
  });

  it('gives one missed skip, within a minute, and no burst when the clock is put forward three hours over a five-minute schedule', async () => {
    const clock = new WallClockFake(at(9));
    const { sessions, startedAt, audit, scheduler } = schedulerFixture(clock);
    sessions.signIn('sandbox', { accessToken: 'x', expiresAt: at(20) });
    clock.setWallClock(at(12, 2));
    clock.advance(minute);
    await flush();
    expect(startedAt).toEqual([]);
    expect(audit).toEqual([expect.objectContaining({ type: 'scheduledRunSkipped', detail: expect.stringMatching(/^schedule_missed: /) })]);
    expect(scheduler.view(scheduledBot())?.nextAt).toBe(at(12, 5));
    clock.advance(2 * minute);
    await flush();
    expect(startedAt).toEqual([at(12, 5)]);
  });

  it('looking at the clock while nothing is due tells no listener of a change', () => {
    const clock = new WallClockFake(at(6));
    const { scheduler } = schedulerFixture(clock, { bots: [daily] });
    let changes = 0;
    scheduler.onDidChange(() => changes++);
    clock.advance(2 * hour);
    scheduler.recheck();
    expect(changes).toBe(0);
  });
});
