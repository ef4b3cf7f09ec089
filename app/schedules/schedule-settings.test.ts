import { describe, expect, it } from 'vitest';
import { MemorySettingsStore } from '../ports/settings-store.js';
import { FakeClock } from '../test-support/fake-clock.js';
import { ScheduleSettings, schedulesBackupKey } from './schedule-settings.js';
import { flush, scheduledBot, schedulerFixture } from './testing/scheduler-fixture.js';

const nightly = scheduledBot();

/** The scheduler started on a settings file that already holds `schedules`, signed in and present. */
function startedOn(schedules: unknown) {
  const settingsStore = new MemorySettingsStore();
  settingsStore.set('schedules', schedules);
  const clock = new FakeClock(Date.UTC(2026, 10, 23, 9, 0));
  const fixture = schedulerFixture(clock, { bots: [nightly], settingsStore });
  fixture.sessions.signIn('sandbox', { accessToken: 'x', expiresAt: clock.now() + 8 * 3_600_000 });
  return { ...fixture, clock, settings: new ScheduleSettings(settingsStore) };
}

/**
 * A bot's schedule switched off in the app must stay off whatever else its stored entry holds: an
 * entry this version cannot fully read never hands the bot back to its manifest's schedule.
 */
describe('ScheduleSettings with an entry this version cannot fully read', () => {
  it('S123 a schedule switched off by a newer version, with a field this one does not know, stays off and starts nothing', async () => {
    const { scheduler, clock, startedAt, settings } = startedOn({ 'sandbox/nightly': { enabled: false, pausedUntil: '2026-12-01' } });
    expect(settings.hadInvalidValue).toBe(false);
    expect(scheduler.view(nightly)).toEqual({ cron: '*/5 * * * *', source: 'manifest', enabled: false });
    clock.advance(60 * 60_000);
    await flush();
    expect(startedAt).toEqual([]);
  });

  for (const [name, entry] of [
    ['switched off', { cron: '0 9 * * * 2027', enabled: false }],
    ['switched on', { cron: '0 0 9 ? * MON#1 2027', enabled: true }],
  ] as const) {
    it(`S123 a schedule ${name} with a pattern this version refuses is kept off, never replaced by the manifest's, with a copy of the value kept`, async () => {
      const { scheduler, clock, startedAt, settings, settingsStore } = startedOn({ 'sandbox/nightly': entry, 'sandbox/other': { enabled: true, cron: '0 10 * * *' } });
      expect(settings.hadInvalidValue).toBe(true);
      expect(scheduler.view(nightly)?.enabled).toBe(false);
      clock.advance(60 * 60_000);
      await flush();
      expect(startedAt).toEqual([]);
      expect(settings.get('sandbox', 'other')).toEqual({ enabled: true, cron: '0 10 * * *' });
      expect(JSON.parse(settingsStore.get(schedulesBackupKey) as string)).toEqual({ 'sandbox/nightly': entry, 'sandbox/other': { enabled: true, cron: '0 10 * * *' } });
    });
  }
});
