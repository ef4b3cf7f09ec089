import { join } from 'node:path';
import Conf from 'conf';
import { RecoveringSettingsStore } from '../../app/config/recovering-settings-store.js';
import { nullLogger, type Logger } from '../../app/ports/logger.js';

/**
 * SettingsStore over `conf`, the Node sibling of electron-store, for the browser host. conf throws
 * on a corrupt file (its `clearInvalidConfig` is off by default, and turning it on would silently
 * empty the file), so it gets the same move-aside recovery as the Electron store (S27).
 */
export class ConfSettingsStore extends RecoveringSettingsStore {
  constructor(directory: string, options: { logger?: Logger; now?: () => number } = {}) {
    super({
      filePath: join(directory, 'settings.json'),
      logger: options.logger ?? nullLogger,
      ...(options.now ? { now: options.now } : {}),
      // 0600: the settings name the admin's providers and bots folder; nobody else needs to read them.
      open: () => new Conf<Record<string, unknown>>({ cwd: directory, configName: 'settings', projectName: 'rpa-supervisor', configFileMode: 0o600 }),
    });
  }
}
