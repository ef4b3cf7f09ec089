import { RecoveringSettingsStore } from '../../app/config/recovering-settings-store.js';

export type { JsonFileStore } from '../../app/config/recovering-settings-store.js';

/**
 * SettingsStore over electron-store, with the move-aside recovery of a corrupt file that both
 * hosts share (RecoveringSettingsStore, S27).
 *
 * Open electron-store with `accessPropertiesByDotNotation: false` so a key containing a dot
 * (a profile id) is stored as one key, not a nested path, and with `clearInvalidConfig: false`
 * so a corrupt file is kept as a backup instead of being silently emptied.
 */
export class ElectronStoreSettingsStore extends RecoveringSettingsStore {}
