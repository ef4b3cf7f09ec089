import { describe, expect, it } from 'vitest';
import type { BotManifest } from '../bots/bot-manifest.js';
import { supervisorError } from '../error-catalogue.js';
import { FakeClock } from '../test-support/fake-clock.js';
import { flush, scheduledBot, schedulerFixture } from './testing/scheduler-fixture.js';

const fiveMinutes = 5 * 60_000;

/**
 * A bot no sign-in could start here: its profile was deleted (or never set up), or the machine
 * policy refuses its token delivery. Its schedule must say that, as its card does, not send the
 * supervisor to a sign-in that cannot help.
 */
describe('BotScheduler for a bot that no sign-in could start', () => {
  const cases: [string, BotManifest, (bot: BotManifest) => ReturnType<typeof supervisorError>][] = [
    ['whose profile was deleted', scheduledBot({ profileId: 'clinic-uat' }), (bot) => supervisorError('bot_profile_unknown', bot.name, bot.profileId, '"sandbox" (Local sandbox)')],
    ['whose token delivery the machine policy refuses', scheduledBot({ tokenDelivery: 'env' }), (bot) => supervisorError('bot_env_token_not_allowed', bot.name)],
  ];
  for (const [name, bot, blocker] of cases) {
    it(`S62 a bot ${name}: each firing is skipped with the reason on its card, never "sign in", and nothing starts`, async () => {
      const clock = new FakeClock(Date.UTC(2026, 10, 23, 9, 0));
      const { startedAt, audit, scheduler } = schedulerFixture(clock, { bots: [bot], blocked: blocker });
      // Nobody is signed in: the deleted profile has no session, and none would help anyway.
      clock.advance(fiveMinutes);
      await flush();
      expect(startedAt).toEqual([]);
      const reason = blocker(bot).message;
      expect(scheduler.view(bot)?.last).toMatchObject({ outcome: 'skipped', reason: { code: 'schedule_skipped_blocked', message: `The scheduled run of Nightly claims was skipped: ${reason}` } });
      expect(audit).toEqual([expect.objectContaining({ type: 'scheduledRunSkipped', botId: bot.id, detail: `schedule_skipped_blocked: The scheduled run of Nightly claims was skipped: ${reason}` })]);
    });
  }

  it('a bot whose start is refused only for want of a sign-in is still skipped as signed out (S62 order)', async () => {
    const clock = new FakeClock(Date.UTC(2026, 10, 23, 9, 0));
    const bot = scheduledBot();
    const { scheduler } = schedulerFixture(clock, { bots: [bot], blocked: () => supervisorError('not_signed_in', 'Local sandbox') });
    clock.advance(fiveMinutes);
    await flush();
    expect(scheduler.view(bot)?.last).toMatchObject({ outcome: 'skipped', reason: { code: 'schedule_skipped_signed_out' } });
  });
});
