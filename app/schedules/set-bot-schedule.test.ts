import { describe, expect, it } from 'vitest';
import type { AuditEvent } from '../audit/audit-record.js';
import { botCommands } from '../commands/bot-commands.js';
import type { SupervisorServices } from '../supervisor-services.js';
import { FakeClock } from '../test-support/fake-clock.js';
import { scheduledBot, schedulerFixture } from './testing/scheduler-fixture.js';

const daily = scheduledBot({ id: 'daily', name: 'Daily letters', schedule: undefined });

/** `setBotSchedule` as the editor sends it, against the real scheduler and its settings. */
function setUp() {
  const fixture = schedulerFixture(new FakeClock(), { bots: [daily] });
  // This command uses only the run manager's `bot` and the audit trail's `record`.
  const runs = { bot: (botId: string) => (botId === daily.id ? daily : undefined) } as unknown as SupervisorServices['runs'];
  const audit = { record: (event: AuditEvent) => fixture.audit.push(event) } as unknown as SupervisorServices['audit'];
  const commands = botCommands({ runs, schedules: fixture.scheduler, audit, person: () => ({ subject: 'u-1', name: 'Practice manager' }) });
  return { ...fixture, commands };
}

describe('setBotSchedule with a pattern typed in the editor', () => {
  for (const [cron, detail] of [
    ['61 * * * *', 'Invalid value for minute: 61'],
    ['every day', 'it has 2 parts; a pattern has five (minute hour day month weekday), or six with seconds first'],
    ['0 0 9 * * * 2027', 'it has 7 parts; a pattern has five (minute hour day month weekday), or six with seconds first'],
    ['0 9 30 2 *', 'no date matches it, so it would never run'],
  ] as const) {
    it(`refuses "${cron}" with schedule_invalid and a message that says why, and stores and audits nothing`, async () => {
      const { commands, scheduler, settingsStore, audit } = setUp();
      await expect(commands.setBotSchedule({ botId: daily.id, schedule: { cron, enabled: true } })).rejects.toMatchObject({
        code: 'schedule_invalid',
        message: `The schedule was not saved: ${detail}. Use a cron pattern such as 0 9 * * 1-5 (09:00 on weekdays), or six fields with seconds first.`,
      });
      expect(settingsStore.get('schedules')).toBeUndefined();
      expect(scheduler.view(daily)).toBeUndefined();
      expect(audit).toEqual([]);
    });
  }

  it('stores a six-field pattern with seconds first and shows its next run', async () => {
    const { commands, scheduler, settingsStore } = setUp();
    await commands.setBotSchedule({ botId: daily.id, schedule: { cron: '0 0 9 * * *', enabled: true } });
    expect(settingsStore.get('schedules')).toEqual({ 'sandbox/daily': { cron: '0 0 9 * * *', enabled: true } });
    expect(scheduler.view(daily)?.nextAt).toBeTypeOf('number');
  });
});
