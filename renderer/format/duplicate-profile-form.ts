import type { ProfileView } from '../../app/common/contract.js';
import { copy } from '../copy.js';
import { formFromProfile, uniqueProfileId, type ProfileFormValues } from './profile-form.js';

// The core's limits (app/config/profile.ts): room is left for "-copy-99" and " (copy 99)".
const maxIdLength = 64;
const maxNameLength = 100;

/**
 * The editor's starting values for a copy of `source` (UAT and live of one provider differ in
 * little more than the issuer): every setting carried over, a free id and name, and never the
 * client secret, which stays in the core and belongs to one registration.
 */
export function duplicateProfileForm(source: ProfileView, existing: readonly Pick<ProfileView, 'id' | 'name'>[]): ProfileFormValues {
  const form = formFromProfile(source);
  const idBase = `${source.id.slice(0, maxIdLength - 8)}-copy`;
  const names = new Set(existing.map((profile) => profile.name));
  const nameBase = source.name.slice(0, maxNameLength - 10);
  let n = 1;
  while (names.has(copy.profileForm.copyName(nameBase, n))) n++;
  return {
    ...form,
    id: uniqueProfileId(idBase, existing.map((profile) => profile.id)),
    name: copy.profileForm.copyName(nameBase, n),
    clientSecret: '',
  };
}
