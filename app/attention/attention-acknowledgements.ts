import type { SettingsStore } from '../ports/settings-store.js';

const key = 'attentionAcknowledged';
/** Old acknowledgements are forgotten beyond this many (the ids they named are long gone). */
const maxKept = 500;

/**
 * Which attention items someone has acknowledged, kept in the settings store so an item
 * acknowledged once stays acknowledged after a restart.
 */
export class AttentionAcknowledgements {
  readonly #settings: SettingsStore;
  readonly #ids: string[];

  constructor(settings: SettingsStore) {
    this.#settings = settings;
    const stored = settings.get(key);
    this.#ids = Array.isArray(stored) ? stored.filter((id): id is string => typeof id === 'string' && id.length <= 300).slice(-maxKept) : [];
  }

  has(itemId: string): boolean {
    return this.#ids.includes(itemId);
  }

  /** Returns whether anything new was acknowledged. */
  acknowledge(itemIds: readonly string[]): boolean {
    const added = itemIds.filter((id) => !this.#ids.includes(id));
    if (added.length === 0) return false;
    this.#ids.push(...added);
    this.#ids.splice(0, Math.max(0, this.#ids.length - maxKept));
    this.#settings.set(key, [...this.#ids]);
    return true;
  }
}
