import type { ProfileView } from '../../app/common/contract.js';

/** How Sign in with a profile finds out who is signing in, as its card says. */
export type ProfileSignInMode = 'asks' | 'reusesBrowser' | 'asksByPolicy';

/**
 * What applies, not only what the profile says: under a machine policy that asks who signs in
 * (`askWhoSignsIn`) the profile's own reuse is overruled, and an admin checking a shared PC must
 * not read "uses the browser's sign-in" for a sign-in that in fact asks (hazard H8).
 */
export function profileSignInMode(profile: Pick<ProfileView, 'reuseBrowserSignIn'>, policyAsks: boolean): ProfileSignInMode {
  if (policyAsks) return 'asksByPolicy';
  return profile.reuseBrowserSignIn ? 'reusesBrowser' : 'asks';
}
