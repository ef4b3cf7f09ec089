import type { ImportResult, ProfileView } from '../common/contract.js';
import { supervisorError } from '../error-catalogue.js';
import type { ProfileRegistry } from './profile-registry.js';
import type { ProfileStore } from './profile-store.js';
import { fieldValidationError, isDraft, validateProfile, type FieldErrors } from './profile-validation.js';
import type { Profile } from './profile.js';

export const maxImportedProfiles = 100;

export interface ProfileChange {
  profileId: string;
  before: Profile | undefined;
  after: Profile | undefined;
}

export interface SaveProfileOptions {
  /** A new profile: an id that is taken is refused (`profile_exists`), never replaced. */
  create?: boolean;
  /** May be saved without a client id, as a draft that cannot sign in yet. */
  asDraft?: boolean;
}

interface Deps {
  store: ProfileStore;
  /** Built-in profiles (never editable), client secrets, and the view of a profile. */
  registry: Pick<ProfileRegistry, 'isBuiltIn' | 'hasClientSecret' | 'setClientSecret' | 'deleteClientSecret' | 'view' | 'list'>;
  /** Runs after every save or import, and just before a deletion: forget discovery, end a session. */
  onChanged: (change: ProfileChange) => Promise<void>;
}

/**
 * The rules for changing profiles: validation with field-by-field errors, locked and built-in
 * profiles refused, no silent duplicates (a taken id, or a second profile for the same issuer and
 * client id), client secrets kept only in the SecretStore, drafts, and partial imports.
 */
export class ProfileEditor {
  constructor(private readonly deps: Deps) {}

  async save(input: Record<string, unknown>, clientSecret?: string, options: SaveProfileOptions = {}): Promise<ProfileView> {
    const result = validateProfile(input, { allowDraft: options.asDraft === true, asEntered: true });
    if (!result.ok) throw fieldValidationError(result.fields);
    const profile = result.profile;
    const before = this.#checkWritable(profile.id);
    if (options.create && before) throw Object.assign(supervisorError('profile_exists', profile.id), { fields: { id: 'is already the id of another profile' } });
    const twin = this.#sameRegistration(profile);
    if (twin) throw duplicateError(twin);

    // Pasted secrets bring a stray space or line break along; only an inner control character means two things were pasted.
    const secret = clientSecret === undefined || clientSecret.trim() === '' ? undefined : clientSecret.trim();
    if (secret !== undefined && /[\u0000-\u001f\u007f-\u009f]/.test(secret)) {
      throw fieldValidationError({ clientSecret: 'must not contain line breaks, tabs or control characters: copy it again exactly as the provider issued it' });
    }
    // A secret typed while authentication is "None" would be dropped without a word; refuse it.
    if (profile.clientAuth === 'none' && secret !== undefined) {
      throw fieldValidationError({ clientSecret: 'was entered, but client authentication is "none"; choose client_secret_basic or client_secret_post, or leave the secret empty' });
    }
    // A draft may wait for its secret as it waits for its client id: the provider issues both.
    if (profile.clientAuth !== 'none' && secret === undefined && !this.deps.registry.hasClientSecret(profile.id) && !isDraft(profile)) {
      const fields: FieldErrors = { clientSecret: `is required when client authentication is ${profile.clientAuth}` };
      throw fieldValidationError(fields);
    }
    if (profile.clientAuth === 'none') await this.deps.registry.deleteClientSecret(profile.id);
    else if (secret !== undefined) await this.deps.registry.setClientSecret(profile.id, secret);
    this.deps.store.put(profile);
    await this.deps.onChanged({ profileId: profile.id, before, after: profile });
    return this.deps.registry.view(profile);
  }

  async delete(profileId: string): Promise<void> {
    if (this.deps.registry.isBuiltIn(profileId)) throw supervisorError('profile_builtin');
    const before = this.deps.store.get(profileId);
    if (!before) throw supervisorError('unknown_profile', profileId);
    if (before.locked) throw supervisorError('profile_locked', before.name);
    // Before removal, so that signing its session out can still revoke at the provider.
    await this.deps.onChanged({ profileId, before, after: undefined });
    await this.deps.registry.deleteClientSecret(profileId);
    this.deps.store.remove(profileId);
  }

  /**
   * Imports every valid entry of a JSON profile file and reports each invalid one field by field,
   * naming the entry by the name and id it gives. Accepts a bare list, `{ "profiles": [...] }`,
   * or a settings export with `schemaVersion`.
   */
  async import(json: string): Promise<ImportResult> {
    let parsed: unknown;
    try {
      parsed = JSON.parse(json);
    } catch {
      throw supervisorError('profiles_import_invalid', 'it is not valid JSON');
    }
    const entries = Array.isArray(parsed) ? parsed : (parsed as { profiles?: unknown } | null)?.profiles;
    if (!Array.isArray(entries)) throw supervisorError('profiles_import_invalid', 'it has no list of profiles');
    if (entries.length > maxImportedProfiles) {
      throw supervisorError('profiles_import_invalid', `it has more than ${maxImportedProfiles} profiles`);
    }

    const result: ImportResult = { imported: [], errors: [] };
    const seen = new Set<string>();
    for (const [index, entry] of entries.entries()) {
      const validation = validateProfile(entry, { asEntered: true });
      let fields: FieldErrors | undefined = validation.ok ? undefined : validation.fields;
      if (validation.ok) {
        const { id } = validation.profile;
        const twin = this.#sameRegistration(validation.profile);
        if (seen.has(id)) fields = { id: 'appears more than once in this file' };
        else if (this.deps.registry.isBuiltIn(id)) fields = { id: 'is the id of a built-in profile; choose another' };
        else if (this.deps.store.get(id)?.locked) fields = { id: 'belongs to a locked profile, which an import cannot replace' };
        else if (twin) fields = { clientId: duplicateMessage(twin) };
        seen.add(id);
      }
      if (fields || !validation.ok) {
        const names = entryNames(entry);
        for (const [field, message] of Object.entries(fields ?? {})) result.errors.push({ index, field, message, ...names });
        continue;
      }
      const before = this.deps.store.get(validation.profile.id);
      this.deps.store.put(validation.profile);
      await this.deps.onChanged({ profileId: validation.profile.id, before, after: validation.profile });
      result.imported.push(this.deps.registry.view(validation.profile));
    }
    return result;
  }

  #checkWritable(profileId: string): Profile | undefined {
    if (this.deps.registry.isBuiltIn(profileId)) throw supervisorError('profile_builtin');
    const before = this.deps.store.get(profileId);
    if (before?.locked) throw supervisorError('profile_locked', before.name);
    return before;
  }

  /** Another profile (by id) with the same issuer and client id: the same registration twice. */
  #sameRegistration(profile: Profile): Profile | undefined {
    if (isDraft(profile)) return undefined;
    const issuer = normaliseIssuer(profile.issuer);
    return this.deps.registry.list().find((other) => other.id !== profile.id && other.clientId === profile.clientId && normaliseIssuer(other.issuer) === issuer);
  }
}

function duplicateMessage(twin: Profile): string {
  return `is already used with this provider by the profile "${twin.name}" (${twin.id}); edit that profile instead`;
}

function duplicateError(twin: Profile): Error {
  return Object.assign(supervisorError('profile_duplicate', twin.name), { fields: { clientId: duplicateMessage(twin) } });
}

/** `https://auth.example.org/` and `https://auth.example.org` name the same provider here. */
function normaliseIssuer(issuer: string): string {
  return issuer.replace(/\/+$/, '').toLowerCase();
}

/** What an imported entry calls itself, as plain text, so a problem can name it. */
function entryNames(entry: unknown): { profileName?: string; profileId?: string } {
  if (typeof entry !== 'object' || entry === null) return {};
  const { name, id } = entry as { name?: unknown; id?: unknown };
  const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim().slice(0, 100) : undefined);
  const profileName = text(name);
  const profileId = text(id);
  return { ...(profileName !== undefined ? { profileName } : {}), ...(profileId !== undefined ? { profileId } : {}) };
}
