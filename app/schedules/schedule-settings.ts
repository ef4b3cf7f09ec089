import { z } from 'zod';
import type { SettingsStore } from '../ports/settings-store.js';
import { cronProblem } from './cron-schedule.js';

/** A schedule set in RPA Supervisor for one bot of one profile; it wins over the manifest's. */
export interface ScheduleSetting {
  /** A pattern of its own, or undefined to keep the manifest's. */
  cron?: string;
  /** False turns the bot's schedule off (the manifest's too). */
  enabled: boolean;
}

const settingSchema = z
  .object({
    cron: z
      .string()
      .max(200)
      .refine((pattern) => cronProblem(pattern) === undefined)
      .optional(),
    enabled: z.boolean(),
  })
  .strict();
const storedSchema = z.record(z.string().max(200), settingSchema);
/** As read from the file: fields a newer version added are left out rather than failing the entry. */
const readSchema = settingSchema.strip();
const key = 'schedules';
/** Where a copy of a stored value that could not be fully read is kept (no dots: conf nests on them). */
export const schedulesBackupKey = 'schedules-backup';

/** The firing a schedule was waiting for when the app last looked. */
export interface ExpectedFiring {
  cron: string;
  nextAt: number;
}

const expectedSchema = z.record(z.string().max(200), z.object({ cron: z.string().max(200), nextAt: z.number().int().nonnegative() }).strict());
const expectedKey = 'scheduleNextRuns';

/** The key of a bot's setting: per bot and per profile, so a bot moved to another profile starts clean. */
export function scheduleKey(profileId: string, botId: string): string {
  return `${profileId}/${botId}`;
}

/**
 * Schedules set in the app, in the SettingsStore under `schedules`. An entry that fails the schema
 * (a hand-edited file, a pattern only a newer version reads) is read as switched off, one by one
 * rather than losing the rest (S27, S123): dropping it would hand the bot back to its manifest's
 * schedule, and start a bot somebody switched off. The whole stored value is copied to
 * `schedulesBackupKey` first, as the reset notice says.
 */
export class ScheduleSettings {
  readonly #settings: SettingsStore;
  readonly #value = new Map<string, ScheduleSetting>();
  #expectedText: string | undefined;
  /** The expected firings as last written; undefined until this run of the app wrote them. */
  #written: ReadonlyMap<string, ExpectedFiring> | undefined;
  readonly hadInvalidValue: boolean;

  constructor(settings: SettingsStore) {
    this.#settings = settings;
    const raw = settings.get(key);
    let invalid = raw !== undefined && (typeof raw !== 'object' || raw === null || Array.isArray(raw));
    if (!invalid && raw !== undefined) {
      for (const [name, value] of Object.entries(raw as Record<string, unknown>)) {
        const parsed = readSchema.safeParse(value);
        if (parsed.success && name.length <= 200) this.#value.set(name, stripUndefined(parsed.data));
        else {
          invalid = true;
          if (name.length <= 200) this.#value.set(name, { enabled: false });
        }
      }
    }
    this.hadInvalidValue = invalid;
    if (invalid) {
      try {
        settings.set(schedulesBackupKey, JSON.stringify(raw));
      } catch {
        // A settings file that cannot be written keeps the old value in place until the next change.
      }
    }
  }

  get(profileId: string, botId: string): ScheduleSetting | undefined {
    return this.#value.get(scheduleKey(profileId, botId));
  }

  /** Saves a bot's setting; undefined removes it, so the manifest's schedule applies again. */
  set(profileId: string, botId: string, setting: ScheduleSetting | undefined): void {
    const name = scheduleKey(profileId, botId);
    if (setting === undefined) this.#value.delete(name);
    else this.#value.set(name, stripUndefined(settingSchema.parse(setting)));
    this.#settings.set(key, storedSchema.parse(Object.fromEntries(this.#value)));
  }

  /**
   * What each schedule waited for when the app last looked, by `scheduleKey`, so the next start
   * can tell what passed while it was not running. Kept beside the settings, not among them; an
   * unreadable value only means nothing is known.
   */
  expectedFirings(): Map<string, ExpectedFiring> {
    const parsed = expectedSchema.safeParse(this.#settings.get(expectedKey));
    return new Map(parsed.success ? Object.entries(parsed.data) : []);
  }

  /**
   * Replaces the expected firings; written only when they changed, so a quiet minute writes
   * nothing. Unless `exact`, a firing kept less than `keptFiringSlackMs` before the one now
   * expected is left as it is: a schedule by the second then rewrites the settings file once a
   * minute, not at every firing, and one a minute or more apart at each firing as before. Kept
   * early, never late, so after a crash the next start still tells of what passed (naming a firing
   * up to a minute too early); a clean close writes them exactly.
   */
  rememberExpectedFirings(firings: Map<string, ExpectedFiring>, options: { exact?: boolean } = {}): void {
    const value = Object.fromEntries(firings);
    const text = JSON.stringify(value);
    if (text === this.#expectedText) return;
    if (options.exact !== true && this.#written !== undefined && onlySlightlyLater(this.#written, firings)) return;
    this.#settings.set(expectedKey, value);
    this.#expectedText = text;
    this.#written = new Map(firings);
  }
}

/** How far behind the firing now expected the kept one may be before it is written again. */
export const keptFiringSlackMs = 60_000;

/** Whether `now` differs from `kept` only by firings less than `keptFiringSlackMs` later, schedule for schedule. */
function onlySlightlyLater(kept: ReadonlyMap<string, ExpectedFiring>, now: ReadonlyMap<string, ExpectedFiring>): boolean {
  if (kept.size !== now.size) return false;
  for (const [name, firing] of now) {
    const before = kept.get(name);
    if (before === undefined || before.cron !== firing.cron) return false;
    if (firing.nextAt < before.nextAt || firing.nextAt - before.nextAt >= keptFiringSlackMs) return false;
  }
  return true;
}

function stripUndefined(setting: ScheduleSetting): ScheduleSetting {
  return setting.cron === undefined ? { enabled: setting.enabled } : { cron: setting.cron, enabled: setting.enabled };
}
