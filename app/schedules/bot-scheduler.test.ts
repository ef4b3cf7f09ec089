import { describe, expect, it } from 'vitest';
import type { RunView } from '../common/contract.js';
import { ListenerSet } from '../common/listener-set.js';
import type { AuditEvent } from '../audit/audit-record.js';
import type { BotManifest } from '../bots/bot-manifest.js';
import { botView } from '../bots/bot-view.js';
import { FakeSessionAccess } from '../bots/testing/fake-session-access.js';
import { supervisorError } from '../error-catalogue.js';
import { nullLogger } from '../ports/logger.js';
import { MemorySettingsStore } from '../ports/settings-store.js';
import { FakeClock } from '../test-support/fake-clock.js';
import { BotScheduler } from './bot-scheduler.js';
import { ScheduleSettings } from './schedule-settings.js';

const minute = 60_000;
const hour = 60 * minute;

function bot(extra: Partial<BotManifest> = {}): BotManifest {
  return { id: 'nightly', name: 'Nightly claims', description: '', command: 'node', args: [], profileId: 'sandbox', tokenDelivery: 'broker', concurrency: 1, schedule: '*/5 * * * *', expectedDurationMs: 30 * minute, ...extra };
}

/** The scheduler against a fake clock, a fake session and a stand-in run manager that records starts. */
function setUp(options: { bots?: BotManifest[]; present?: boolean; refuseStart?: boolean } = {}) {
  // 09:00:00 UTC on a weekday; */5 fires at 09:05.
  const clock = new FakeClock(Date.UTC(2026, 10, 23, 9, 0, 0));
  const sessions = new FakeSessionAccess(() => clock.now());
  const audit: AuditEvent[] = [];
  const started: string[] = [];
  const changes = new ListenerSet<void>();
  let bots = options.bots ?? [bot()];
  const present = { value: options.present ?? true };
  const runs = {
    bots: () => bots,
    listBots: () => bots.map((each) => botView(each, { blocked: undefined, lastRun: undefined, requiresApproval: false })),
    onDidChange: (listener: () => void) => changes.add(listener),
    start: async (botId: string): Promise<RunView> => {
      if (options.refuseStart) throw supervisorError('bot_already_running', 'Nightly claims', 1);
      started.push(botId);
      return { id: `run-${started.length}`, botId, botName: botId, profileId: 'sandbox', status: 'running', startedAt: clock.now(), supervisor: { subject: 'demo-user', name: 'Demo User' } };
    },
  };
  const settingsStore = new MemorySettingsStore();
  const scheduler = new BotScheduler({
    clock,
    logger: nullLogger,
    runs,
    sessions,
    settings: new ScheduleSettings(settingsStore),
    profileName: () => 'Local sandbox',
    isSupervisorPresent: () => present.value,
    audit: { record: (event) => audit.push(event) },
  });
  const setBots = (next: BotManifest[]) => {
    bots = next;
    changes.emit();
  };
  return { clock, sessions, audit, started, scheduler, present, setBots, settingsStore };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));
const nineOFive = Date.UTC(2026, 10, 23, 9, 5, 0);

describe('BotScheduler', () => {
  it('starts a scheduled run at its time while a person is signed in, present, with time to spare', async () => {
    const { clock, sessions, audit, started, scheduler } = setUp();
    sessions.signIn('sandbox', { accessToken: 'x', expiresAt: clock.now() + 8 * hour });
    expect(scheduler.nextScheduled()).toEqual({ botName: 'Nightly claims', at: nineOFive });
    expect(scheduler.view(bot())).toEqual({ cron: '*/5 * * * *', source: 'manifest', enabled: true, nextAt: nineOFive });
    clock.advance(4 * minute);
    expect(started).toEqual([]);
    clock.advance(minute);
    await flush();
    expect(started).toEqual(['nightly']);
    expect(scheduler.view(bot())).toMatchObject({ nextAt: nineOFive + 5 * minute, last: { at: nineOFive, outcome: 'started', runId: 'run-1' } });
    expect(audit).toEqual([
      { type: 'scheduledRunStarted', actor: { subject: 'demo-user', name: 'Demo User' }, profileId: 'sandbox', botId: 'nightly', runId: 'run-1', detail: 'Nightly claims started by its schedule (*/5 * * * *).' },
    ]);
  });

  it('S62 a scheduled run when nobody is signed in is skipped with its reason, shown and audited, never started', async () => {
    const { clock, audit, started, scheduler } = setUp();
    clock.advance(5 * minute);
    await flush();
    expect(started).toEqual([]);
    const last = scheduler.view(bot())?.last;
    expect(last).toMatchObject({ outcome: 'skipped', reason: { code: 'schedule_skipped_signed_out' } });
    expect(last?.outcome === 'skipped' && last.reason.message).toBe(
      'The scheduled run of Nightly claims was skipped because nobody was signed in to Local sandbox. Sign in before the next scheduled time.',
    );
    expect(audit).toEqual([{ type: 'scheduledRunSkipped', profileId: 'sandbox', botId: 'nightly', detail: expect.stringMatching(/^schedule_skipped_signed_out: The scheduled run of Nightly claims was skipped/) }]);
  });

  it('S62 a scheduled run when the session is too short for expectedDurationMs is skipped, never started', async () => {
    const { clock, sessions, audit, started, scheduler } = setUp();
    sessions.signIn('sandbox', { accessToken: 'x', expiresAt: nineOFive + 20 * minute });
    clock.advance(5 * minute);
    await flush();
    expect(started).toEqual([]);
    expect(scheduler.view(bot())?.last).toMatchObject({ outcome: 'skipped', reason: { code: 'schedule_skipped_session_short', message: expect.stringContaining('had 20 min left and the bot expects to need 30 min') } });
    expect(audit[0]).toMatchObject({ type: 'scheduledRunSkipped', actor: { subject: 'demo-user' }, detail: expect.stringMatching(/^schedule_skipped_session_short/) });
  });

  it('S62 a scheduled run when the session has expired is skipped, never started', async () => {
    const { clock, sessions, started, scheduler } = setUp();
    sessions.signIn('sandbox', { accessToken: 'x', expiresAt: clock.now() + 8 * hour });
    sessions.expire('sandbox');
    clock.advance(5 * minute);
    await flush();
    expect(started).toEqual([]);
    expect(scheduler.view(bot())?.last).toMatchObject({ outcome: 'skipped', reason: { code: 'schedule_skipped_session_expired' } });
  });

  it('S62 a scheduled run when nobody is present is skipped with its reason and audited with the signed-in person, never started', async () => {
    const { clock, sessions, audit, started, scheduler, present } = setUp({ present: false });
    sessions.signIn('sandbox', { accessToken: 'x', expiresAt: clock.now() + 8 * hour });
    clock.advance(5 * minute);
    await flush();
    expect(started).toEqual([]);
    expect(scheduler.view(bot())?.last).toMatchObject({ outcome: 'skipped', reason: { code: 'schedule_skipped_absent' } });
    expect(audit[0]).toMatchObject({ type: 'scheduledRunSkipped', actor: { subject: 'demo-user', name: 'Demo User' } });
    present.value = true;
    clock.advance(5 * minute);
    await flush();
    expect(started).toEqual(['nightly']);
  });

  it('a start refused by another rule is a skip that says why', async () => {
    const { clock, sessions, started, scheduler } = setUp({ refuseStart: true });
    sessions.signIn('sandbox', { accessToken: 'x', expiresAt: clock.now() + 8 * hour });
    clock.advance(5 * minute);
    await flush();
    expect(started).toEqual([]);
    expect(scheduler.view(bot())?.last).toMatchObject({ outcome: 'skipped', reason: { code: 'schedule_skipped_blocked', message: expect.stringContaining('is already running once') } });
  });

  it('after sleeping through firings it does not make them up: one skip (missed), then the next on time', async () => {
    const { clock, sessions, started, scheduler } = setUp();
    sessions.signIn('sandbox', { accessToken: 'x', expiresAt: clock.now() + 8 * hour });
    clock.sleepUntil(nineOFive + 17 * minute);
    scheduler.recheck();
    await flush();
    expect(started).toEqual([]);
    expect(scheduler.view(bot())).toMatchObject({ nextAt: nineOFive + 20 * minute, last: { outcome: 'skipped', reason: { code: 'schedule_missed' } } });
    clock.set(nineOFive + 20 * minute);
    await flush();
    expect(started).toEqual(['nightly']);
  });

  it('a schedule set in the app wins over the manifest, can be turned off, and is audited', async () => {
    const { clock, sessions, audit, started, scheduler, settingsStore } = setUp();
    sessions.signIn('sandbox', { accessToken: 'x', expiresAt: clock.now() + 8 * hour });
    scheduler.setSchedule(bot(), { cron: '0 10 * * *', enabled: true }, { subject: 'demo-user' });
    expect(scheduler.view(bot())).toEqual({ cron: '0 10 * * *', source: 'settings', enabled: true, nextAt: Date.UTC(2026, 10, 23, 10, 0, 0) });
    expect(settingsStore.get('schedules')).toEqual({ 'sandbox/nightly': { cron: '0 10 * * *', enabled: true } });
    expect(audit.at(-1)).toMatchObject({ type: 'settingsChanged', actor: { subject: 'demo-user' }, detail: 'Schedule of Nightly claims: 0 10 * * * (on, from settings).' });
    scheduler.setSchedule(bot(), { enabled: false });
    expect(scheduler.view(bot())).toEqual({ cron: '*/5 * * * *', source: 'manifest', enabled: false });
    expect(scheduler.nextScheduled()).toBeUndefined();
    clock.advance(hour);
    await flush();
    expect(started).toEqual([]);
    scheduler.setSchedule(bot(), undefined);
    expect(scheduler.view(bot())?.enabled).toBe(true);
  });

  it('follows the bot list: a bot that loses its schedule stops firing; nextScheduled picks the earliest', async () => {
    const { clock, sessions, started, scheduler, setBots } = setUp({ bots: [bot(), bot({ id: 'hourly', name: 'Hourly', schedule: '0 * * * *' })] });
    sessions.signIn('sandbox', { accessToken: 'x', expiresAt: clock.now() + 8 * hour });
    expect(scheduler.nextScheduled()).toEqual({ botName: 'Nightly claims', at: nineOFive });
    setBots([bot({ schedule: undefined }), bot({ id: 'hourly', name: 'Hourly', schedule: '0 * * * *' })]);
    expect(scheduler.view(bot())).toBeUndefined();
    expect(scheduler.nextScheduled()).toEqual({ botName: 'Hourly', at: Date.UTC(2026, 10, 23, 10, 0, 0) });
    clock.advance(hour);
    await flush();
    expect(started).toEqual(['hourly']);
  });

  it('arms no timer after dispose', () => {
    const { clock, scheduler } = setUp();
    expect(clock.pendingTimers).toBe(1);
    scheduler.dispose();
    expect(clock.pendingTimers).toBe(0);
  });
});
