import Conf from 'conf';
import type { SettingsStore } from '../../app/ports/settings-store.js';

/** SettingsStore over `conf`, the Node sibling of electron-store, for the browser host. */
export class ConfSettingsStore implements SettingsStore {
  readonly #conf: Conf<Record<string, unknown>>;

  constructor(directory: string) {
    this.#conf = new Conf<Record<string, unknown>>({ cwd: directory, configName: 'settings', projectName: 'rpa-supervisor' });
  }

  get path(): string {
    return this.#conf.path;
  }

  get(key: string): unknown {
    return this.#conf.get(key);
  }

  set(key: string, value: unknown): void {
    this.#conf.set(key, value);
  }
}
