import type { RunView } from '../../common/contract.js';
import { ListenerSet } from '../../common/listener-set.js';
import type { AuditEvent } from '../../audit/audit-record.js';
import type { BotManifest } from '../../bots/bot-manifest.js';
import { botView } from '../../bots/bot-view.js';
import type { SupervisorError } from '../../errors.js';
import { FakeSessionAccess } from '../../bots/testing/fake-session-access.js';
import type { Clock } from '../../ports/clock.js';
import { nullLogger } from '../../ports/logger.js';
import { MemorySettingsStore } from '../../ports/settings-store.js';
import { BotScheduler } from '../bot-scheduler.js';
import { ScheduleSettings } from '../schedule-settings.js';

const minute = 60_000;

export function scheduledBot(extra: Partial<BotManifest> = {}): BotManifest {
  return { id: 'nightly', name: 'Nightly claims', description: '', command: 'node', args: [], profileId: 'sandbox', tokenDelivery: 'broker', concurrency: 1, schedule: '*/5 * * * *', expectedDurationMs: 30 * minute, ...extra };
}

/**
 * The scheduler against a fake clock and a fake session, with a stand-in run manager that records
 * the moment of each start (on the clock) so a test can tell one run from two. `startsSettle`
 * holds each start open, as a slow process launch would; `blocked` is why the run manager would
 * refuse a bot's start (its card's reason).
 */
export function schedulerFixture(clock: Clock, options: { bots?: BotManifest[]; settingsStore?: MemorySettingsStore; startsSettle?: () => Promise<void>; blocked?: (bot: BotManifest) => SupervisorError | undefined } = {}) {
  const sessions = new FakeSessionAccess(() => clock.now());
  const audit: AuditEvent[] = [];
  const startedAt: number[] = [];
  const changes = new ListenerSet<void>();
  const bots = options.bots ?? [scheduledBot()];
  const runs = {
    bots: () => bots,
    listBots: () => bots.map((bot) => botView(bot, { blocked: options.blocked?.(bot), lastRun: undefined, requiresApproval: false })),
    onDidChange: (listener: () => void) => changes.add(listener),
    start: async (botId: string): Promise<RunView> => {
      const bot = bots.find((candidate) => candidate.id === botId);
      const blocked = bot === undefined ? undefined : options.blocked?.(bot);
      if (blocked !== undefined) throw blocked;
      startedAt.push(clock.now());
      await options.startsSettle?.();
      return { id: `run-${startedAt.length}`, botId, botName: botId, profileId: 'sandbox', status: 'running', startedAt: clock.now(), supervisor: { subject: 'demo-user', name: 'Demo User' } };
    },
  };
  const settingsStore = options.settingsStore ?? new MemorySettingsStore();
  const scheduler = new BotScheduler({
    clock,
    logger: nullLogger,
    runs,
    sessions,
    settings: new ScheduleSettings(settingsStore),
    profileName: () => 'Local sandbox',
    isSupervisorPresent: () => true,
    audit: { record: (event) => audit.push(event) },
  });
  return { sessions, audit, startedAt, scheduler, settingsStore };
}

/** Lets the scheduler's start of a run (a promise) settle. */
export const flush = (): Promise<unknown> => new Promise((resolve) => setImmediate(resolve));
