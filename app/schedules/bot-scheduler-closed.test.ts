import { describe, expect, it } from 'vitest';
import { MemorySettingsStore } from '../ports/settings-store.js';
import { FakeClock } from '../test-support/fake-clock.js';
import { flush, scheduledBot, schedulerFixture } from './testing/scheduler-fixture.js';
import { inTimeZone } from '../test-support/in-time-zone.js';

const minute = 60_000;
const hour = 60 * minute;
// November: Greenwich Mean Time in London, so these UTC times are the clinic's local times.
const at = (date: number, hours: number, minutes = 0) => Date.UTC(2026, 10, date, hours, minutes);
const daily = scheduledBot({ schedule: '0 9 * * *' });

/** The app open at `openAt` and closed again (disposed) at `closeAt`, on one settings file. */
async function session(clock: FakeClock, settingsStore: MemorySettingsStore, bot = daily) {
  const fixture = schedulerFixture(clock, { bots: [bot], settingsStore });
  fixture.sessions.signIn('sandbox', { accessToken: 'x', expiresAt: clock.now() + 48 * hour });
  await flush();
  return fixture;
}

/**
 * Firings that pass while RPA Supervisor is not running (closed, crashed, the computer off) are
 * not made up and not passed over in silence: the next start says so once per schedule.
 */
describe('BotScheduler after time with the app closed', () => {
  inTimeZone('Europe/London');

  it('says at the next start that the 09:00 run was not started while the app was closed, audits it once, and runs the next on time', async () => {
    const clock = new FakeClock(at(23, 8));
    const settingsStore = new MemorySettingsStore();
    (await session(clock, settingsStore)).scheduler.dispose();
    clock.sleepUntil(at(23, 12, 5));
    const { scheduler, audit, startedAt } = await session(clock, settingsStore);
    const last = scheduler.view(daily)?.last;
    expect(last).toMatchObject({ at: at(23, 12, 5), outcome: 'skipped', reason: { code: 'schedule_missed_not_running' } });
    expect(last?.outcome === 'skipped' && last.reason.message).toBe(
      'The scheduled run of Nightly claims was not started because RPA Supervisor was not running at the scheduled time (3 h 5 min ago). It runs again at the next scheduled time.',
    );
    expect(audit).toEqual([expect.objectContaining({ type: 'scheduledRunSkipped', detail: expect.stringMatching(/^schedule_missed_not_running: /) })]);
    expect(scheduler.view(daily)?.nextAt).toBe(at(24, 9));
    clock.advance(21 * hour);
    await flush();
    expect(startedAt).toEqual([at(24, 9)]);
    expect(audit.filter((event) => event.type === 'scheduledRunSkipped')).toHaveLength(1);
  });

  it('closed over many firings of a five-minute schedule: one notice, no burst', async () => {
    const clock = new FakeClock(at(23, 9));
    const settingsStore = new MemorySettingsStore();
    (await session(clock, settingsStore, scheduledBot())).scheduler.dispose();
    clock.sleepUntil(at(23, 12, 2));
    const { audit, startedAt } = await session(clock, settingsStore, scheduledBot());
    expect(startedAt).toEqual([]);
    expect(audit).toEqual([expect.objectContaining({ type: 'scheduledRunSkipped', detail: expect.stringMatching(/^schedule_missed_not_running: /) })]);
    clock.advance(3 * minute);
    await flush();
    expect(startedAt).toEqual([at(23, 12, 5)]);
  });

  it('claims no miss when the run happened before the app closed', async () => {
    const clock = new FakeClock(at(23, 8, 59));
    const settingsStore = new MemorySettingsStore();
    const first = await session(clock, settingsStore);
    clock.advance(minute);
    await flush();
    expect(first.startedAt).toEqual([at(23, 9)]);
    first.scheduler.dispose();
    clock.sleepUntil(at(23, 18));
    const { scheduler, audit } = await session(clock, settingsStore);
    expect(scheduler.view(daily)?.last).toBeUndefined();
    expect(audit).toEqual([]);
  });

  it('still starts its runs when the settings file cannot be written', async () => {
    const clock = new FakeClock(at(23, 8, 59));
    const settingsStore = new MemorySettingsStore();
    settingsStore.set = () => {
      throw new Error('EROFS: read-only file system');
    };
    const { startedAt } = await session(clock, settingsStore);
    clock.advance(minute);
    await flush();
    expect(startedAt).toEqual([at(23, 9)]);
  });

  it('claims no miss for a schedule that was changed while the app was closed', async () => {
    const clock = new FakeClock(at(23, 8));
    const settingsStore = new MemorySettingsStore();
    (await session(clock, settingsStore)).scheduler.dispose();
    clock.sleepUntil(at(23, 12));
    const { scheduler, audit } = await session(clock, settingsStore, scheduledBot({ schedule: '0 13 * * *' }));
    expect(scheduler.view(daily)?.last).toBeUndefined();
    expect(audit).toEqual([]);
  });
});
