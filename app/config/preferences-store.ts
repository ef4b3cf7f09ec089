import { z } from 'zod';
import type { PreferencesView } from '../common/contract.js';
import type { SettingsStore } from '../ports/settings-store.js';

const preferencesSchema = z.object({
  botsDir: z.string().min(1).max(4096).optional(),
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
    private readonly defaults: { botsDir: string },
    private readonly launchAtLogin?: { get(): boolean; set(enabled: boolean): void },
  ) {
    const parsed = preferencesSchema.safeParse(settings.get(key) ?? {});
    this.#value = parsed.success ? parsed.data : preferencesSchema.parse({});
    this.hadInvalidValue = !parsed.success;
  }

  /** True when the stored preferences were unreadable and defaults were used. */
  readonly hadInvalidValue: boolean;

  view(): PreferencesView {
    return {
      botsDir: this.#value.botsDir ?? this.defaults.botsDir,
      maxConcurrentRuns: this.#value.maxConcurrentRuns,
      wizardCompleted: this.#value.wizardCompleted,
      ...(this.launchAtLogin ? { launchAtLogin: this.launchAtLogin.get() } : {}),
    };
  }

  update(changes: Partial<PreferencesView>): PreferencesView {
    const { launchAtLogin, ...stored } = changes;
    this.#value = preferencesSchema.parse({ ...this.#value, ...stored });
    this.settings.set(key, this.#value);
    if (launchAtLogin !== undefined) this.launchAtLogin?.set(launchAtLogin);
    return this.view();
  }
}
