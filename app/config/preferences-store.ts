import { posix, win32 } from 'node:path';
import { z } from 'zod';
import type { PreferencesView } from '../common/contract.js';
import { supervisorError } from '../error-catalogue.js';
import { effectiveBotsDir, isAllowedBotPath } from '../policy/bot-folders.js';
import type { SettingsStore } from '../ports/settings-store.js';

const preferencesSchema = z.object({
  botsDir: z.string().min(1).max(4096).optional(),
  /** The browser Playwright bots launch (RPA_BROWSER_PATH); absent: an installed Edge or Chrome. */
  browserPath: z.string().min(1).max(4096).optional(),
  maxConcurrentRuns: z.number().int().min(1).max(64).default(8),
  wizardCompleted: z.boolean().default(false),
});

type StoredPreferences = z.infer<typeof preferencesSchema>;
const key = 'preferences';

/**
 * App-wide preferences in the SettingsStore. A stored value that fails the schema is replaced by
 * defaults rather than crashing start-up (S27); the store adapter keeps a backup of the bad file.
 */
export class PreferencesStore {
  #value: StoredPreferences;

  constructor(
    private readonly settings: SettingsStore,
    /** `allowedBotsFolders`: the machine policy's `bots.allowedFolders`, which the bots folder must lie in. */
    private readonly defaults: { botsDir: string; allowedBotsFolders?: readonly string[] | undefined },
    private readonly launchAtLogin?: { get(): boolean; set(enabled: boolean): void },
  ) {
    const parsed = preferencesSchema.safeParse(settings.get(key) ?? {});
    this.#value = parsed.success ? parsed.data : preferencesSchema.parse({});
    this.hadInvalidValue = !parsed.success;
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
    };
  }

  update(changes: Partial<PreferencesView>): PreferencesView {
    const { launchAtLogin, browserPath, ...stored } = changes;
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
    const { browserPath: _previous, ...kept } = this.#value;
    this.#value = preferencesSchema.parse({ ...kept, ...stored, ...(browser === undefined ? {} : { browserPath: browser }) });
    this.settings.set(key, this.#value);
    if (launchAtLogin !== undefined) this.launchAtLogin?.set(launchAtLogin);
    return this.view();
  }

  #botsDir(): { dir: string; ignored?: string } {
    return effectiveBotsDir({ chosen: this.#value.botsDir, defaultDir: this.defaults.botsDir, allowedFolders: this.defaults.allowedBotsFolders });
  }
}
