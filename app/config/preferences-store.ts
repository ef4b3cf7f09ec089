import { accessSync, constants, statSync } from 'node:fs';
import { posix, win32 } from 'node:path';
import { z } from 'zod';
import type { HotkeyPreferences, PreferencesView } from '../common/contract.js';
import { checkAccelerator } from '../common/hotkey-accelerator.js';
import { errorMessage } from '../common/error-catalogue.js';
import { runLimits } from '../common/run-limits.js';
import { supervisorError } from '../error-catalogue.js';
import { SupervisorError } from '../errors.js';
import { effectiveBotsDir, isAllowedBotPath } from '../policy/bot-folders.js';
import type { SettingsStore } from '../ports/settings-store.js';

const preferencesSchema = z.object({
  botsDir: z.string().min(1).max(4096).optional(),
  /** The browser Playwright bots launch (RPA_BROWSER_PATH); absent: an installed Edge or Chrome. */
  browserPath: z.string().min(1).max(4096).optional(),
  maxConcurrentRuns: z.number().int().min(1).max(runLimits.maxConcurrentRunsCeiling).default(runLimits.defaultMaxConcurrentRuns),
  wizardCompleted: z.boolean().default(false),
  // Global shortcuts (Electron): off until someone turns them on.
  hotkeys: z
    .object({ enabled: z.boolean(), stopAll: z.string().max(60), pauseAll: z.string().max(60) })
    .default({ enabled: false, stopAll: 'CommandOrControl+Alt+Shift+S', pauseAll: 'CommandOrControl+Alt+Shift+P' }),
});

type StoredPreferences = z.infer<typeof preferencesSchema>;
const key = 'preferences';
/** Where a copy of a stored value that could not be fully read is kept (no dots: conf nests on them). */
export const preferencesBackupKey = 'preferences-backup';

/**
 * App-wide preferences in the SettingsStore. A stored preference that fails the schema (hand-edited,
 * or out of this version's range after a downgrade) falls back to its default alone rather than
 * crashing start-up or resetting the others (S27, S123): the whole stored value is copied to
 * `preferencesBackupKey` first, as the reset notice says. Preferences a newer version wrote that
 * this one does not know are written back as they were.
 */
export class PreferencesStore {
  #value: StoredPreferences;
  /** Stored fields this version does not know, kept through every save. */
  readonly #unknown: [string, unknown][];

  constructor(
    private readonly settings: SettingsStore,
    /** `allowedBotsFolders`: the machine policy's `bots.allowedFolders`, which the bots folder must lie in. */
    private readonly defaults: { botsDir: string; allowedBotsFolders?: readonly string[] | undefined },
    private readonly launchAtLogin?: { get(): boolean; set(enabled: boolean): void },
    /** Hosts that can register global shortcuts (Electron) say whether Pause all can be offered. */
    private readonly globalHotkeys?: { pauseAll: boolean },
  ) {
    const raw = settings.get(key) ?? {};
    const read = readPreferences(raw);
    this.#value = read.value;
    this.#unknown = read.unknown;
    this.hadInvalidValue = read.invalid;
    if (read.invalid) {
      try {
        settings.set(preferencesBackupKey, JSON.stringify(raw));
      } catch {
        // A settings file that cannot be written keeps the old value in place until the next save.
      }
    }
  }

  /** True when the stored preferences were unreadable and defaults were used. */
  readonly hadInvalidValue: boolean;

  /** A stored bots folder the machine policy overrides (so the app can say why bots come from elsewhere). */
  get ignoredBotsDir(): string | undefined {
    return this.#botsDir().ignored;
  }

  view(): PreferencesView {
    return {
      botsDir: this.#botsDir().dir,
      ...(this.#value.browserPath === undefined ? {} : { browserPath: this.#value.browserPath }),
      maxConcurrentRuns: this.#value.maxConcurrentRuns,
      wizardCompleted: this.#value.wizardCompleted,
      ...(this.launchAtLogin ? { launchAtLogin: this.launchAtLogin.get() } : {}),
      ...(this.globalHotkeys ? { hotkeys: { ...this.#value.hotkeys, pauseAllOffered: this.globalHotkeys.pauseAll } } : {}),
    };
  }

  update(changes: Omit<Partial<PreferencesView>, 'hotkeys'> & { hotkeys?: Omit<HotkeyPreferences, 'pauseAllOffered'> }): PreferencesView {
    const { launchAtLogin, browserPath, ...stored } = changes;
    if (stored.hotkeys) checkHotkeys(stored.hotkeys);
    const allowed = this.defaults.allowedBotsFolders;
    if (stored.botsDir !== undefined && !isAllowedBotPath(stored.botsDir, allowed)) {
      const error = supervisorError('bots_folder_not_allowed', stored.botsDir, (allowed ?? []).join(', '));
      throw Object.assign(error, { fields: { botsDir: error.message } });
    }
    // An empty browser path means "find an installed one" again.
    const browser = browserPath === undefined ? this.#value.browserPath : browserPath.trim() === '' ? undefined : browserPath.trim();
    if (browser !== undefined && !posix.isAbsolute(browser) && !win32.isAbsolute(browser)) {
      const error = supervisorError('browser_path_invalid');
      throw Object.assign(error, { fields: { browserPath: error.message } });
    }
    // A new path is refused like every other field check here: a browser that is not there will not
    // appear by itself. One saved earlier and since uninstalled does not block saving other
    // preferences (finishing the wizard, say): the bot's own browser_path_missing says it then.
    const problem = browser === undefined || browser === this.#value.browserPath ? undefined : browserProgramProblem(browser);
    if (problem !== undefined) {
      const error = supervisorError(problem, browser as string);
      throw Object.assign(error, { fields: { browserPath: error.message } });
    }
    const { browserPath: _previous, ...kept } = this.#value;
    this.#value = preferencesSchema.parse({ ...kept, ...stored, ...(browser === undefined ? {} : { browserPath: browser }) });
    this.settings.set(key, { ...Object.fromEntries(this.#unknown), ...this.#value });
    if (launchAtLogin !== undefined) this.launchAtLogin?.set(launchAtLogin);
    return this.view();
  }

  #botsDir(): { dir: string; ignored?: string } {
    return effectiveBotsDir({ chosen: this.#value.botsDir, defaultDir: this.defaults.botsDir, allowedFolders: this.defaults.allowedBotsFolders });
  }
}

/** Each known preference on its own (an invalid one becomes its default), and the fields not known here. */
function readPreferences(raw: unknown): { value: StoredPreferences; invalid: boolean; unknown: [string, unknown][] } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { value: preferencesSchema.parse({}), invalid: true, unknown: [] };
  const known: Record<string, unknown> = {};
  let invalid = false;
  for (const [name, schema] of Object.entries(preferencesSchema.shape)) {
    if (!Object.hasOwn(raw, name)) continue;
    const field = schema.safeParse((raw as Record<string, unknown>)[name]);
    if (field.success) known[name] = field.data;
    else invalid = true;
  }
  const unknown = Object.entries(raw).filter(([name]) => !Object.hasOwn(preferencesSchema.shape, name));
  return { value: preferencesSchema.parse(known), invalid, unknown };
}

/**
 * Whether the browser program can be started: a file (not a folder) that this user may execute.
 * Windows has no execute bit, so there only its presence is checked.
 */
export function browserProgramProblem(path: string): 'browser_path_missing' | 'browser_not_executable' | undefined {
  let stats;
  try {
    stats = statSync(path);
  } catch {
    return 'browser_path_missing';
  }
  if (!stats.isFile()) return 'browser_path_missing';
  try {
    accessSync(path, constants.X_OK);
  } catch {
    return 'browser_not_executable';
  }
  return undefined;
}

/** Refuses an accelerator that could never be registered, naming the field (`hotkey_invalid`). */
function checkHotkeys(hotkeys: { enabled: boolean; stopAll: string; pauseAll: string }): void {
  for (const field of ['stopAll', 'pauseAll'] as const) {
    const text = hotkeys[field];
    if (text.trim() === '') continue;
    const check = checkAccelerator(text);
    if (!check.ok) {
      const message = errorMessage('hotkey_invalid', text, check.detail);
      throw new SupervisorError('hotkey_invalid', message, { fields: { [`hotkeys.${field}`]: message } });
    }
  }
}
