import { createContext, useContext } from 'react';
import type { SignInUnderway } from '../format/sign-in-busy.js';

/**
 * The profiles whose sign-in is under way (format/sign-in-busy.ts `signInsUnderway` of the
 * snapshot's sessions), so every Sign in and Re-authenticate knows it without being handed the
 * sessions. The value changes only when a session does, so a bot card re-renders only then.
 */
export const SignInsUnderwayContext = createContext<ReadonlyMap<string, SignInUnderway>>(new Map());

/** The profile's sign-in under way, if any. */
export function useSignInUnderway(profileId: string): SignInUnderway | undefined {
  return useContext(SignInsUnderwayContext).get(profileId);
}
