import type { Disposable, ErrorView, ScheduleView, UserView } from '../common/contract.js';
import { toErrorView } from '../common/error-view.js';
import { ListenerSet } from '../common/listener-set.js';
import type { AuditEvent } from '../audit/audit-record.js';
import type { BotManifest } from '../bots/bot-manifest.js';
import { formatDuration } from '../bots/format-duration.js';
import type { RunManager } from '../bots/run-manager.js';
import type { SessionAccess } from '../bots/session-access.js';
import { supervisorError } from '../error-catalogue.js';
import type { SupervisorError } from '../errors.js';
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import { nextFireAt } from './cron-schedule.js';
import { scheduleKey, type ExpectedFiring, type ScheduleSettings } from './schedule-settings.js';

export interface BotSchedulerDeps {
  clock: Clock;
  logger: Logger;
  runs: Pick<RunManager, 'bots' | 'listBots' | 'start' | 'onDidChange'>;
  sessions: Pick<SessionAccess, 'tokenFor'>;
  settings: ScheduleSettings;
  profileName: (profileId: string) => string;
  /** S62: whether the supervisor of this profile is at the computer. Wired to the presence model. */
  isSupervisorPresent: (profileId: string) => boolean;
  audit: { record(event: AuditEvent): void };
  /** A firing noticed later than this (asleep, busy) is skipped, not made up. Default 60 s. */
  missedAfterMs?: number;
  onListenerError?: (error: unknown) => void;
}

/** How often the wall clock is looked at while a firing is further off; well inside `missedAfterMs`. */
const wallClockCheckMs = 30_000;

/**
 * Why a start is refused that no sign-in, re-authentication or presence could change: a firing
 * says these first, as the bot's card does, instead of asking the supervisor to sign in.
 */
const beyondSignIn: ReadonlySet<string> = new Set(['bot_profile_unknown', 'bot_env_token_not_allowed']);

/** What one firing decided, before the run is asked for. */
type Verdict = { start: true; supervisor: UserView } | { start: false; skip: SupervisorError; supervisor?: UserView };

interface Entry {
  bot: BotManifest;
  cron: string;
  source: ScheduleView['source'];
  enabled: boolean;
  nextAt: number | undefined;
  last: ScheduleView['last'];
  firing: boolean;
}

/**
 * Starts bots on their cron schedules (croner computes the times; this class never parses cron).
 * Times come from the injected clock: one timer is armed for the earliest firing and only prompts
 * `recheck`, which compares with `clock.now()`, so a computer that slept sees the truth on wake.
 *
 * S62: a firing starts a run only while the profile's session is active with at least the bot's
 * `expectedDurationMs` left and the supervisor is present; otherwise it is skipped, and the skip
 * is kept for the UI and written to the audit trail with its reason. It never starts a run late:
 * a firing missed by more than `missedAfterMs` is skipped too.
 */
export class BotScheduler {
  readonly #deps: BotSchedulerDeps;
  readonly #missedAfterMs: number;
  readonly #entries = new Map<string, Entry>();
  readonly #changes: ListenerSet<void>;
  readonly #subscription: Disposable;
  #timer: Disposable | undefined;
  #signature = '';
  #disposed = false;
  /** What the schedules waited for when the app last ran; read once, consumed by the first replan that sees bots. */
  #expected: Map<string, ExpectedFiring> | undefined;

  constructor(deps: BotSchedulerDeps) {
    this.#deps = deps;
    this.#missedAfterMs = deps.missedAfterMs ?? 60_000;
    this.#changes = new ListenerSet(deps.onListenerError);
    this.#expected = deps.settings.expectedFirings();
    this.#subscription = deps.runs.onDidChange(() => this.#replanIfChanged());
    this.#replanIfChanged();
  }

  /** The bot's schedule as the UI shows it, or undefined when it has none. */
  view(bot: Pick<BotManifest, 'id' | 'profileId'>): ScheduleView | undefined {
    const entry = this.#entries.get(scheduleKey(bot.profileId, bot.id));
    if (!entry) return undefined;
    return {
      cron: entry.cron,
      source: entry.source,
      enabled: entry.enabled,
      ...(entry.nextAt === undefined ? {} : { nextAt: entry.nextAt }),
      ...(entry.last ? { last: entry.last } : {}),
    };
  }

  /** The next scheduled run across all bots, for the Today summary. */
  nextScheduled(): { botName: string; at: number } | undefined {
    let next: Entry | undefined;
    for (const entry of this.#entries.values()) {
      if (entry.nextAt !== undefined && (next?.nextAt === undefined || entry.nextAt < next.nextAt)) next = entry;
    }
    return next?.nextAt === undefined ? undefined : { botName: next.bot.name, at: next.nextAt };
  }

  /**
   * Sets (or, with undefined, clears) the app's schedule for a bot; the manifest's applies when
   * cleared. `actor` is who changed it, for the audit trail.
   */
  setSchedule(bot: BotManifest, setting: { cron?: string; enabled: boolean } | undefined, actor?: UserView): void {
    this.#deps.settings.set(bot.profileId, bot.id, setting);
    this.#replan(true);
    const view = this.view(bot);
    this.#deps.audit.record({
      type: 'settingsChanged',
      ...(actor ? { actor } : {}),
      profileId: bot.profileId,
      botId: bot.id,
      detail: view ? `Schedule of ${bot.name}: ${view.cron} (${view.enabled ? 'on' : 'off'}, from ${view.source}).` : `Schedule of ${bot.name} removed.`,
    });
  }

  /** Fires whatever is due by the wall clock; hosts call it on resume and unlock, the timer otherwise. */
  recheck(): void {
    if (this.#disposed) return;
    const now = this.#deps.clock.now();
    let fired = false;
    for (const entry of this.#entries.values()) {
      if (entry.nextAt === undefined || entry.nextAt > now || !entry.enabled) continue;
      const scheduledAt = entry.nextAt;
      // Occurrences missed while asleep are not made up one by one: the next is after now.
      entry.nextAt = nextFireAt(entry.cron, now);
      fired = true;
      void this.#fire(entry, scheduledAt, now);
    }
    this.#arm();
    // The timer looks at the clock every half minute; only a firing changes what the UI shows.
    if (!fired) return;
    this.#remember();
    this.#changes.emit();
  }

  onDidChange(listener: () => void): Disposable {
    return this.#changes.add(listener);
  }

  dispose(): void {
    // A clean close keeps each next firing exactly, so the next start claims no miss that was not.
    this.#remember({ exact: true });
    this.#disposed = true;
    this.#subscription.dispose();
    this.#timer?.dispose();
    this.#changes.clear();
  }

  async #fire(entry: Entry, scheduledAt: number, now: number): Promise<void> {
    const { bot } = entry;
    if (entry.firing) {
      // A launch slower than the pattern's interval: this firing is not queued behind it, but said.
      this.#skipped(entry, now, supervisorError('schedule_skipped_starting', bot.name));
      return;
    }
    entry.firing = true;
    try {
      const verdict = now - scheduledAt > this.#missedAfterMs ? { start: false as const, skip: supervisorError('schedule_missed', bot.name, howLongAgo(now - scheduledAt)) } : this.#verdict(bot);
      if (!verdict.start) {
        this.#skipped(entry, now, verdict.skip, verdict.supervisor);
        return;
      }
      try {
        const run = await this.#deps.runs.start(bot.id);
        // A later firing skipped meanwhile stays the last one shown.
        if (entry.last === undefined || entry.last.at <= now) entry.last = { at: now, outcome: 'started', runId: run.id };
        this.#deps.audit.record({ type: 'scheduledRunStarted', actor: run.supervisor ?? verdict.supervisor, profileId: bot.profileId, botId: bot.id, runId: run.id, detail: `${bot.name} started by its schedule (${entry.cron}).` });
        this.#deps.logger.info('Scheduled run started', { botId: bot.id, runId: run.id });
      } catch (error) {
        const reason = toErrorView(error, 'internal_error');
        this.#skipped(entry, now, supervisorError('schedule_skipped_blocked', bot.name, reason.message), verdict.supervisor);
      }
    } finally {
      entry.firing = false;
      this.#changes.emit();
    }
  }

  /** S62, in order: somebody signed in, the session long enough, the supervisor present (after what no sign-in changes). */
  #verdict(bot: BotManifest): Verdict {
    const refused = this.#deps.runs.listBots().find((view) => view.id === bot.id)?.startBlockedReason;
    if (refused !== undefined && beyondSignIn.has(refused.code)) return { start: false, skip: supervisorError('schedule_skipped_blocked', bot.name, refused.message) };
    const profileName = this.#deps.profileName(bot.profileId);
    const grant = this.#deps.sessions.tokenFor(bot.profileId, bot.expectedDurationMs ?? 0);
    if (!grant.ok) {
      switch (grant.code) {
        case 'signed_out':
          return { start: false, skip: supervisorError('schedule_skipped_signed_out', bot.name, profileName) };
        case 'session_expired':
          return { start: false, skip: supervisorError('schedule_skipped_session_expired', bot.name, profileName) };
        case 'insufficient_validity': {
          const leftMs = Math.max(0, (grant.expiresAt ?? 0) - this.#deps.clock.now());
          // Somebody is signed in, just not for long enough: the record names them.
          const now = this.#deps.sessions.tokenFor(bot.profileId, 0);
          return {
            start: false,
            skip: supervisorError('schedule_skipped_session_short', bot.name, Math.floor(leftMs / 60_000), Math.ceil((bot.expectedDurationMs ?? 0) / 60_000)),
            ...(now.ok ? { supervisor: now.supervisor } : {}),
          };
        }
        default:
          return { start: false, skip: supervisorError('schedule_skipped_blocked', bot.name, grant.message) };
      }
    }
    if (!this.#deps.isSupervisorPresent(bot.profileId)) return { start: false, skip: supervisorError('schedule_skipped_absent', bot.name), supervisor: grant.supervisor };
    return { start: true, supervisor: grant.supervisor };
  }

  #skipped(entry: Entry, at: number, skip: SupervisorError, supervisor?: UserView): void {
    const reason: ErrorView = toErrorView(skip, 'internal_error');
    entry.last = { at, outcome: 'skipped', reason };
    const { bot } = entry;
    this.#deps.audit.record({ type: 'scheduledRunSkipped', ...(supervisor ? { actor: supervisor } : {}), profileId: bot.profileId, botId: bot.id, detail: `${reason.code}: ${reason.message}` });
    this.#deps.logger.info('Scheduled run skipped', { botId: bot.id, code: reason.code });
  }

  /** Rebuilds the entries when a bot or a setting changed; keeps each unchanged schedule's times. */
  #replanIfChanged(): void {
    this.#replan(false);
  }

  #replan(force: boolean): void {
    if (this.#disposed) return;
    const wanted = this.#deps.runs.bots().flatMap((bot) => {
      const setting = this.#deps.settings.get(bot.profileId, bot.id);
      const cron = setting?.cron ?? bot.schedule;
      if (cron === undefined) return [];
      return [{ bot, cron, source: setting?.cron === undefined ? ('manifest' as const) : ('settings' as const), enabled: setting?.enabled ?? true }];
    });
    const signature = JSON.stringify(wanted.map((w) => [w.bot.profileId, w.bot.id, w.bot.name, w.bot.expectedDurationMs, w.cron, w.enabled]));
    if (!force && signature === this.#signature) return;
    this.#signature = signature;
    const now = this.#deps.clock.now();
    const before = new Map(this.#entries);
    const expected = this.#expected;
    if (this.#deps.runs.bots().length > 0) this.#expected = undefined;
    this.#entries.clear();
    for (const { bot, cron, source, enabled } of wanted) {
      const key = scheduleKey(bot.profileId, bot.id);
      const old = before.get(key);
      const nextAt = !enabled ? undefined : old !== undefined && old.cron === cron && old.enabled === enabled ? old.nextAt : nextFireAt(cron, now);
      // The same object is kept, so a firing in progress records its outcome where the view reads it.
      const entry: Entry = old ?? { bot, cron, source, enabled, nextAt, last: undefined, firing: false };
      Object.assign(entry, { bot, cron, source, enabled, nextAt });
      this.#entries.set(key, entry);
      // One notice for however many firings passed while the app was not running; none is made up.
      const missed = old === undefined && enabled ? expected?.get(key) : undefined;
      if (missed !== undefined && missed.cron === cron && missed.nextAt <= now) {
        this.#skipped(entry, now, supervisorError('schedule_missed_not_running', bot.name, howLongAgo(now - missed.nextAt)));
      }
    }
    this.#remember();
    this.#arm();
    this.#changes.emit();
  }

  /** Keeps each schedule's next firing in the settings, so the next start can tell what it missed. */
  #remember(options: { exact?: boolean } = {}): void {
    // Until the bots are known, the stored firings are still to be compared, not replaced.
    if (this.#expected !== undefined || this.#disposed) return;
    const firings = new Map<string, ExpectedFiring>();
    for (const [key, entry] of this.#entries) if (entry.enabled && entry.nextAt !== undefined) firings.set(key, { cron: entry.cron, nextAt: entry.nextAt });
    try {
      this.#deps.settings.rememberExpectedFirings(firings, options);
    } catch (error) {
      // Called from the timer: a settings file that cannot be written costs only the next start's notice.
      this.#deps.logger.warn('Could not keep the next scheduled runs', { error: String(error) });
    }
  }

  #arm(): void {
    this.#timer?.dispose();
    this.#timer = undefined;
    const next = this.nextScheduled();
    if (next === undefined || this.#disposed) return;
    // Timers count elapsed time, schedules the wall clock: a clock set by hand, or a suspend the
    // host does not report (timers stand still then), would otherwise be seen only when the timer
    // ends, and a firing on time by the wall clock would be skipped as missed.
    this.#timer = this.#deps.clock.setTimer(() => this.recheck(), Math.min(Math.max(0, next.at - this.#deps.clock.now()), wallClockCheckMs));
  }
}

/** "3 h 5 min": how long ago a firing was, to the minute. */
function howLongAgo(ms: number): string {
  return formatDuration(Math.max(1, Math.round(ms / 60_000)) * 60_000);
}
