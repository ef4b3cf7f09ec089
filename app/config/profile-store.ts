import type { Logger } from '../ports/logger.js';
import type { SettingsStore } from '../ports/settings-store.js';
import { currentProfilesSchemaVersion, migrateProfilesValue } from './profile-migrations.js';
import { validateProfile } from './profile-validation.js';
import type { Profile } from './profile.js';

export const profilesSettingsKey = 'profiles';

/** Where a copy of an unreadable profiles value is kept; no dots, because conf nests on them. */
export function profilesBackupKey(at: number): string {
  return `profiles-backup-${at}`;
}

/**
 * The admin's provider profiles in the SettingsStore, versioned and migrated on load. A stored
 * value that is corrupt or fails the schema never crashes start-up (S27): the raw value is copied
 * to a backup key, the readable profiles (or none) are used, and `recovered` tells the facade to
 * post a notice. Secrets are not here: client secrets live in the SecretStore.
 */
export class ProfileStore {
  #profiles: Profile[] = [];
  /** Set when the stored value could not be fully read; names the backup key. */
  readonly recovered: { backupKey: string; dropped: number } | undefined;

  constructor(
    private readonly settings: SettingsStore,
    private readonly deps: { now: () => number; logger: Logger },
  ) {
    this.recovered = this.#load();
  }

  list(): Profile[] {
    return [...this.#profiles];
  }

  get(profileId: string): Profile | undefined {
    return this.#profiles.find((profile) => profile.id === profileId);
  }

  /** Adds or replaces by id, keeping the admin's order. */
  put(profile: Profile): void {
    const index = this.#profiles.findIndex((p) => p.id === profile.id);
    if (index === -1) this.#profiles.push(profile);
    else this.#profiles[index] = profile;
    this.#write();
  }

  remove(profileId: string): boolean {
    const before = this.#profiles.length;
    this.#profiles = this.#profiles.filter((p) => p.id !== profileId);
    if (this.#profiles.length === before) return false;
    this.#write();
    return true;
  }

  #load(): { backupKey: string; dropped: number } | undefined {
    let raw: unknown;
    try {
      raw = this.settings.get(profilesSettingsKey);
    } catch (error) {
      this.deps.logger.warn('the stored profiles could not be read; defaults are used', { error: errorName(error) });
      return { backupKey: 'none', dropped: 0 };
    }
    if (raw === undefined) return undefined;

    const migrated = migrateProfilesValue(raw);
    const entries = migrated && Array.isArray(migrated.profiles) ? (migrated.profiles as unknown[]) : undefined;
    const valid: Profile[] = [];
    let dropped = entries ? 0 : 1;
    for (const entry of entries ?? []) {
      // Drafts (no client id yet) are stored like any profile; only imports must be complete.
      const result = validateProfile(entry, { allowDraft: true });
      if (result.ok && !valid.some((p) => p.id === result.profile.id)) valid.push(result.profile);
      else dropped += 1;
    }
    this.#profiles = valid;
    if (dropped === 0) {
      // An older version is written back in the current shape once it has been read.
      if (Array.isArray(raw)) this.#write();
      return undefined;
    }
    // Nothing is lost: the whole old value is kept verbatim for the administrator.
    const backupKey = profilesBackupKey(this.deps.now());
    this.settings.set(backupKey, JSON.stringify(raw));
    this.#write();
    this.deps.logger.warn('stored profiles were not valid; a backup was kept and the readable ones are used', {
      code: 'profiles_reset',
      backupKey,
      dropped,
    });
    return { backupKey, dropped };
  }

  #write(): void {
    this.settings.set(profilesSettingsKey, { schemaVersion: currentProfilesSchemaVersion, profiles: this.#profiles });
  }
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}
