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
  return {
    pending: signIn.pending || cancelSignIn.pending || signOut.pending,
    signIn: () => void signIn.run({ profileId }),
    reauthenticate: () => void signIn.run({ profileId, prompt: 'login' }),
    cancel: () => void cancelSignIn.run({ profileId }),
    signOut: () => void signOut.run({ profileId }),
    signInPending: signIn.pending,
    cancelPending: cancelSignIn.pending,
    signOutPending: signOut.pending,
  };
}
