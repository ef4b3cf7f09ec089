import { z } from 'zod';
import type { BotManifest } from '../bots/bot-manifest.js';
import type { SettingsStore } from '../ports/settings-store.js';

const poolSchema = z.string().regex(/^[a-z0-9-]{1,40}$/);
const storedSchema = z.record(z.string().min(1).max(64), poolSchema.nullable());
const settingsKey = 'botPools';

/**
 * Where each bot's runs go, set in Settings → Workers over the manifest's `pool`: a pool, or
 * `null` for this computer. A bot without a setting follows its manifest. Kept in the settings
 * under `botPools`; an unreadable value is ignored (every bot follows its manifest).
 */
export class BotPools {
  readonly #settings: SettingsStore;
  readonly #overrides: Map<string, string | null>;

  constructor(settings: SettingsStore) {
    this.#settings = settings;
    const parsed = storedSchema.safeParse(settings.get(settingsKey) ?? {});
    this.#overrides = new Map(parsed.success ? Object.entries(parsed.data) : []);
  }

  /** The bot's setting: a pool, null (this computer), or undefined (its manifest decides). */
  override(botId: string): string | null | undefined {
    return this.#overrides.get(botId);
  }

  /** The pool the bot's next run goes to; undefined runs it on this computer. */
  poolOf(bot: Pick<BotManifest, 'id' | 'pool'>): string | undefined {
    const override = this.#overrides.get(bot.id);
    return override === undefined ? bot.pool : (override ?? undefined);
  }

  set(botId: string, pool: string | null | undefined): void {
    if (pool === undefined) this.#overrides.delete(botId);
    else this.#overrides.set(botId, pool);
    this.#settings.set(settingsKey, Object.fromEntries(this.#overrides));
  }
}
