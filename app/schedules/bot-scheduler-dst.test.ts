import { describe, expect, it } from 'vitest';
import { FakeClock } from '../test-support/fake-clock.js';
import { flush, scheduledBot, schedulerFixture } from './testing/scheduler-fixture.js';
import { inTimeZone } from '../test-support/in-time-zone.js';

const hour = 3_600_000;
const day = 24 * hour;
const nightly = scheduledBot({ schedule: '30 1 * * *' });
const iso = (at: number) => new Date(at).toISOString();
const localClock = (at: number) => `${new Date(at).getHours()}:${String(new Date(at).getMinutes()).padStart(2, '0')}`;

/** Lets `days` pass an hour at a time, so every start has settled before the next firing. */
async function live(clock: FakeClock, days: number): Promise<void> {
  for (let i = 0; i < days * 24; i++) {
    clock.advance(hour);
    await flush();
  }
}

/**
 * The clinic's zone with real croner: a daily 01:30 run on the nights the clocks change runs once,
 * never twice, never silently not at all.
 */
describe('BotScheduler across daylight saving in Europe/London', () => {
  inTimeZone('Europe/London');

  it('on the spring night, when 01:30 does not exist, runs once at 02:00 BST and shows that as the next run', async () => {
    const clock = new FakeClock(Date.UTC(2027, 2, 27, 12));
    const { sessions, startedAt, audit, scheduler } = schedulerFixture(clock, { bots: [nightly] });
    sessions.signIn('sandbox', { accessToken: 'x', expiresAt: clock.now() + 4 * day });
    const next = scheduler.view(nightly)?.nextAt ?? 0;
    expect(iso(next)).toBe('2027-03-28T01:00:00.000Z');
    expect(localClock(next)).toBe('2:00');
    await live(clock, 3);
    expect(startedAt.map(iso)).toEqual(['2027-03-28T01:00:00.000Z', '2027-03-29T00:30:00.000Z', '2027-03-30T00:30:00.000Z']);
    expect(audit.filter((event) => event.type === 'scheduledRunSkipped')).toEqual([]);
  });

  it('on the autumn night, when 01:30 happens twice, runs once at the first 01:30 and next at 01:30 the following night', async () => {
    const clock = new FakeClock(Date.UTC(2026, 9, 24, 12));
    const { sessions, startedAt, audit, scheduler } = schedulerFixture(clock, { bots: [nightly] });
    sessions.signIn('sandbox', { accessToken: 'x', expiresAt: clock.now() + 4 * day });
    await live(clock, 1);
    expect(startedAt.map(iso)).toEqual(['2026-10-25T00:30:00.000Z']);
    const next = scheduler.view(nightly)?.nextAt ?? 0;
    expect(iso(next)).toBe('2026-10-26T01:30:00.000Z');
    expect(localClock(next)).toBe('1:30');
    await live(clock, 2);
    expect(startedAt.map(iso)).toEqual(['2026-10-25T00:30:00.000Z', '2026-10-26T01:30:00.000Z', '2026-10-27T01:30:00.000Z']);
    expect(audit.filter((event) => event.type === 'scheduledRunSkipped')).toEqual([]);
  });

  it('woken at 01:10 GMT on the autumn night after sleeping through the first 01:30, says it missed it and does not run at the second', async () => {
    const clock = new FakeClock(Date.UTC(2026, 9, 24, 23));
    const { sessions, startedAt, scheduler } = schedulerFixture(clock, { bots: [nightly] });
    sessions.signIn('sandbox', { accessToken: 'x', expiresAt: clock.now() + 4 * day });
    clock.sleepUntil(Date.UTC(2026, 9, 25, 1, 10));
    scheduler.recheck();
    await flush();
    expect(scheduler.view(nightly)?.last).toMatchObject({ outcome: 'skipped', reason: { code: 'schedule_missed' } });
    // Until 01:10 GMT on the 27th: the second 01:30 on the 25th went by without a run.
    await live(clock, 2);
    expect(startedAt.map(iso)).toEqual(['2026-10-26T01:30:00.000Z']);
  });
});
