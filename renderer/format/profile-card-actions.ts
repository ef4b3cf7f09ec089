import type { ProfileView } from '../../app/common/contract.js';

export interface ProfileCardActions {
  edit: boolean;
  duplicate: boolean;
  delete: boolean;
}

/**
 * What a profile card offers. `userProfilesAllowed` is the machine policy's rule, the same one
 * that offers "Add a profile": a copy is a new profile. Built-in profiles are the host's, never
 * copied; a locked (policy) profile may be copied where the policy lets people add their own,
 * since the copy is theirs and the original stays as it is.
 */
export function profileCardActions(profile: Pick<ProfileView, 'locked' | 'builtIn'>, userProfilesAllowed: boolean): ProfileCardActions {
  const changeable = userProfilesAllowed && !profile.locked && !profile.builtIn;
  return { edit: changeable, duplicate: userProfilesAllowed && !profile.builtIn, delete: changeable };
}
