import type { ProfileView } from '../../../app/common/contract.js';
import { formFromProfile, type ProfileFormValues } from '../../format/profile-form.js';
import { profileFormChanged } from './profile-form-changed.js';

/** What the profile editor is open on: a new profile (perhaps a copy of one) or a saved one. */
export type ProfileEditing = { kind: 'new'; values: ProfileFormValues; copiedFrom?: ProfileView } | { kind: 'edit'; profile: ProfileView } | null;

export interface KeptProfileDraft {
  editing: NonNullable<ProfileEditing>;
  values: ProfileFormValues;
}

// Memory only, never stored: a reload or a new window starts without it.
let kept: KeptProfileDraft | null = null;

/** The values the editor opened with. */
export function editingInitial(editing: NonNullable<ProfileEditing>): ProfileFormValues {
  return editing.kind === 'new' ? editing.values : formFromProfile(editing.profile);
}

/** One editor per key: a new one, a copy of a profile, or a profile's Edit. */
export function editingKey(editing: NonNullable<ProfileEditing>): string {
  return editing.kind === 'edit' ? `edit:${editing.profile.id}` : editing.copiedFrom ? `copy-of:${editing.copiedFrom.id}` : 'new';
}

/**
 * Leaving Settings for another section keeps the editor's unsaved changes until Settings opens
 * again, unasked: the way out is often an attention item or a sign-in that must not wait behind a
 * question. Nothing is kept when nothing changed, nor for a profile deleted meanwhile.
 */
export function keepProfileDraft(editing: ProfileEditing, values: ProfileFormValues | null): void {
  kept = editing && values && profileFormChanged(editingInitial(editing), values) ? { editing, values } : null;
}

export function keptProfileDraft(profiles: readonly ProfileView[]): KeptProfileDraft | null {
  const editing = kept?.editing;
  if (editing?.kind === 'edit' && !profiles.some((profile) => profile.id === editing.profile.id)) return null;
  return kept;
}
