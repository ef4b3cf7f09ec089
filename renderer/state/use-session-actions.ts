import { useCommand } from './use-command.js';

/**
 * Sign-in actions for one profile, shared by the header, the banners and the sign-in card so
 * every "Re-authenticate" button does exactly the same thing. Re-authentication forces the
 * provider's login page (prompt=login) so another person can take over supervision.
 */
export function useSessionActions(profileId: string) {
  const signIn = useCommand('signIn');
  const cancelSignIn = useCommand('cancelSignIn');
  const signOut = useCommand('signOut');
  const openSignInPage = useCommand('openSignInPage');
  return {
    pending: signIn.pending || cancelSignIn.pending || signOut.pending,
    signIn: () => void signIn.run({ profileId }),
    reauthenticate: () => void signIn.run({ profileId, prompt: 'login' }),
    cancel: () => void cancelSignIn.run({ profileId }),
    signOut: () => void signOut.run({ profileId }),
    /** After a refused pre-flight (S55): open the provider's page in the browser anyway. */
    openSignInPage: () => void openSignInPage.run({ profileId }),
    openSignInPagePending: openSignInPage.pending,
    signInPending: signIn.pending,
    cancelPending: cancelSignIn.pending,
    signOutPending: signOut.pending,
  };
}
