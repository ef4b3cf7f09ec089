import { describe, expect, it } from 'vitest';
import { MemorySettingsStore } from '../ports/settings-store.js';
import { FakeClock } from '../test-support/fake-clock.js';
import { inTimeZone } from '../test-support/in-time-zone.js';
import { flush, scheduledBot, schedulerFixture } from './testing/scheduler-fixture.js';

const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;
// November: Greenwich Mean Time in London, so these UTC times are the clinic's local times.
const at = (hours: number, minutes = 0, seconds = 0) => Date.UTC(2026, 10, 23, hours, minutes, seconds);
const everySecond = scheduledBot({ schedule: '* * * * * *' });
const everyTenSeconds = scheduledBot({ schedule: '*/10 * * * * *' });

/** A settings file that counts how often the next scheduled runs are written to it. */
function countingStore(): { store: MemorySettingsStore; writes: () => number } {
  const store = new MemorySettingsStore();
  const set = store.set.bind(store);
  let writes = 0;
  store.set = (key, value) => {
    if (key === 'scheduleNextRuns') writes += 1;
    set(key, value);
  };
  return { store, writes: () => writes };
}

async function open(clock: FakeClock, store: MemorySettingsStore, bot = everySecond) {
  const fixture = schedulerFixture(clock, { bots: [bot], settingsStore: store });
  fixture.sessions.signIn('sandbox', { accessToken: 'x', expiresAt: clock.now() + 48 * hour });
  await flush();
  return fixture;
}

/** Lets `ms` pass a second at a time, each start settling before the next firing. */
async function runFor(clock: FakeClock, ms: number): Promise<void> {
  for (let passed = 0; passed < ms; passed += second) {
    clock.advance(second);
    await flush();
  }
}

/**
 * A schedule by the second must not rewrite the settings file at every firing on a clinic PC,
 * yet what is kept must still make the next start tell what passed while the app was not running.
 */
describe('BotScheduler writes of the next scheduled runs', () => {
  inTimeZone('Europe/London');

  it('writes the settings at most once a minute for a schedule that fires every second', async () => {
    const clock = new FakeClock(at(9));
    const { store, writes } = countingStore();
    const { startedAt } = await open(clock, store);
    await runFor(clock, 10 * minute);
    expect(startedAt).toHaveLength(600);
    expect(writes()).toBeGreaterThanOrEqual(1);
    expect(writes()).toBeLessThanOrEqual(11);
  });

  it('still writes at each firing of a schedule a minute or more apart', async () => {
    const clock = new FakeClock(at(8, 59));
    const { store, writes } = countingStore();
    await open(clock, store, scheduledBot({ schedule: '* * * * *' }));
    const before = writes();
    await runFor(clock, 3 * minute);
    expect(writes() - before).toBe(3);
  });

  it('after a crash (no clean close) the next start still says that firings passed', async () => {
    const clock = new FakeClock(at(9));
    const { store } = countingStore();
    await open(clock, store);
    await runFor(clock, 90 * second);
    // Crashed at 09:01:30: nothing ran the close. Started again ten minutes later.
    clock.sleepUntil(at(9, 11, 30));
    const { scheduler, audit } = await open(clock, store);
    expect(scheduler.view(everySecond)?.last).toMatchObject({ outcome: 'skipped', reason: { code: 'schedule_missed_not_running' } });
    const last = scheduler.view(everySecond)?.last;
    // The firing named is at most a minute before the crash: ten or eleven minutes ago.
    expect(last?.outcome === 'skipped' && last.reason.message).toMatch(/\((10|11) min ago\)/);
    expect(audit.filter((event) => event.type === 'scheduledRunSkipped')).toHaveLength(1);
  });

  it('a clean close keeps the exact next firing, so a start before it claims no miss', async () => {
    const clock = new FakeClock(at(9));
    const { store } = countingStore();
    const first = await open(clock, store, everyTenSeconds);
    await runFor(clock, 45 * second);
    expect(first.startedAt).toEqual([at(9, 0, 10), at(9, 0, 20), at(9, 0, 30), at(9, 0, 40)]);
    // Closed at 09:00:45, started again at 09:00:48, before the 09:00:50 firing.
    first.scheduler.dispose();
    clock.sleepUntil(at(9, 0, 48));
    const { scheduler, audit, startedAt } = await open(clock, store, everyTenSeconds);
    expect(scheduler.view(everyTenSeconds)?.last).toBeUndefined();
    expect(audit).toEqual([]);
    await runFor(clock, 2 * second);
    expect(startedAt).toEqual([at(9, 0, 50)]);
  });
});
