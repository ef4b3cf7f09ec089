import { describe, expect, it } from 'vitest';
import { FakeClock } from '../test-support/fake-clock.js';
import { flush, scheduledBot, schedulerFixture } from './testing/scheduler-fixture.js';

const nineOFive = Date.UTC(2026, 10, 23, 9, 5);
const fiveMinutes = 5 * 60_000;

describe('BotScheduler when a firing comes while its previous start is still being made', () => {
  it('skips it with its reason, shown and audited, rather than dropping it in silence, and starts nothing twice', async () => {
    const clock = new FakeClock(Date.UTC(2026, 10, 23, 9, 0));
    let release = (): void => undefined;
    const launch = new Promise<void>((resolve) => (release = resolve));
    const { sessions, startedAt, audit, scheduler } = schedulerFixture(clock, { startsSettle: () => launch });
    sessions.signIn('sandbox', { accessToken: 'x', expiresAt: clock.now() + 8 * 3_600_000 });
    clock.advance(fiveMinutes);
    await flush();
    clock.advance(fiveMinutes);
    await flush();
    expect(startedAt).toEqual([nineOFive]);
    const last = scheduler.view(scheduledBot())?.last;
    expect(last).toMatchObject({ at: nineOFive + fiveMinutes, outcome: 'skipped', reason: { code: 'schedule_skipped_starting' } });
    expect(last?.outcome === 'skipped' && last.reason.message).toBe('The scheduled run of Nightly claims was skipped because its previous scheduled run was still starting.');
    expect(audit).toEqual([expect.objectContaining({ type: 'scheduledRunSkipped', detail: expect.stringMatching(/^schedule_skipped_starting: /) })]);
    release();
    await flush();
    expect(audit.map((event) => event.type)).toEqual(['scheduledRunSkipped', 'scheduledRunStarted']);
    expect(scheduler.view(scheduledBot())?.last).toMatchObject({ at: nineOFive + fiveMinutes, outcome: 'skipped' });
  });
});
