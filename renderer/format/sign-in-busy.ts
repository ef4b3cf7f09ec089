import type { SessionView } from '../../app/common/contract.js';

/** A sign-in the core holds for a profile: its page waits in the browser, or its answer is being checked. */
export type SignInUnderway = 'waiting' | 'finishing';

/** Why a profile's Sign in or Re-authenticate starts nothing now: this press's start, or one under way. */
export type SignInBusy = 'starting' | SignInUnderway;

/** The profiles whose sign-in is under way, by profile id. */
export function signInsUnderway(sessions: readonly Pick<SessionView, 'profileId' | 'status'>[]): ReadonlyMap<string, SignInUnderway> {
  const underway = new Map<string, SignInUnderway>();
  for (const { profileId, status } of sessions) {
    if (status === 'waitingForBrowser') underway.set(profileId, 'waiting');
    else if (status === 'exchanging') underway.set(profileId, 'finishing');
  }
  return underway;
}

/**
 * Whether a press of Sign in or Re-authenticate would start a second sign-in, and why. The core
 * lets a new start replace a waiting one (S11), so the page the person is finishing would then
 * fail: the button refuses instead. A sign-in under way says more than this press's own start.
 */
export function signInBusy(starting: boolean, underway: SignInUnderway | undefined): SignInBusy | undefined {
  return underway ?? (starting ? 'starting' : undefined);
}
