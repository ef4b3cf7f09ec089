import { signInBusy } from '../format/sign-in-busy.js';
import { useCommand } from './use-command.js';
import { useSignInUnderway } from './sign-ins-underway.js';

/**
 * Sign-in actions for one profile, shared by the header, the banners and the sign-in card so
 * every "Re-authenticate" button does exactly the same thing. Re-authentication forces the
 * provider's login page (prompt=login) so another person can take over supervision.
 *
 * While this caller's start is on its way, or a sign-in for the profile waits in the browser or
 * is being finished, `signInBusy` says which and Sign in / Re-authenticate start nothing: the
 * core would let a second start replace the waiting one (S11), and the page the person is
 * finishing would then fail. The buttons stay focusable meanwhile (`aria-disabled`).
 *
 * Cancel, Sign out and "Continue in the browser anyway" likewise refuse a press while their own
 * command is on its way, and their buttons stay focusable (`aria-disabled`, never `disabled`,
 * which drops keyboard focus to the page).
 */
export function useSessionActions(profileId: string) {
  const signIn = useCommand('signIn');
  const cancelSignIn = useCommand('cancelSignIn');
  const signOut = useCommand('signOut');
  const openSignInPage = useCommand('openSignInPage');
  const busy = signInBusy(signIn.pending, useSignInUnderway(profileId));
  return {
    pending: signIn.pending || cancelSignIn.pending || signOut.pending,
    signIn: () => {
      if (busy === undefined) void signIn.run({ profileId });
    },
    reauthenticate: () => {
      if (busy === undefined) void signIn.run({ profileId, prompt: 'login' });
    },
    cancel: () => {
      if (!cancelSignIn.pending) void cancelSignIn.run({ profileId });
    },
    signOut: () => {
      if (!signOut.pending) void signOut.run({ profileId });
    },
    /** After a refused pre-flight (S55): open the provider's page in the browser anyway. */
    openSignInPage: () => {
      if (!openSignInPage.pending) void openSignInPage.run({ profileId });
    },
    openSignInPagePending: openSignInPage.pending,
    /** Why Sign in and Re-authenticate start nothing now, if they do not. */
    signInBusy: busy,
    cancelPending: cancelSignIn.pending,
    signOutPending: signOut.pending,
  };
}
